"""Planning writes each due nudge once, for the right adults, and follows the family's
timeline."""

from datetime import date, timedelta

import pytest

from tests.nudge_helpers import make_family, noon, outbox, plan, publish_rule

DAY = date(2026, 3, 2)


def test_a_due_rule_is_planned_once_however_often_planning_runs(app):
    publish_rule(app, "first-jabs", offset_days=56)
    family = make_family(app, born_on=DAY - timedelta(days=58))
    assert plan(app, DAY) == 1
    assert plan(app, DAY) == 0
    assert plan(app, DAY + timedelta(days=1)) == 0
    assert outbox(app) == [
        ("first-jabs", family["baby_ids"][0], family["user_ids"][0], "pending")
    ]


def test_not_before_it_is_due_nor_after_its_window(app):
    publish_rule(app, "first-jabs", offset_days=56, send_window_days=7)
    make_family(app, born_on=DAY - timedelta(days=55))
    make_family(app, born_on=DAY - timedelta(days=64))
    edge = make_family(app, born_on=DAY - timedelta(days=63))
    plan(app, DAY)
    assert [row[1] for row in outbox(app)] == edge["baby_ids"]


def test_audience_picks_the_adults(app):
    publish_rule(app, "for-everyone", audience="everyone")
    publish_rule(app, "for-partners", audience="partner")
    publish_rule(app, "for-mums", audience="birthing_parent")
    family = make_family(app, born_on=DAY - timedelta(days=56), partner=True)
    mum, partner = family["user_ids"]
    plan(app, DAY)
    got = {(slug, user) for slug, _, user, _ in outbox(app)}
    assert got == {
        ("for-everyone", mum),
        ("for-everyone", partner),
        ("for-partners", partner),
        ("for-mums", mum),
    }


def test_local_rules_reach_only_their_area(app):
    publish_rule(app, "dorset-groups", area="dorset")
    dorset = make_family(app, born_on=DAY - timedelta(days=56), area="dorset")
    make_family(app, born_on=DAY - timedelta(days=56), area="hampshire")
    plan(app, DAY)
    assert [row[1] for row in outbox(app)] == dorset["baby_ids"]


def test_muted_topics_are_not_planned(app):
    from parent_app.extensions import db
    from parent_app.models import MutedTopic

    publish_rule(app, "money-tip", topic="money")
    family = make_family(app, born_on=DAY - timedelta(days=56))
    with app.app_context():
        db.session.add(MutedTopic(user_id=family["user_ids"][0], topic="money"))
        db.session.commit()
    assert plan(app, DAY) == 0


def test_birth_cohort_ranges(app):
    publish_rule(
        app, "jabs-old-schedule", offset_days=365, born_until=date(2024, 6, 30)
    )
    publish_rule(app, "jabs-new-schedule", offset_days=365, born_from=date(2024, 7, 1))
    before = make_family(app, born_on=date(2024, 6, 30))
    after = make_family(app, born_on=date(2024, 7, 1))
    plan(app, date(2025, 7, 1))
    assert {(slug, baby) for slug, baby, _, _ in outbox(app)} == {
        ("jabs-old-schedule", before["baby_ids"][0]),
        ("jabs-new-schedule", after["baby_ids"][0]),
    }


def test_twins_get_a_nudge_each(app):
    publish_rule(app, "first-jabs")
    family = make_family(app, born_on=DAY - timedelta(days=56), babies=2, partner=True)
    plan(app, DAY)
    assert len(outbox(app)) == 4
    assert {row[1] for row in outbox(app)} == set(family["baby_ids"])


def test_baby_name_is_filled_in_or_falls_back(app):
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    publish_rule(app, "first-jabs")
    make_family(app, born_on=DAY - timedelta(days=56), name="Ada")
    make_family(app, born_on=DAY - timedelta(days=56))
    plan(app, DAY)
    with app.app_context():
        bodies = sorted(db.session.scalars(select(NudgeOutbox.body)))
    assert bodies == ["A reminder about Ada.", "A reminder about your baby."]


def test_premature_baby_development_by_corrected_age_and_jabs_by_real_age(app):
    publish_rule(app, "solids", offset_days=182, age_basis="corrected", topic="feeding")
    publish_rule(app, "first-jabs", offset_days=56)
    born = DAY - timedelta(days=56)
    make_family(app, born_on=born, gestation_weeks=33)
    plan(app, DAY)
    assert [row[0] for row in outbox(app)] == ["first-jabs"]
    corrected_solids_day = born + timedelta(days=49 + 182)
    assert plan(app, corrected_solids_day - timedelta(days=1)) == 0
    assert plan(app, corrected_solids_day) == 1


def test_corrected_age_stops_at_its_cut_off(app):
    publish_rule(
        app,
        "review-2-years",
        offset_days=760,
        age_basis="corrected",
        corrected_until_days=730,
        topic="development",
    )
    born = date(2025, 1, 1)
    make_family(app, born_on=born, gestation_weeks=30)
    assert plan(app, born + timedelta(days=760)) == 1


def test_pregnancy_rules_stop_at_birth_and_birth_rules_start(app):
    from parent_app.extensions import db
    from parent_app.families import babies
    from parent_app.models import User

    publish_rule(
        app, "late-pregnancy", anchor="due_date", offset_days=-10, send_window_days=20
    )
    publish_rule(app, "newborn", anchor="birth", offset_days=0, send_window_days=5)
    due = DAY + timedelta(days=5)
    family = make_family(app, due_on=due)
    plan(app, DAY)
    assert [row[0] for row in outbox(app)] == ["late-pregnancy"]
    with app.app_context():
        user = db.session.get(User, family["user_ids"][0])
        babies.record_birth(
            user,
            family["baby_ids"][0],
            born_on=DAY,
            gestation_weeks=39,
            gestation_days=0,
            today=DAY,
            now=noon(DAY),
        )
        db.session.commit()
    assert [row[0] for row in outbox(app)] == []
    plan(app, DAY + timedelta(days=1))
    assert [row[0] for row in outbox(app)] == ["newborn"]


def test_moving_the_due_date_never_repeats_and_still_catches_up(app):
    from sqlalchemy import update

    from parent_app.extensions import db
    from parent_app.families import babies
    from parent_app.models import NudgeOutbox, OutboxStatus, User

    publish_rule(
        app, "week-16", anchor="due_date", pregnancy_week=16, send_window_days=14
    )
    publish_rule(
        app, "week-20", anchor="due_date", pregnancy_week=20, send_window_days=14
    )
    due = DAY + timedelta(weeks=24)  # 16 weeks pregnant on DAY
    family = make_family(app, due_on=due)
    plan(app, DAY)
    with app.app_context():
        db.session.execute(update(NudgeOutbox).values(status=OutboxStatus.DELIVERED))
        db.session.commit()
        user = db.session.get(User, family["user_ids"][0])
        # The scan says the baby is further on: now 20 weeks pregnant.
        babies.update_baby(
            user,
            family["baby_ids"][0],
            {"due_date": DAY + timedelta(weeks=20)},
            today=DAY,
            now=noon(DAY),
        )
        db.session.commit()
    plan(app, DAY)
    assert [(row[0], row[3]) for row in outbox(app)] == [
        ("week-16", "delivered"),
        ("week-20", "pending"),
    ]


def test_a_loss_cancels_everything_for_every_adult_and_nothing_follows(app):
    from parent_app.extensions import db
    from parent_app.families import babies
    from parent_app.models import User

    publish_rule(
        app, "week-14", anchor="due_date", pregnancy_week=14, send_window_days=14
    )
    publish_rule(
        app, "week-16", anchor="due_date", pregnancy_week=16, send_window_days=14
    )
    publish_rule(app, "newborn", anchor="birth", offset_days=0)
    due = DAY + timedelta(weeks=26)  # 14 weeks pregnant
    family = make_family(app, due_on=due, partner=True)
    plan(app, DAY)
    assert {row[3] for row in outbox(app)} == {"pending"} and len(outbox(app)) == 2
    with app.app_context():
        partner = db.session.get(User, family["user_ids"][1])
        babies.record_loss(
            partner, family["baby_ids"][0], lost_on=DAY, today=DAY, now=noon(DAY)
        )
        db.session.commit()
    assert {row[3] for row in outbox(app)} == {"cancelled"}
    for days in range(0, 300, 7):
        assert plan(app, DAY + timedelta(days=days)) == 0


def test_a_deleted_account_gets_nothing(app):
    from parent_app.extensions import db
    from parent_app.models import User

    publish_rule(app, "first-jabs")
    family = make_family(app, born_on=DAY - timedelta(days=56))
    with app.app_context():
        db.session.delete(db.session.get(User, family["user_ids"][0]))
        db.session.commit()
    assert plan(app, DAY) == 0


def test_archived_rules_are_not_planned(app):
    from datetime import UTC, datetime

    from parent_app.content.kinds import get_kind
    from parent_app.extensions import db
    from parent_app.models import ContentItem

    item_id = publish_rule(app, "first-jabs")
    make_family(app, born_on=DAY - timedelta(days=56))
    with app.app_context():
        item = db.session.get(ContentItem, item_id)
        item.status = "archived"
        get_kind("nudge_rule").archive(item, datetime.now(UTC))
        db.session.commit()
    assert plan(app, DAY) == 0


@pytest.mark.parametrize("weeks", [24, 28, 30, 33, 36, 40, 42])
def test_the_planner_agrees_with_the_pure_calendar(app, weeks):
    """Across many babies and rules, SQL planning equals domain.nudge_calendar."""
    from parent_app.domain import nudge_calendar as calendar
    from parent_app.domain.pregnancy import corrected_birth_date

    rules = {
        "r-preg": {"anchor": "due_date", "offset_days": -100, "send_window_days": 10},
        "r-jab": {"anchor": "birth", "offset_days": 56, "send_window_days": 6},
        "r-dev": {
            "anchor": "birth",
            "offset_days": 120,
            "age_basis": "corrected",
            "send_window_days": 20,
            "topic": "development",
        },
        "r-late": {
            "anchor": "birth",
            "offset_days": 700,
            "age_basis": "corrected",
            "corrected_until_days": 730,
            "send_window_days": 30,
            "topic": "development",
        },
    }
    for slug, fields in rules.items():
        publish_rule(app, slug, **fields)
    expected = set()
    for k in range(0, 760, 9):
        born = DAY - timedelta(days=k)
        fam = make_family(app, born_on=born, gestation_weeks=weeks)
        corrected = corrected_birth_date(born, weeks)
        dates = calendar.BabyDates(
            "born", None, born, corrected if corrected != born else None
        )
        for slug, fields in rules.items():
            timing = calendar.RuleTiming(
                **{k2: v for k2, v in fields.items() if k2 != "topic"}
            )
            if calendar.is_sendable(timing, dates, DAY):
                expected.add((slug, fam["baby_ids"][0]))
    for k in range(-10, 200, 11):
        fam = make_family(app, due_on=DAY + timedelta(days=100 - k))
        dates = calendar.BabyDates("expected", DAY + timedelta(days=100 - k))
        if calendar.is_sendable(
            calendar.RuleTiming(
                anchor="due_date", offset_days=-100, send_window_days=10
            ),
            dates,
            DAY,
        ):
            expected.add(("r-preg", fam["baby_ids"][0]))
    plan(app, DAY)
    assert {(slug, baby) for slug, baby, _, _ in outbox(app)} == expected
    assert expected


# The sweep reads only the anchor days whose window opened since its last run; a
# family whose facts change is queued and has its open windows read again. Each test
# below fails if a change path forgets the queue.


def _queued(app):
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models import FamilyToReplan

    with app.app_context():
        return set(db.session.scalars(select(FamilyToReplan.household_id)))


def test_day_by_day_the_sweep_catches_each_window_as_it_opens(app):
    publish_rule(app, "first-jabs", offset_days=56, send_window_days=3)
    families = [
        make_family(app, born_on=DAY - timedelta(days=56 - n)) for n in range(4)
    ]
    for n in range(4):
        assert plan(app, DAY + timedelta(days=n)) == 1
    assert sorted(row[1] for row in outbox(app)) == sorted(
        f["baby_ids"][0] for f in families
    )
    assert _queued(app) == set()


def test_a_family_added_after_planning_gets_what_is_already_due(app):
    publish_rule(app, "first-jabs", offset_days=56, send_window_days=7)
    make_family(app, born_on=DAY - timedelta(days=56))
    assert plan(app, DAY) == 1
    late = make_family(
        app, born_on=DAY - timedelta(days=60)
    )  # window opened 4 days ago
    assert _queued(app) == {late["household_id"]}
    assert plan(app, DAY) == 1
    assert late["baby_ids"][0] in {row[1] for row in outbox(app)}


def test_unmuting_a_topic_brings_back_what_is_still_due(app):
    from parent_app.accounts.users import update_profile
    from parent_app.extensions import db
    from parent_app.models import User

    publish_rule(app, "money-tip", topic="money", offset_days=56, send_window_days=7)
    family = make_family(app, born_on=DAY - timedelta(days=58))
    with app.app_context():
        user = db.session.get(User, family["user_ids"][0])
        update_profile(user, {"muted_topics": ["money"]}, now=noon(DAY))
        db.session.commit()
    assert plan(app, DAY) == 0
    with app.app_context():
        user = db.session.get(User, family["user_ids"][0])
        update_profile(user, {"muted_topics": []}, now=noon(DAY))
        db.session.commit()
    assert plan(app, DAY) == 1


def test_a_partner_who_joins_gets_what_is_still_due(app):
    from parent_app.extensions import db
    from parent_app.families.invites import create_invite, join_household
    from parent_app.models import User

    publish_rule(app, "for-everyone", offset_days=56, send_window_days=7)
    family = make_family(app, born_on=DAY - timedelta(days=58))
    other = make_family(app, due_on=DAY + timedelta(days=200))
    assert plan(app, DAY) == 1
    with app.app_context():
        mum = db.session.get(User, family["user_ids"][0])
        code = create_invite(mum, now=noon(DAY), lifetime_days=7)[0]
        joiner = db.session.get(User, other["user_ids"][0])
        join_household(joiner, code, now=noon(DAY))
        db.session.commit()
    assert plan(app, DAY) == 1
    assert {row[2] for row in outbox(app)} == {
        family["user_ids"][0],
        other["user_ids"][0],
    }


def test_an_edited_rule_is_planned_again_over_its_whole_window(app):
    publish_rule(app, "dads-jabs", audience="partner", offset_days=56)
    family = make_family(app, born_on=DAY - timedelta(days=58), partner=True)
    mum, partner = family["user_ids"]
    assert plan(app, DAY) == 1
    publish_rule(app, "dads-jabs", audience="everyone", offset_days=56)
    assert plan(app, DAY) == 1
    assert {row[2] for row in outbox(app)} == {mum, partner}


def test_planning_an_earlier_day_still_reads_its_whole_window(app):
    publish_rule(app, "first-jabs", offset_days=56, send_window_days=3)
    make_family(app, born_on=DAY - timedelta(days=56))
    assert plan(app, DAY + timedelta(days=10)) == 0
    assert plan(app, DAY) == 1
