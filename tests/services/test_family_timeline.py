"""The family timeline: what follows a change to a baby's facts uses the family's own
date, given by the caller, never the server's."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import select

from tests.api.test_finance_review_api import _answers
from tests.factories import add_baby, make_parent

TODAY = date.today()


def _finance_reminder_days(app):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, OutboxStatus

    with app.app_context():
        epochs = db.session.scalars(
            select(NudgeOutbox.send_after_epoch).where(
                NudgeOutbox.key.startswith("p:finance:"),
                NudgeOutbox.status == OutboxStatus.PENDING,
            )
        ).all()
    london = ZoneInfo("Europe/London")
    return sorted(datetime.fromtimestamp(e, london).date() for e in epochs)


def test_a_moved_due_date_re_dates_the_money_plan_from_the_parents_today(client, app):
    mum = make_parent(client, area="dorset")
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=30))
    version, answers = _answers(client)
    response = client.post(
        "/api/v1/finance-review",
        json={"version": version, "answers": answers, "baby_id": baby["id"]},
        headers=mum["headers"],
    )
    assert response.status_code == 201, response.get_json()
    assert _finance_reminder_days(app)

    # Two months on (for the family), the scan moves the due date 10 weeks ahead.
    later = TODAY + timedelta(days=60)
    from parent_app.extensions import db
    from parent_app.families import babies
    from parent_app.models import User

    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == mum["email"]))
        babies.update_baby(
            user,
            baby["id"],
            {"due_date": later + timedelta(weeks=10)},
            today=later,
            now=datetime.combine(later, time(12), tzinfo=UTC),
        )
        db.session.commit()

    days = _finance_reminder_days(app)
    assert days, "the re-dated plan still reminds the family"
    assert min(days) >= later
    actions = client.get("/api/v1/finance-review", headers=mum["headers"]).get_json()[
        "actions"
    ]
    passed = [
        a
        for a in actions
        if a["deadline_on"] and date.fromisoformat(a["deadline_on"]) < later
    ]
    assert passed, "the new due date puts some deadlines before the family's today"
    # What the API shows is worked out on the day it is read (the real today here);
    # what the re-dated plan decided is kept with each action, from the family's day.
    from parent_app.models.finance import FinanceAction

    with app.app_context():
        planned = {
            action.status
            for action in db.session.scalars(
                select(FinanceAction).where(
                    FinanceAction.id.in_([a["id"] for a in passed])
                )
            )
        }
    assert planned == {"missed"}, (
        "a deadline before the family's today is still shown as open (the plan was "
        "re-dated from the server's date)"
    )
