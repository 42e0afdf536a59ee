"""A milestone's status where families see their dates: the timeline, the feed's key
dates, the This week page; and in the export, erased with the household."""

from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select

from tests.factories import PASSWORD, add_baby, make_parent
from tests.nudge_helpers import plan, publish_rule

TODAY = datetime.now(UTC).date()


def _couple(client):
    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    joined = client.post(
        "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
    )
    assert joined.status_code == 200
    return mum, partner


def _mark(client, parent, baby_id, key, body):
    response = client.put(
        f"/api/v1/babies/{baby_id}/milestones/{key}",
        json=body,
        headers=parent["headers"],
    )
    assert response.status_code == 200, response.get_json()


def _timeline(client, parent, baby_id):
    response = client.get(
        f"/api/v1/babies/{baby_id}/timeline", headers=parent["headers"]
    )
    assert response.status_code == 200, response.get_json()
    return {e["slug"]: e for e in response.get_json()}


def _key_dates(client, parent, baby_id):
    response = client.get(f"/api/v1/feed?baby_id={baby_id}", headers=parent["headers"])
    assert response.status_code == 200, response.get_json()
    return {k["rule"]: k for k in response.get_json()["key_dates"]}


def test_the_timeline_names_the_milestone_and_what_the_family_ticked(client, app):
    publish_rule(app, "imms-8", offset_days=56, milestone="imms-8-weeks")
    publish_rule(app, "feeding", offset_days=56, topic="feeding")
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=56))
    plan(app, TODAY)
    entries = _timeline(client, partner, baby["id"])
    assert entries["imms-8"]["milestone"] == "imms-8-weeks"
    assert entries["imms-8"]["milestone_status"] is None
    assert entries["feeding"]["milestone"] is None
    _mark(client, mum, baby["id"], "imms-8-weeks", {"status": "booked"})
    assert _timeline(client, partner, baby["id"])["imms-8"]["milestone_status"] == (
        "booked"
    )
    _mark(client, mum, baby["id"], "imms-8-weeks", {"status": "done"})
    entry = _timeline(client, partner, baby["id"])["imms-8"]
    assert (entry["milestone"], entry["milestone_status"]) == ("imms-8-weeks", "done")


def test_a_done_milestones_key_date_says_done(client, app):
    publish_rule(app, "imms-12", offset_days=84, milestone="imms-12-weeks")
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=60))
    [before] = _key_dates(client, mum, baby["id"]).values()
    assert (before["milestone"], before["milestone_status"]) == ("imms-12-weeks", None)
    _mark(client, partner, baby["id"], "imms-12-weeks", {"status": "done"})
    after = _key_dates(client, mum, baby["id"])["imms-12"]
    assert after["milestone_status"] == "done"


def test_the_this_week_page_says_done(client, app):
    from tests.web.helpers import submit, text_of
    from tests.web.parent_helpers import date_fields, sign_up

    publish_rule(
        app, "imms-12", offset_days=84, milestone="imms-12-weeks", title="Jabs"
    )
    sign_up(client)
    submit(
        client,
        "/babies/new/born",
        {
            **date_fields("date_of_birth", TODAY - timedelta(days=60)),
            "gestation_weeks": "40",
        },
    )
    assert "Jabs" in text_of(client.get("/"))
    assert "(done)" not in text_of(client.get("/"))
    page = client.get("/").get_data(as_text=True)
    baby_id = page.split("/babies/")[1].split("/")[0]
    submit(client, f"/babies/{baby_id}/milestones/imms-12-weeks", {"status": "done"})
    assert "Jabs (done)" in text_of(client.get("/"))


def test_marks_booked_dates_and_reminders_are_exported_and_erased(client, app):
    from parent_app.extensions import db
    from parent_app.models import BabyMilestone, NudgeOutbox

    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=280))
    on = TODAY + timedelta(days=8)
    _mark(
        client,
        mum,
        baby["id"],
        "asq-9-12-months",
        {"status": "booked", "booked_for": on.isoformat()},
    )
    data = client.get("/api/v1/me/export", headers=partner["headers"]).get_json()
    [mark] = data["milestones"]
    assert (mark["milestone_key"], mark["status"], mark["appointment_on"]) == (
        "asq-9-12-months",
        "booked",
        on.isoformat(),
    )
    [reminder] = data["notifications"]
    assert reminder["milestone"] == "asq-9-12-months"
    for adult in (partner, mum):
        response = client.delete(
            "/api/v1/me", json={"password": PASSWORD}, headers=adult["headers"]
        )
        assert response.status_code == 204, response.get_json()
    with app.app_context():
        assert db.session.scalars(select(BabyMilestone)).all() == []
        assert db.session.scalar(select(func.count()).select_from(NudgeOutbox)) == 0
