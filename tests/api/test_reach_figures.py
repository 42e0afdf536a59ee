"""Reach of nudge rules kept anonymously: each step (planned, in the inbox, pushed,
read, acted on) counted with the event, per area of the family, month due and rule,
read with disclosure control, unchanged when a family is erased."""

import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from parent_app.outbox.webpush import FakePushSender
from tests.factories import assert_error, make_staff
from tests.nudge_helpers import make_family, plan, publish_rule

BCP = "bournemouth-christchurch-poole"
TODAY = date(2026, 1, 15)
SEND_AT = datetime(2026, 1, 16, 10, 30, tzinfo=UTC)
ACT_AT = datetime(2026, 1, 17, 9, tzinfo=UTC)
P256 = (
    "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIA"
    "iw4"
)


def _subscribe(app, user_id, endpoint):
    from parent_app.extensions import db
    from parent_app.models import PushSubscription

    with app.app_context():
        db.session.add(
            PushSubscription(user_id=user_id, endpoint=endpoint, p256dh=P256, auth="a")
        )
        db.session.commit()


def _send(app):
    from parent_app.outbox.sender import send_due_pushes

    with app.app_context():
        return send_due_pushes(
            FakePushSender(), now=SEND_AT, batch_size=5, rng=random.Random(1)
        )


def _inbox_ids(app, user_id):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    with app.app_context():
        return list(
            db.session.scalars(
                select(NudgeOutbox.id).where(NudgeOutbox.user_id == user_id)
            )
        )


def _read(app, user_id):
    from parent_app.extensions import db
    from parent_app.models import User
    from parent_app.outbox.inbox import mark_read

    with app.app_context():
        user = db.session.get(User, user_id)
        for row_id in _inbox_ids(app, user_id):
            mark_read(user, row_id, now=ACT_AT)
            mark_read(user, row_id, now=ACT_AT)  # a second read is not counted
        db.session.commit()


def _act(app, user_id, *actions):
    from parent_app.domain.milestones import MilestoneStatus
    from parent_app.extensions import db
    from parent_app.milestones.marks import act_on_notification
    from parent_app.models import User

    with app.app_context():
        user = db.session.get(User, user_id)
        for row_id in _inbox_ids(app, user_id):
            for action in actions:
                act_on_notification(
                    user,
                    row_id,
                    MilestoneStatus(action),
                    today=ACT_AT.date(),
                    now=ACT_AT,
                )
        db.session.commit()


@pytest.fixture
def reach_world(app):
    """12 Dorset families and 3 in BCP, whose baby's 8-week jabs fall due in January
    2026. 9 Dorset mums have a phone (one of them two) and get the push; 6 read the
    reminder in the inbox and 3 tick "booked" then "done" on it (also reading it)."""
    rule_id = publish_rule(
        app, "jabs-8", title="8-week jabs", milestone="imms-8-weeks"
    )
    dorset = [
        make_family(app, born_on=TODAY - timedelta(days=56), area="dorset")
        for _ in range(12)
    ]
    for _ in range(3):
        make_family(app, born_on=TODAY - timedelta(days=56), area=BCP)
    assert plan(app, TODAY) == 15
    assert plan(app, TODAY) == 0  # planning again counts nothing twice
    for i, family in enumerate(dorset[:9]):
        _subscribe(app, family["user_ids"][0], f"https://fcm.googleapis.com/m{i}")
    _subscribe(app, dorset[0]["user_ids"][0], "https://fcm.googleapis.com/second")
    report = _send(app)
    assert report.delivered_to_inbox == 15 and report.outcomes["sent"] == 10
    assert _send(app).delivered_to_inbox == 0
    for family in dorset[:6]:
        _read(app, family["user_ids"][0])
    for family in dorset[6:9]:
        _act(app, family["user_ids"][0], "booked", "done")
    return {"rule_id": rule_id, "dorset": dorset}


def _raw(app):
    from parent_app.extensions import db
    from parent_app.models import NudgeReachFigure

    with app.app_context():
        return {
            (r.area_id, r.month, r.measure): r.count
            for r in db.session.scalars(select(NudgeReachFigure))
        }


def test_each_step_is_counted_once_with_the_event(app, reach_world):
    assert _raw(app) == {
        ("dorset", "2026-01", "planned"): 12,
        ("dorset", "2026-01", "in_inbox"): 12,
        ("dorset", "2026-01", "pushed"): 9,  # nudges, not the 10 pushes sent
        ("dorset", "2026-01", "read"): 9,
        ("dorset", "2026-01", "acted"): 3,
        (BCP, "2026-01", "planned"): 3,
        (BCP, "2026-01", "in_inbox"): 3,
    }


def test_a_family_that_moves_is_counted_where_the_reminder_was_planned(app):
    """Planned in Dorset, then the family moves to BCP before the push and the read:
    every step stays in Dorset, so an area's funnel never reads more pushed than
    planned."""
    from parent_app.accounts.users import update_profile
    from parent_app.extensions import db
    from parent_app.models import User

    publish_rule(app, "jabs-8", title="8-week jabs", milestone="imms-8-weeks")
    family = make_family(app, born_on=TODAY - timedelta(days=56), area="dorset")
    mum = family["user_ids"][0]
    assert plan(app, TODAY) == 1
    with app.app_context():
        update_profile(db.session.get(User, mum), {"area": BCP}, now=SEND_AT)
        db.session.commit()
    _subscribe(app, mum, "https://fcm.googleapis.com/mover")
    assert _send(app).outcomes["sent"] == 1
    _read(app, mum)
    assert _raw(app) == {
        ("dorset", "2026-01", "planned"): 1,
        ("dorset", "2026-01", "in_inbox"): 1,
        ("dorset", "2026-01", "pushed"): 1,
        ("dorset", "2026-01", "read"): 1,
    }


def _reach(client, staff, query="from=2026-01&to=2026-01"):
    return client.get(f"/api/v1/staff/figures/reach?{query}", headers=staff["headers"])


def _cells(response):
    assert response.status_code == 200, response.get_json()
    return {
        (r["area"], r["month"], r["rule"], r["measure"]): r["count"]
        for r in response.get_json()["rows"]
    }


EXPECTED = {
    ("dorset", "2026-01", "8-week jabs", "planned"): 10,  # 12
    ("dorset", "2026-01", "8-week jabs", "in_inbox"): 10,  # 12
    ("dorset", "2026-01", "8-week jabs", "pushed"): 10,  # 9
    ("dorset", "2026-01", "8-week jabs", "read"): 10,  # 9
    ("dorset", "2026-01", "8-week jabs", "acted"): None,  # 3: suppressed
    (BCP, "2026-01", "8-week jabs", "planned"): None,  # 3
    (BCP, "2026-01", "8-week jabs", "in_inbox"): None,  # 3
}


def test_staff_read_reach_rounded_and_suppressed(client, app, reach_world):
    admin = make_staff(app, client, role="admin")
    response = _reach(client, admin)
    assert _cells(response) == EXPECTED
    assert all(r["suppressed"] == (r["count"] is None) for r in response.json["rows"])
    assert {r["rule_id"] for r in response.json["rows"]} == {reach_world["rule_id"]}
    editor = make_staff(app, client, role="editor", areas=("dorset",))
    assert _cells(_reach(client, editor)) == {
        k: v for k, v in EXPECTED.items() if k[0] == "dorset"
    }
    assert_error(_reach(client, editor, f"area={BCP}"), 403)
    assert_error(_reach(client, make_staff(app, client, role="author")), 403)
    assert_error(_reach(client, admin, "rule=x"), 422)
    assert_error(_reach(client, admin, "from=2026-02&to=2026-01"), 422)
    assert _cells(_reach(client, admin, f"rule={reach_world['rule_id'] + 1}")) == {}


def test_reach_as_csv(client, app, reach_world):
    admin = make_staff(app, client, role="admin")
    lines = (
        _reach(client, admin, "from=2026-01&to=2026-01&format=csv")
        .get_data(as_text=True)
        .splitlines()
    )
    assert lines[0] == "area,month,rule_id,rule,measure,count,suppressed"
    rule_id = reach_world["rule_id"]
    assert f"dorset,2026-01,{rule_id},8-week jabs,pushed,10,no" in lines
    assert f"dorset,2026-01,{rule_id},8-week jabs,acted,,yes" in lines
    assert len(lines) == 1 + len(EXPECTED)


def test_erasing_families_changes_no_reach_figure(client, app, reach_world):
    from parent_app.extensions import db
    from parent_app.models import Household, User

    admin = make_staff(app, client, role="admin")
    before = _cells(_reach(client, admin))
    raw = _raw(app)
    # Three families who read and acted go: the reach read from their rows would drop
    # from 12 planned to 9 (and acted from 3 to 0); the kept counts do not move.
    with app.app_context():
        for family in reach_world["dorset"][6:9]:
            for user_id in family["user_ids"]:
                db.session.delete(db.session.get(User, user_id))
            db.session.delete(db.session.get(Household, family["household_id"]))
        db.session.commit()
    assert _raw(app) == raw
    assert _cells(_reach(client, admin)) == before
    assert plan(app, TODAY + timedelta(days=1)) == 0
    assert _send(app).delivered_to_inbox == 0
    assert _raw(app) == raw


def test_queries_cannot_be_differenced(client, app, reach_world):
    """Each cell reads the same whatever else is asked; there are no totals."""
    admin = make_staff(app, client, role="admin")
    wide = _cells(_reach(client, admin, "from=2025-01&to=2026-12"))
    for query in (
        "area=dorset",
        f"area={BCP}&from=2026-01&to=2026-01",
        f"rule={reach_world['rule_id']}&from=2026-01",
    ):
        narrow = _cells(_reach(client, admin, query))
        assert narrow and all(wide[key] == value for key, value in narrow.items())
    assert _cells(_reach(client, admin, "area=hampshire-and-isle-of-wight")) == {}


def test_no_reach_cell_holds_a_personal_id(app, reach_world):
    from sqlalchemy import inspect

    from parent_app.extensions import db
    from parent_app.models import NudgeReachFigure, NudgeRule
    from parent_app.models.figures import ReachMeasure

    with app.app_context():
        inspector = inspect(db.engine)
        assert inspector.get_foreign_keys("figures_nudge_reach") == []
        assert {c["name"] for c in inspector.get_columns("figures_nudge_reach")} == {
            "area_id",
            "month",
            "rule_id",
            "measure",
            "count",
        }
        rules = set(db.session.scalars(select(NudgeRule.id)))
        for cell in db.session.scalars(select(NudgeReachFigure)):
            assert cell.area_id in {"dorset", BCP}
            assert cell.month == "2026-01"
            assert cell.rule_id in rules
            assert cell.measure in ReachMeasure.ALL
