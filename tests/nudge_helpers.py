"""Helpers for nudge tests: rules published as the catalogue does, families written
directly (so that any dates can be used with a fixed `now`)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time
from typing import Any

_counter = itertools.count(1)


def rule_data(slug: str, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": slug,
        "title": f"Title {slug}",
        "body": "A reminder about {baby_name}.",
        "anchor": "birth",
        "offset_days": 56,
        "topic": "immunisations",
        "send_window_days": 7,
    }
    if any(k in overrides for k in ("pregnancy_week", "age_weeks", "age_months")):
        del data["offset_days"]
    data.update(overrides)
    return data


def publish_rule(app: Any, slug: str, **overrides: Any) -> int:
    from parent_app.content.lifecycle import publish_from_catalogue
    from parent_app.extensions import db

    with app.app_context():
        item = publish_from_catalogue(
            "nudge_rule", rule_data(slug, **overrides), now=datetime.now(UTC)
        )
        db.session.commit()
        return item.item.id


def make_family(
    app: Any,
    *,
    due_on: date | None = None,
    born_on: date | None = None,
    gestation_weeks: int = 40,
    partner: bool = False,
    area: str = "dorset",
    babies: int = 1,
    name: str | None = None,
) -> dict[str, Any]:
    """A household with a birthing parent (and a partner) and its babies, any dates
    allowed."""
    from parent_app.extensions import db
    from parent_app.families.babies import sync_day_numbers
    from parent_app.models import Baby, BabyStatus, Household, Role, User

    n = next(_counter)
    with app.app_context():
        household = Household(area_id=area)
        adults = [
            User(
                email=f"mum{n}@example.org",
                password_hash="x",
                role=Role.BIRTHING_PARENT,
                area_id=area,
                household=household,
            )
        ]
        if partner:
            adults.append(
                User(
                    email=f"partner{n}@example.org",
                    password_hash="x",
                    role=Role.PARTNER,
                    area_id=area,
                    household=household,
                )
            )
        db.session.add_all([household, *adults])
        made = []
        for i in range(babies):
            baby = Baby(
                household=household,
                name=name if i == 0 else None,
                status=BabyStatus.BORN if born_on else BabyStatus.EXPECTED,
                due_on=due_on,
                born_on=born_on,
                gestation_weeks=gestation_weeks if born_on else None,
                gestation_days=0,
            )
            sync_day_numbers(baby)
            db.session.add(baby)
            made.append(baby)
        db.session.commit()
        return {
            "household_id": household.id,
            "user_ids": [a.id for a in adults],
            "baby_ids": [b.id for b in made],
        }


def noon(on: date) -> datetime:
    return datetime.combine(on, time(12), tzinfo=UTC)


def plan(app: Any, on: date) -> int:
    from parent_app.extensions import db
    from parent_app.nudges.planner import plan_due_nudges

    with app.app_context():
        report = plan_due_nudges(now=noon(on))
        db.session.commit()
        return report.planned


def outbox(app: Any) -> list[tuple[str, int, int, str]]:
    """(rule slug, baby id, user id, status) for every outbox row, sorted."""
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, NudgeRule

    with app.app_context():
        rows = db.session.execute(
            select(
                NudgeRule.slug,
                NudgeOutbox.baby_id,
                NudgeOutbox.user_id,
                NudgeOutbox.status,
            ).join(NudgeRule, NudgeRule.id == NudgeOutbox.rule_id)
        ).all()
        return sorted(
            (slug, baby, user, status.value) for slug, baby, user, status in rows
        )
