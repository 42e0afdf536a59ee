"""Partners join a household with a one-time code and then share its babies."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import update

from tests.factories import add_baby, assert_error, make_parent

TODAY = date.today()


def _invite(client, parent):
    response = client.post("/api/v1/family/invites", headers=parent["headers"])
    assert response.status_code == 201
    return response.get_json()["code"]


def test_partner_joins_and_sees_the_same_baby(client):
    mum = make_parent(client)
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=12))
    partner = make_parent(client, role="partner")
    code = _invite(client, mum)
    response = client.post("/api/v1/family/join", json={"code": code.lower()}, headers=partner["headers"])
    assert response.status_code == 200
    assert {a["role"] for a in response.get_json()["adults"]} == {"birthing_parent", "partner"}
    seen = client.get(f"/api/v1/babies/{baby['id']}", headers=partner["headers"])
    assert seen.status_code == 200


def test_partners_own_babies_come_along(client):
    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    theirs = add_baby(client, partner, due_date=TODAY + timedelta(weeks=12))
    client.post("/api/v1/family/join", json={"code": _invite(client, mum)}, headers=partner["headers"])
    assert client.get(f"/api/v1/babies/{theirs['id']}", headers=mum["headers"]).status_code == 200


def test_a_code_works_once(client):
    mum = make_parent(client)
    code = _invite(client, mum)
    first = make_parent(client, role="partner")
    second = make_parent(client, role="partner")
    assert client.post("/api/v1/family/join", json={"code": code}, headers=first["headers"]).status_code == 200
    response = client.post("/api/v1/family/join", json={"code": code}, headers=second["headers"])
    assert_error(response, 404, "invalid_invite")


def test_an_expired_code_is_refused(client, app):
    mum = make_parent(client)
    code = _invite(client, mum)
    from parent_app.extensions import db
    from parent_app.models import FamilyInvite

    with app.app_context():
        db.session.execute(update(FamilyInvite).values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
        db.session.commit()
    partner = make_parent(client, role="partner")
    assert_error(client.post("/api/v1/family/join", json={"code": code}, headers=partner["headers"]), 404)


def test_unknown_code_is_a_404_and_joining_your_own_family_a_409(client):
    mum = make_parent(client)
    assert_error(client.post("/api/v1/family/join", json={"code": "ABCDE-FGHJK"}, headers=mum["headers"]), 404)
    code = _invite(client, mum)
    assert_error(client.post("/api/v1/family/join", json={"code": code}, headers=mum["headers"]), 409)


def test_a_stranger_cannot_see_the_family(client):
    mum = make_parent(client)
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=12))
    stranger = make_parent(client)
    assert_error(client.get(f"/api/v1/babies/{baby['id']}", headers=stranger["headers"]), 404)
    family = client.get("/api/v1/family", headers=stranger["headers"]).get_json()
    assert family["babies"] == []
