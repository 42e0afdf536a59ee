"""Reach of nudge rules, counted anonymously as it happens: per area of the family,
month the nudge fell due, rule and step (planned, in the inbox, pushed, read, acted
on), in the same transaction as the step. The counts hold no user, household or baby
id, so erasing a family later changes no figure.

A rule's first reminder carries the family's area from the moment it was planned
(NudgeOutbox.area_id), so every step of one reminder is counted under one area and
counting reads only the reminder's own row."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import func, select

from parent_app.domain.daynum import from_day
from parent_app.domain.disclosure import month_of
from parent_app.extensions import db
from parent_app.models import NudgeOutbox, NudgeReachFigure
from parent_app.outbox.sql import insert_adding_counts

CHUNK = 500


def count_reach(measure: str, outbox_ids: Iterable[int]) -> int:
    """Add the rule nudges among `outbox_ids` to their cells of `measure` (each id once;
    personal reminders, which have no rule, follow-ups and families with no area are
    left out).
    Returns how many were counted."""
    ids = sorted(set(outbox_ids))
    counted: list[tuple[str | None, int, int | None, int]] = []
    for start in range(0, len(ids), CHUNK):
        counted.extend(
            db.session.execute(
                select(
                    NudgeOutbox.area_id,
                    NudgeOutbox.due_day,
                    NudgeOutbox.rule_id,
                    func.count(),
                )
                .where(
                    NudgeOutbox.id.in_(ids[start : start + CHUNK]),
                    NudgeOutbox.rule_id.is_not(None),
                    # A rule's follow-up is its second reminder: reach counts the first.
                    NudgeOutbox.follow_up_of_id.is_(None),
                    NudgeOutbox.area_id.is_not(None),
                )
                .group_by(NudgeOutbox.area_id, NudgeOutbox.due_day, NudgeOutbox.rule_id)
            ).all()
        )
    return add_to_reach(measure, counted)


def add_to_reach(
    measure: str, nudges: Iterable[tuple[str | None, int, int | None, int]]
) -> int:
    """Add (area, due day, rule, how many) to their cells of `measure`; nudges of a
    family with no area, and personal reminders (no rule), are left out. Returns how
    many were counted."""
    cells: Counter[tuple[str, str, int]] = Counter()
    for area_id, due_day, rule_id, count in nudges:
        if area_id is None or rule_id is None:
            continue
        due_on = from_day(due_day)
        cells[(area_id, month_of(due_on.year, due_on.month), rule_id)] += count
    if cells:
        db.session.execute(
            insert_adding_counts(
                NudgeReachFigure.__table__, ["area_id", "month", "rule_id", "measure"]
            ),
            [
                {
                    "area_id": area_id,
                    "month": month,
                    "rule_id": rule_id,
                    "measure": measure,
                    "count": count,
                }
                for (area_id, month, rule_id), count in sorted(cells.items())
            ],
        )
    return sum(cells.values())
