"""Booked with a date: both adults get a reminder the day before; re-booking moves it,
and done, not for us or clearing the mark drops it."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import add_baby, assert_error, make_parent
from tests.nudge_helpers import noon, plan, publish_rule

TODAY = datetime.now(UTC).date()
KEY = "asq-9-12-months"


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


def _family(client):
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=280), name="Ada")
    return mum, partner, baby


def _put(client, parent, baby_id, body, key=KEY):
    body = {k: v.isoformat() if isinstance(v, date) else v for k, v in body.items()}
    return client.put(
        f"/api/v1/babies/{baby_id}/milestones/{key}",
        json=body,
        headers=parent["headers"],
    )


def _day_before_reminders(app):
    """(user id, local send day, title, status) of each milestone reminder."""
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    with app.app_context():
        rows = db.session.execute(
            select(
                NudgeOutbox.user_id,
                NudgeOutbox.send_after_epoch,
                NudgeOutbox.title,
                NudgeOutbox.status,
            ).where(NudgeOutbox.key.startswith("p:milestone:"))
        ).all()
    return sorted(
        (user, datetime.fromtimestamp(epoch, UTC).date(), title, status.value)
        for user, epoch, title, status in rows
    )


def _expected(mum, partner, on, title="Tomorrow: 9 to 12 month review (ASQ)"):
    return sorted(
        (adult["user"]["id"], on - timedelta(days=1), title, "pending")
        for adult in (mum, partner)
    )


def test_booked_with_a_date_reminds_both_adults_the_day_before(client, app):
    mum, partner, baby = _family(client)
    on = TODAY + timedelta(days=10)
    response = _put(client, partner, baby["id"], {"status": "booked", "booked_for": on})
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["booked_for"] == on.isoformat()
    assert _day_before_reminders(app) == _expected(mum, partner, on)
    listed = client.get(
        f"/api/v1/babies/{baby['id']}/milestones", headers=mum["headers"]
    ).get_json()
    [seen] = [m for m in listed if m["key"] == KEY]
    assert (seen["status"], seen["booked_for"]) == ("booked", on.isoformat())


def test_the_reminder_reaches_the_inbox_the_day_before_with_its_actions(client, app):
    from parent_app.extensions import db
    from parent_app.outbox.sender import release_due

    mum, partner, baby = _family(client)
    on = TODAY + timedelta(days=3)
    _put(client, mum, baby["id"], {"status": "booked", "booked_for": on})
    with app.app_context():
        release_due(now=noon(on - timedelta(days=2)), batch_size=100)
        db.session.commit()
    assert (
        client.get("/api/v1/notifications", headers=mum["headers"]).get_json()["items"]
        == []
    )
    with app.app_context():
        release_due(now=noon(on - timedelta(days=1)), batch_size=100)
        db.session.commit()
    for adult in (mum, partner):
        [entry] = client.get(
            "/api/v1/notifications", headers=adult["headers"]
        ).get_json()["items"]
        assert entry["title"] == "Tomorrow: 9 to 12 month review (ASQ)"
        assert "Ada's appointment is tomorrow" in entry["body"]
        assert entry["milestone"] == KEY
    # After the appointment, its own Done action ticks the milestone.
    response = client.post(
        f"/api/v1/notifications/{entry['id']}/actions/done",
        headers=partner["headers"],
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["booked_for"] is None


def test_rebooking_moves_the_reminder(client, app):
    mum, partner, baby = _family(client)
    first, second = TODAY + timedelta(days=10), TODAY + timedelta(days=20)
    _put(client, mum, baby["id"], {"status": "booked", "booked_for": first})
    response = _put(
        client, partner, baby["id"], {"status": "booked", "booked_for": second}
    )
    assert response.status_code == 200, response.get_json()
    assert _day_before_reminders(app) == _expected(mum, partner, second)
    # Booked again without a date (the push's Booked button) keeps the date.
    response = _put(client, mum, baby["id"], {"status": "booked"})
    assert response.get_json()["booked_for"] == second.isoformat()
    assert _day_before_reminders(app) == _expected(mum, partner, second)
    # And moving back to the first date works again.
    _put(client, mum, baby["id"], {"status": "booked", "booked_for": first})
    assert _day_before_reminders(app) == _expected(mum, partner, first)


@pytest.mark.parametrize(
    "change",
    [
        {"status": "done"},
        {"status": "not_for_us"},
        {"status": "booked", "booked_for": None},
        "clear",
    ],
)
def test_done_not_for_us_or_clearing_drops_the_reminder(client, app, change):
    mum, partner, baby = _family(client)
    on = TODAY + timedelta(days=10)
    _put(client, mum, baby["id"], {"status": "booked", "booked_for": on})
    if change == "clear":
        response = client.delete(
            f"/api/v1/babies/{baby['id']}/milestones/{KEY}",
            headers=partner["headers"],
        )
        assert response.status_code == 204
    else:
        response = _put(client, partner, baby["id"], change)
        assert response.status_code == 200, response.get_json()
        assert response.get_json()["booked_for"] is None
    assert _day_before_reminders(app) == []


@pytest.mark.parametrize(
    "body",
    [
        {"status": "booked", "booked_for": (TODAY - timedelta(days=1)).isoformat()},
        {"status": "booked", "booked_for": (TODAY + timedelta(days=400)).isoformat()},
        {"status": "booked", "booked_for": "next tuesday"},
        {"status": "booked", "booked_for": "2027-02-30"},
        {"status": "done", "booked_for": (TODAY + timedelta(days=3)).isoformat()},
    ],
)
def test_a_date_that_cannot_be_meant_is_a_422(client, app, body):
    mum, partner, baby = _family(client)
    error = assert_error(_put(client, mum, baby["id"], body), 422)
    assert "booked_for" in error["fields"]
    assert _day_before_reminders(app) == []


def test_booked_for_today_needs_no_reminder(client, app):
    mum, partner, baby = _family(client)
    response = _put(client, mum, baby["id"], {"status": "booked", "booked_for": TODAY})
    assert response.status_code == 200, response.get_json()
    assert _day_before_reminders(app) == []


def test_another_familys_milestone_cannot_be_booked(client, app):
    mum, partner, baby = _family(client)
    stranger = make_parent(client)
    on = (TODAY + timedelta(days=5)).isoformat()
    assert_error(
        _put(client, stranger, baby["id"], {"status": "booked", "booked_for": on}),
        404,
    )
    assert _day_before_reminders(app) == []


def test_an_inbox_action_can_give_the_date(client, app):
    from parent_app.extensions import db
    from parent_app.outbox.sender import release_due

    publish_rule(app, "asq", offset_days=280, milestone=KEY, topic="development")
    mum, partner, baby = _family(client)
    assert plan(app, TODAY) == 2
    with app.app_context():
        release_due(now=noon(TODAY + timedelta(days=1)), batch_size=100)
        db.session.commit()
    [entry] = client.get("/api/v1/notifications", headers=mum["headers"]).get_json()[
        "items"
    ]
    url = f"/api/v1/notifications/{entry['id']}/actions/booked"
    late = (TODAY - timedelta(days=3)).isoformat()
    error = assert_error(
        client.post(url, json={"booked_for": late}, headers=mum["headers"]), 422
    )
    assert "booked_for" in error["fields"]
    on = TODAY + timedelta(days=12)
    response = client.post(
        url, json={"booked_for": on.isoformat()}, headers=mum["headers"]
    )
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["booked_for"] == on.isoformat()
    assert _day_before_reminders(app) == _expected(mum, partner, on)


def test_a_partner_who_joins_after_the_booking_is_reminded_too(client, app):
    mum = make_parent(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=280))
    on = TODAY + timedelta(days=10)
    _put(client, mum, baby["id"], {"status": "booked", "booked_for": on})
    partner = make_parent(client, role="partner")
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    joined = client.post(
        "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
    )
    assert joined.status_code == 200, joined.get_json()
    assert _day_before_reminders(app) == _expected(mum, partner, on)


def test_a_per_adult_milestone_reminds_only_that_adult(client, app):
    mum, partner = _couple(client)
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=20))
    on = TODAY + timedelta(days=6)
    response = _put(
        client,
        partner,
        baby["id"],
        {"status": "booked", "booked_for": on},
        key="leave-checked",
    )
    assert response.status_code == 200, response.get_json()
    assert [row[0] for row in _day_before_reminders(app)] == [partner["user"]["id"]]


class TestPureRules:
    @pytest.mark.parametrize(
        ("booked_for", "ok"),
        [
            (date(2026, 12, 4), True),  # today
            (date(2026, 12, 3), False),  # yesterday
            (date(2027, 12, 5), True),  # 366 days ahead
            (date(2027, 12, 6), False),  # 367 days ahead
        ],
    )
    def test_check_booked_for(self, booked_for, ok):
        from parent_app.domain.milestones import InvalidBookedDate, check_booked_for

        today = date(2026, 12, 4)
        if ok:
            assert check_booked_for(booked_for, today=today) == booked_for
        else:
            with pytest.raises(InvalidBookedDate):
                check_booked_for(booked_for, today=today)

    def test_the_day_before_is_none_for_today(self):
        from parent_app.domain.milestones import day_before_on

        today = date(2026, 12, 4)
        assert day_before_on(today, today=today) is None
        assert day_before_on(date(2026, 12, 5), today=today) == today

    def test_wording_names_the_day(self):
        from parent_app.domain.milestones import day_before_wording

        title, body = day_before_wording("8 week vaccinations", date(2026, 12, 8), None)
        assert title == "Tomorrow: 8 week vaccinations"
        assert body.startswith(
            "Your baby's appointment is tomorrow, Tuesday 8 December"
        )


@pytest.mark.parametrize(("hour", "reminded"), [(8, True), (15, False)])
def test_booked_for_tomorrow_is_reminded_only_if_the_time_has_not_passed(
    client, app, hour, reminded
):
    """A reminder saying "tomorrow" must not arrive on the day itself."""
    from parent_app.domain.milestones import MilestoneStatus
    from parent_app.extensions import db
    from parent_app.milestones.marks import mark_milestone
    from parent_app.models import User

    mum, partner, baby = _family(client)
    day = date(2027, 3, 10)  # winter time: 10:00 in London is 10:00 UTC
    with app.app_context():
        mark_milestone(
            db.session.get(User, mum["user"]["id"]),
            baby["id"],
            KEY,
            MilestoneStatus.BOOKED,
            booked_for=day + timedelta(days=1),
            today=day,
            now=datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(
                hour=hour
            ),
        )
        db.session.commit()
    assert len(_day_before_reminders(app)) == (2 if reminded else 0)
