"""A money-check step and a nudge rule that serve the same milestone remind a family
once, and closing the milestone ticks the step off."""

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from tests.api.test_finance_review_api import _answers
from tests.factories import add_baby, make_parent
from tests.nudge_helpers import publish_rule

TODAY = date.today()


def _reminders_about(app, user_id, rule_id, action_key):
    """(rule nudges, money-check reminders) waiting or sent to the user."""
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, OutboxStatus

    with app.app_context():
        rows = db.session.scalars(
            select(NudgeOutbox).where(
                NudgeOutbox.user_id == user_id,
                NudgeOutbox.status.in_([OutboxStatus.PENDING, OutboxStatus.DELIVERED]),
            )
        ).all()
        from_rule = [r.key for r in rows if r.rule_id == rule_id]
        from_plan = [
            r.key
            for r in rows
            if r.key.startswith("p:finance:") and f":{action_key}:" in r.key
        ]
        return from_rule, from_plan


def _plan_nudges(app):
    from parent_app.extensions import db
    from parent_app.nudges.planner import plan_due_nudges

    with app.app_context():
        plan_due_nudges(now=datetime.now(UTC), whole_windows=True)
        db.session.commit()


def _submit(client, parent, baby):
    version, answers = _answers(client)
    response = client.post(
        "/api/v1/finance-review",
        json={"version": version, "answers": answers, "baby_id": baby["id"]},
        headers=parent["headers"],
    )
    assert response.status_code == 201, response.get_json()
    return {a["key"]: a for a in response.get_json()["actions"]}


def _register_rule(app, **overrides):
    return publish_rule(
        app,
        "register-the-birth-test",
        title="Register the birth",
        anchor="birth",
        offset_days=21,
        topic="money",
        send_window_days=14,
        milestone="birth-registered",
        **overrides,
    )


def test_a_family_is_reminded_to_register_the_birth_once_not_twice(client, app):
    rule_id = _register_rule(app)
    mum = make_parent(client, area="dorset")
    baby = add_baby(
        client, mum, date_of_birth=TODAY - timedelta(days=21), gestation_weeks=40
    )
    actions = _submit(client, mum, baby)
    assert actions["register-birth"]["milestone"] == "birth-registered"
    _plan_nudges(app)

    from_rule, from_plan = _reminders_about(
        app, mum["user"]["id"], rule_id, "register-birth"
    )
    assert (len(from_rule), from_plan) == (1, [])
    # A step no rule covers keeps its own reminder.
    _, child_benefit = _reminders_about(
        app, mum["user"]["id"], rule_id, "child-benefit"
    )
    assert len(child_benefit) == 1


def test_a_rule_for_another_area_does_not_stop_the_plans_reminder(client, app):
    rule_id = _register_rule(app, area="hampshire")
    mum = make_parent(client, area="dorset")
    baby = add_baby(
        client, mum, date_of_birth=TODAY - timedelta(days=21), gestation_weeks=40
    )
    _submit(client, mum, baby)
    _plan_nudges(app)
    from_rule, from_plan = _reminders_about(
        app, mum["user"]["id"], rule_id, "register-birth"
    )
    assert (from_rule, len(from_plan)) == ([], 1)


def test_marking_the_milestone_done_ticks_the_step_off_and_stops_its_reminder(
    client, app
):
    mum = make_parent(client, area="dorset")
    baby = add_baby(
        client, mum, date_of_birth=TODAY - timedelta(days=10), gestation_weeks=40
    )
    actions = _submit(client, mum, baby)
    assert actions["child-benefit"]["status"] != "done"
    _, before = _reminders_about(app, mum["user"]["id"], None, "child-benefit")
    assert len(before) == 1

    marked = client.put(
        f"/api/v1/babies/{baby['id']}/milestones/child-benefit-claimed",
        json={"status": "done"},
        headers=mum["headers"],
    )
    assert marked.status_code == 200, marked.get_json()

    review = client.get("/api/v1/finance-review", headers=mum["headers"]).get_json()
    now_actions = {a["key"]: a for a in review["actions"]}
    assert now_actions["child-benefit"]["status"] == "done"
    assert now_actions["register-birth"]["status"] != "done"
    _, after = _reminders_about(app, mum["user"]["id"], None, "child-benefit")
    assert after == []
