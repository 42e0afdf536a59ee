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
    response = client.post(
        "/api/v1/family/join", json={"code": code.lower()}, headers=partner["headers"]
    )
    assert response.status_code == 200
    assert {a["role"] for a in response.get_json()["adults"]} == {
        "birthing_parent",
        "partner",
    }
    seen = client.get(f"/api/v1/babies/{baby['id']}", headers=partner["headers"])
    assert seen.status_code == 200


def test_partners_own_babies_come_along(client):
    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    theirs = add_baby(client, partner, due_date=TODAY + timedelta(weeks=12))
    client.post(
        "/api/v1/family/join",
        json={"code": _invite(client, mum)},
        headers=partner["headers"],
    )
    assert (
        client.get(f"/api/v1/babies/{theirs['id']}", headers=mum["headers"]).status_code
        == 200
    )


def test_a_code_works_once(client):
    mum = make_parent(client)
    code = _invite(client, mum)
    first = make_parent(client, role="partner")
    second = make_parent(client, role="partner")
    assert (
        client.post(
            "/api/v1/family/join", json={"code": code}, headers=first["headers"]
        ).status_code
        == 200
    )
    response = client.post(
        "/api/v1/family/join", json={"code": code}, headers=second["headers"]
    )
    assert_error(response, 404, "invalid_invite")


def test_an_expired_code_is_refused(client, app):
    mum = make_parent(client)
    code = _invite(client, mum)
    from parent_app.extensions import db
    from parent_app.models import FamilyInvite

    with app.app_context():
        db.session.execute(
            update(FamilyInvite).values(
                expires_at=datetime.now(UTC) - timedelta(minutes=1)
            )
        )
        db.session.commit()
    partner = make_parent(client, role="partner")
    assert_error(
        client.post(
            "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
        ),
        404,
    )


def test_unknown_code_is_a_404_and_joining_your_own_family_a_409(client):
    mum = make_parent(client)
    assert_error(
        client.post(
            "/api/v1/family/join", json={"code": "ABCDE-FGHJK"}, headers=mum["headers"]
        ),
        404,
    )
    code = _invite(client, mum)
    assert_error(
        client.post("/api/v1/family/join", json={"code": code}, headers=mum["headers"]),
        409,
    )


def test_a_stranger_cannot_see_the_family(client):
    mum = make_parent(client)
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=12))
    stranger = make_parent(client)
    assert_error(
        client.get(f"/api/v1/babies/{baby['id']}", headers=stranger["headers"]), 404
    )
    family = client.get("/api/v1/family", headers=stranger["headers"]).get_json()
    assert family["babies"] == []


def test_an_invite_is_valid_for_seven_days_and_no_longer(client, app):
    from parent_app.extensions import db
    from parent_app.families.invites import create_invite, join_household
    from parent_app.models import User

    mum = make_parent(client)
    late = make_parent(client, role="partner")
    in_time = make_parent(client, role="partner")
    issued_at = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    with app.app_context():
        mum_user = db.session.get(User, mum["user"]["id"])
        expired_code, invite = create_invite(mum_user, now=issued_at, lifetime_days=7)
        assert invite.expires_at == issued_at + timedelta(days=7)
        live_code, _ = create_invite(mum_user, now=issued_at, lifetime_days=7)
        db.session.commit()
        from parent_app.errors import NotFound

        try:
            join_household(
                db.session.get(User, late["user"]["id"]),
                expired_code,
                now=issued_at + timedelta(days=7),
            )
        except NotFound as exc:
            assert exc.code == "invalid_invite"
        else:
            raise AssertionError("a 7-day-old code was accepted")
        db.session.rollback()
        household = join_household(
            db.session.get(User, in_time["user"]["id"]),
            live_code,
            now=issued_at + timedelta(days=7) - timedelta(seconds=1),
        )
        assert household.id == mum["user"]["household_id"]


def test_a_new_invite_says_when_it_expires(client):
    mum = make_parent(client)
    before = datetime.now(UTC)
    body = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()
    expires_at = datetime.fromisoformat(body["expires_at"].replace("Z", "+00:00"))
    assert (
        before + timedelta(days=7)
        <= expires_at
        <= datetime.now(UTC) + timedelta(days=7)
    )
    assert len(body["code"].replace("-", "")) == 10


def test_joining_brings_a_finance_review_and_kills_the_old_familys_codes(client, app):
    from parent_app.extensions import db
    from parent_app.models import FinanceReview

    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    someone = make_parent(client, role="partner")
    old_code = _invite(client, partner)
    with app.app_context():
        review = FinanceReview(
            household_id=partner["user"]["household_id"],
            questionnaire_version=1,
            answers={},
        )
        db.session.add(review)
        db.session.commit()
        review_id = review.id
    client.post(
        "/api/v1/family/join",
        json={"code": _invite(client, mum)},
        headers=partner["headers"],
    )
    with app.app_context():
        assert (
            db.session.get(FinanceReview, review_id).household_id
            == mum["user"]["household_id"]
        )
    response = client.post(
        "/api/v1/family/join", json={"code": old_code}, headers=someone["headers"]
    )
    assert_error(response, 404, "invalid_invite")
    me = client.get("/api/v1/me", headers=partner["headers"]).get_json()
    assert me["household_id"] == mum["user"]["household_id"]


def test_an_adult_who_shares_a_family_cannot_switch_to_another(client):
    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    client.post(
        "/api/v1/family/join",
        json={"code": _invite(client, mum)},
        headers=partner["headers"],
    )
    other = make_parent(client)
    code = _invite(client, other)
    response = client.post(
        "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
    )
    assert_error(response, 409, "household_shared")
    # The refused attempt did not use the code up.
    third = make_parent(client, role="partner")
    assert (
        client.post(
            "/api/v1/family/join", json={"code": code}, headers=third["headers"]
        ).status_code
        == 200
    )


def test_join_is_rate_limited_in_the_one_shape(client, app):
    mum = make_parent(client)
    app.config["RATELIMIT_AUTH"] = "2 per minute"
    try:
        for _ in range(2):
            client.post(
                "/api/v1/family/join",
                json={"code": "ABCDE-FGHJK"},
                headers=mum["headers"],
            )
        response = client.post(
            "/api/v1/family/join", json={"code": "ABCDE-FGHJK"}, headers=mum["headers"]
        )
        assert_error(response, 429, "rate_limited")
    finally:
        app.config["RATELIMIT_AUTH"] = "10000 per minute"


def test_joining_brings_the_partners_course_places_along(client, app):
    """A couple's place booked before joining becomes the family's; where both had
    booked the same session for two, the family keeps one place for two (the first
    booked) and the other is cancelled."""
    from tests.course_helpers import add_session, booked, publish_course

    course = publish_course(app)
    only_partner = add_session(app, course, starts_in=timedelta(days=5))
    both = add_session(app, course, starts_in=timedelta(days=9))
    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    partners_place = booked(client, partner, only_partner, attendees=2)
    mums_place = booked(client, mum, both, attendees=2)
    partners_clash = booked(client, partner, both, attendees=2)

    response = client.post(
        "/api/v1/family/join",
        json={"code": _invite(client, mum)},
        headers=partner["headers"],
    )
    assert response.status_code == 200, response.get_json()

    seen_by_mum = client.get(
        f"/api/v1/bookings/{partners_place['id']}", headers=mum["headers"]
    )
    assert seen_by_mum.status_code == 200
    statuses = {
        place["id"]: client.get(
            f"/api/v1/bookings/{place['id']}", headers=partner["headers"]
        ).get_json()["status"]
        for place in (mums_place, partners_clash, partners_place)
    }
    assert statuses == {
        mums_place["id"]: "booked",
        partners_clash["id"]: "cancelled",
        partners_place["id"]: "booked",
    }
    # The family now holds its place at the first session: booking it again is refused.
    again = client.post(
        f"/api/v1/sessions/{only_partner}/bookings",
        json={"attendees": 1},
        headers=mum["headers"],
    )
    assert_error(again, 409, "already_booked")


def test_joining_merges_two_bookings_of_one_session_and_frees_the_extra_places(
    client, app
):
    """Mum and her partner each booked the same full session for two before joining
    up; a third family waits. After joining, the couple holds one booking for two and
    the waiting family gets the two places that freed up, and is told."""
    from tests.course_helpers import add_session, booked, nudges, publish_course

    session_id = add_session(app, publish_course(app), capacity=4)
    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    mums = booked(client, mum, session_id, attendees=2)
    partners = booked(client, partner, session_id, attendees=2)
    other = make_parent(client)
    waiting = booked(client, other, session_id, attendees=2)
    assert (mums["status"], partners["status"], waiting["status"]) == (
        "booked",
        "booked",
        "waitlisted",
    )

    joined = client.post(
        "/api/v1/family/join",
        json={"code": _invite(client, mum)},
        headers=partner["headers"],
    )
    assert joined.status_code == 200, joined.get_json()

    for adult in (mum, partner):
        mine = client.get("/api/v1/me/bookings", headers=adult["headers"]).get_json()
        at_session = [
            b
            for b in mine["items"]
            if b["session"]["id"] == session_id and b["status"] != "cancelled"
        ]
        assert [(b["id"], b["status"], b["attendees"]) for b in at_session] == [
            (mums["id"], "booked", 2)
        ]
    promoted = client.get(
        f"/api/v1/bookings/{waiting['id']}", headers=other["headers"]
    ).get_json()
    assert promoted["status"] == "booked"
    told = nudges(app, other["user"]["id"])[f"booking:{waiting['id']}:promoted"]
    assert told["status"] == "pending"
    assert (
        nudges(app, partner["user"]["id"])[f"booking:{partners['id']}:reminder"][
            "status"
        ]
        == "cancelled"
    )


def test_joining_keeps_two_private_places_for_one(client, app):
    """Two bookings for one are two adults' own places: both stay after joining."""
    from tests.course_helpers import add_session, booked, publish_course

    session_id = add_session(app, publish_course(app), capacity=4)
    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    mums = booked(client, mum, session_id, attendees=1)
    partners = booked(client, partner, session_id, attendees=1)
    joined = client.post(
        "/api/v1/family/join",
        json={"code": _invite(client, mum)},
        headers=partner["headers"],
    )
    assert joined.status_code == 200, joined.get_json()
    for adult, place in ((mum, mums), (partner, partners)):
        mine = client.get(f"/api/v1/bookings/{place['id']}", headers=adult["headers"])
        assert mine.get_json()["status"] == "booked"
