"""Follow-ups: a rule may remind again N days after its first reminder reached a
parent, unless the milestone is booked, done or not for us by then."""

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import add_baby, assert_error, make_parent, make_staff
from tests.nudge_helpers import noon, plan, publish_rule, rule_data

TODAY = datetime.now(UTC).date()
# Planned at noon, after the 10:00 reminder time: the first reminders reach the inbox
# the next day.
SENT = TODAY + timedelta(days=1)


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


def _deliver(app, on):
    """The send run at noon UTC `on` (after the 10:00 reminder time): due reminders
    reach the inbox."""
    from parent_app.extensions import db
    from parent_app.outbox.sender import release_due

    with app.app_context():
        release_due(now=noon(on), batch_size=1000)
        db.session.commit()


def _inbox(client, parent):
    response = client.get("/api/v1/notifications", headers=parent["headers"])
    assert response.status_code == 200, response.get_json()
    return response.get_json()["items"]


def _follow_ups(app):
    """(user id, status, title, body) of every follow-up row."""
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    with app.app_context():
        rows = db.session.execute(
            select(
                NudgeOutbox.user_id,
                NudgeOutbox.status,
                NudgeOutbox.title,
                NudgeOutbox.body,
            ).where(NudgeOutbox.follow_up_of_id.is_not(None))
        ).all()
    return sorted((u, s.value, t, b) for u, s, t, b in rows)


def _family_with_first_reminders(app, client, **rule):
    """The 8-week vaccinations rule with a 14-day follow-up; a couple whose baby is
    8 weeks old today, and the first reminder in both inboxes."""
    publish_rule(
        app,
        "imms-8",
        offset_days=56,
        milestone="imms-8-weeks",
        follow_up_days=14,
        **rule,
    )
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=56), name="Ada")
    assert plan(app, TODAY) == 2
    _deliver(app, SENT)
    assert len(_inbox(client, mum)) == len(_inbox(client, partner)) == 1
    return mum, partner, baby


def test_a_follow_up_reaches_both_adults_n_days_later(client, app):
    mum, partner, baby = _family_with_first_reminders(app, client)
    # Not before its time.
    assert plan(app, SENT + timedelta(days=13)) == 0
    assert plan(app, SENT + timedelta(days=14)) == 2
    # Planning again adds nothing.
    assert plan(app, SENT + timedelta(days=15)) == 0
    _deliver(app, SENT + timedelta(days=15))
    for adult in (mum, partner):
        latest = _inbox(client, adult)[0]
        assert latest["title"] == "Reminder: Title imms-8"
        assert "Ada" in latest["body"] and "booked or done" in latest["body"]
        # It carries the milestone, so its actions tick it.
        assert latest["milestone"] == "imms-8-weeks"
    # The timeline shows the first reminder and the follow-up, told apart.
    timeline = client.get(
        f"/api/v1/babies/{baby['id']}/timeline", headers=mum["headers"]
    ).get_json()
    assert sorted(
        (e["state"], e["is_follow_up"]) for e in timeline if e["slug"] == "imms-8"
    ) == [("sent", False), ("sent", True)]


def test_a_rule_may_word_its_own_follow_up(client, app):
    _family_with_first_reminders(
        app,
        client,
        follow_up_title="Are the 8 week jabs booked?",
        follow_up_body="If {baby_name} has a date, tap Booked.",
    )
    plan(app, SENT + timedelta(days=14))
    assert {(t, b) for *_, t, b in _follow_ups(app)} == {
        ("Are the 8 week jabs booked?", "If Ada has a date, tap Booked.")
    }


@pytest.mark.parametrize("status", ["booked", "done", "not_for_us"])
def test_no_follow_up_once_the_milestone_is_ticked(client, app, status):
    mum, partner, baby = _family_with_first_reminders(app, client)
    response = client.put(
        f"/api/v1/babies/{baby['id']}/milestones/imms-8-weeks",
        json={"status": status},
        headers=partner["headers"],
    )
    assert response.status_code == 200, response.get_json()
    assert plan(app, SENT + timedelta(days=14)) == 0
    assert _follow_ups(app) == []


@pytest.mark.parametrize("action", ["booked", "done", "not_for_us"])
def test_an_inbox_action_cancels_the_follow_ups_for_both_adults(client, app, action):
    mum, partner, baby = _family_with_first_reminders(app, client)
    assert plan(app, SENT + timedelta(days=14)) == 2
    [first] = _inbox(client, mum)
    response = client.post(
        f"/api/v1/notifications/{first['id']}/actions/{action}",
        headers=mum["headers"],
    )
    assert response.status_code == 200, response.get_json()
    assert {(u, s) for u, s, *_ in _follow_ups(app)} == {
        (mum["user"]["id"], "cancelled"),
        (partner["user"]["id"], "cancelled"),
    }
    _deliver(app, SENT + timedelta(days=15))
    assert len(_inbox(client, mum)) == len(_inbox(client, partner)) == 1


def test_booked_keeps_the_first_reminders_but_cancels_the_follow_ups(client, app):
    from tests.nudge_helpers import outbox

    publish_rule(
        app, "imms-8", offset_days=56, milestone="imms-8-weeks", follow_up_days=3
    )
    mum, partner = _couple(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=56))
    plan(app, TODAY)
    _deliver(app, SENT)
    # A second rule for the same milestone, still waiting, and the follow-ups.
    publish_rule(app, "imms-8-again", offset_days=59, milestone="imms-8-weeks")
    assert plan(app, SENT + timedelta(days=3)) == 4
    client.put(
        f"/api/v1/babies/{baby['id']}/milestones/imms-8-weeks",
        json={"status": "booked"},
        headers=mum["headers"],
    )
    assert {s for _, s, *_ in _follow_ups(app)} == {"cancelled"}
    assert {r[3] for r in outbox(app) if r[0] == "imms-8-again"} == {"pending"}


def test_no_follow_up_without_a_first_reminder(client, app):
    """A partner who joins after the first reminders went gets no 'reminder again'."""
    publish_rule(
        app, "imms-8", offset_days=56, milestone="imms-8-weeks", follow_up_days=14
    )
    mum = make_parent(client)
    add_baby(client, mum, date_of_birth=TODAY - timedelta(days=56))
    plan(app, TODAY)
    _deliver(app, SENT)
    partner = make_parent(client, role="partner")
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    client.post("/api/v1/family/join", json={"code": code}, headers=partner["headers"])
    plan(app, SENT + timedelta(days=14))
    assert [u for u, *_ in _follow_ups(app)] == [mum["user"]["id"]]


def test_a_muted_topic_stops_the_follow_up(client, app):
    mum, partner, baby = _family_with_first_reminders(app, client)
    response = client.patch(
        "/api/v1/me",
        json={"muted_topics": ["immunisations"]},
        headers=partner["headers"],
    )
    assert response.status_code == 200, response.get_json()
    plan(app, SENT + timedelta(days=14))
    assert [u for u, *_ in _follow_ups(app)] == [mum["user"]["id"]]


class TestRuleFields:
    def test_a_follow_up_needs_a_milestone_and_sensible_days(self, app):
        from parent_app.errors import ValidationFailed
        from parent_app.nudges.rules import validate_rule

        with app.app_context():
            for bad, field in [
                ({"follow_up_days": 14}, "follow_up_days"),
                (
                    {"milestone": "imms-8-weeks", "follow_up_days": 0},
                    "follow_up_days",
                ),
                (
                    {"milestone": "imms-8-weeks", "follow_up_days": 400},
                    "follow_up_days",
                ),
                (
                    {"milestone": "imms-8-weeks", "follow_up_title": "Booked yet?"},
                    "follow_up_title",
                ),
            ]:
                with pytest.raises(ValidationFailed) as raised:
                    validate_rule(rule_data("x", **bad))
                assert field in raised.value.fields, (bad, raised.value.fields)
            cleaned = validate_rule(
                rule_data("x", milestone="imms-8-weeks", follow_up_days=14)
            )
            assert cleaned["follow_up_days"] == 14

    def test_staff_can_give_a_follow_up_through_the_api(self, app, client):
        staff = make_staff(app, client, areas=("dorset",))
        data = rule_data("imms-8", area="dorset", follow_up_days=14)
        response = client.post(
            "/api/v1/staff/nudges", json=data, headers=staff["headers"]
        )
        error = assert_error(response, 422)
        assert "follow_up_days" in error["fields"]
        data["milestone"] = "imms-8-weeks"
        response = client.post(
            "/api/v1/staff/nudges", json=data, headers=staff["headers"]
        )
        assert response.status_code == 201, response.get_json()
        assert response.get_json()["pending_revision"]["data"]["follow_up_days"] == 14


def test_the_pure_standard_title_fits_the_outbox():
    from parent_app.domain.milestones import follow_up_title

    assert follow_up_title("x" * 120) == ("Reminder: " + "x" * 120)[:120]
    assert len(follow_up_title("x" * 120)) == 120


def test_a_follow_up_is_sent_at_the_reminder_time(client, app):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    _family_with_first_reminders(app, client)
    plan(app, SENT + timedelta(days=14))
    with app.app_context():
        sends = db.session.scalars(
            select(NudgeOutbox.send_after_epoch).where(
                NudgeOutbox.follow_up_of_id.is_not(None)
            )
        ).all()
    # Planned at noon, after the 10:00 reminder time: the next morning at 10:00 (UK).
    morning = datetime.combine(
        SENT + timedelta(days=15), datetime.min.time(), tzinfo=UTC
    )
    for send in sends:
        sent_at = datetime.fromtimestamp(send, UTC)
        assert morning < sent_at < morning + timedelta(hours=11)


def test_the_starter_catalogue_follows_up_reviews_and_vaccinations(runner, app):
    from parent_app.extensions import db
    from parent_app.models import NudgeRule

    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0
    with app.app_context():
        rules = {
            rule.slug: rule
            for rule in db.session.scalars(
                select(NudgeRule).where(NudgeRule.follow_up_days.is_not(None))
            )
        }
    by_milestone = {rule.milestone for rule in rules.values()}
    assert {
        "review-6-8-weeks",
        "asq-9-12-months",
        "asq-2-years",
        "imms-8-weeks",
        "imms-12-weeks",
        "imms-16-weeks",
        "imms-1-year",
        "imms-18-months",
    } <= by_milestone
    for rule in rules.values():
        assert rule.follow_up_title and rule.follow_up_body, rule.slug
        assert "{baby_name}" in rule.follow_up_body, rule.slug
