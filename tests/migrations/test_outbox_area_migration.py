"""The migration that puts the family's area on a rule's first reminder fills it for
the reminders already planned, so their later steps are still counted in reach."""

from datetime import date, timedelta

from sqlalchemy import select

from tests.nudge_helpers import make_family, plan, publish_rule

BEFORE_OUTBOX_AREA = "5b8e2f4a9c61"
TODAY = date(2026, 1, 15)


def test_reminders_planned_before_the_migration_take_their_familys_area(app):
    from flask_migrate import downgrade, upgrade

    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    publish_rule(app, "jabs-8", title="8-week jabs")
    make_family(app, born_on=TODAY - timedelta(days=56), area="dorset")
    make_family(
        app, born_on=TODAY - timedelta(days=56), partner=True, area="isle-of-wight"
    )
    assert plan(app, TODAY) == 3
    with app.app_context():
        db.session.remove()
        downgrade(revision=BEFORE_OUTBOX_AREA)
        upgrade()
        areas = sorted(db.session.scalars(select(NudgeOutbox.area_id)))
    assert areas == ["dorset", "isle-of-wight", "isle-of-wight"]
