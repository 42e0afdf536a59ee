"""Equity cuts of the anonymous milestone figures: by the language a parent chose and
by whether a partner has joined the household, and the partner shares (of each
milestone's marks, of the area's households). Kept like every figure: no personal id,
written with the event or snapshotted, read with the same disclosure control."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import case, exists, func, literal, select

from parent_app.domain.disclosure import disclose, month_of
from parent_app.extensions import db
from parent_app.models import (
    Baby,
    BabyStatus,
    Household,
    HouseholdFigure,
    MilestoneCutFigure,
    User,
)
from parent_app.outbox.sql import insert_adding_counts, insert_ignoring_duplicates

LANGUAGE = "language"
PARTNER = "partner"
CUTS = (LANGUAGE, PARTNER)
JOINED = "joined"
NOT_JOINED = "not_joined"
WINDOWS_OPENED = "windows_opened"
HOUSEHOLDS = "households"
PARTNER_JOINED = "partner_joined"
CUT_KEYS = ["area_id", "month", "milestone_key", "measure", "cut", "value"]
CUT_COLUMNS = [*CUT_KEYS, "count"]


def partner_group(has_partner: bool) -> str:
    return JOINED if has_partner else NOT_JOINED


def count_mark_cuts(
    *,
    area_id: str,
    month: str,
    key: str,
    status: str,
    language: str,
    has_partner: bool,
) -> None:
    """One more mark in its language cell and its partner cell, in the caller's
    transaction."""
    cell = {"area_id": area_id, "month": month, "milestone_key": key}
    db.session.execute(
        insert_adding_counts(MilestoneCutFigure.__table__, CUT_KEYS),
        [
            {**cell, "measure": status, "cut": LANGUAGE, "value": language, "count": 1},
            {
                **cell,
                "measure": status,
                "cut": PARTNER,
                "value": partner_group(has_partner),
                "count": 1,
            },
        ],
    )


def _adults_in(household_id: Any) -> Any:
    return (
        select(func.count(User.id))
        .where(User.household_id == household_id)
        .scalar_subquery()
    )


def snapshot_window_cuts(*, opens: Any, month: str, key: str) -> None:
    """The windows opening (`opens`, a condition on babies) counted by partner and by
    each language read in the household, per area: INSERT … SELECT … GROUP BY."""
    b, h, u = Baby.__table__.c, Household.__table__.c, User.__table__.c
    babies = Baby.__table__.join(Household.__table__, h.id == b.household_id)
    where = (opens, b.status != BabyStatus.LOST.value, h.area_id.is_not(None))
    by_partner = (
        select(
            h.area_id.label("area_id"),
            case((_adults_in(h.id) > 1, JOINED), else_=NOT_JOINED).label("value"),
        )
        .select_from(babies)
        .where(*where)
        .subquery()
    )
    by_language = (
        select(h.area_id.label("area_id"), u.language.label("value"), b.id)
        .select_from(babies.join(User.__table__, u.household_id == h.id))
        .where(*where)
        .distinct()
        .subquery()
    )
    for cut, inner in ((PARTNER, by_partner), (LANGUAGE, by_language)):
        source = select(
            inner.c.area_id,
            literal(month),
            literal(key),
            literal(WINDOWS_OPENED),
            literal(cut),
            inner.c.value,
            func.count(),
        ).group_by(inner.c.area_id, inner.c.value)
        db.session.execute(
            insert_adding_counts(MilestoneCutFigure.__table__, CUT_KEYS).from_select(
                CUT_COLUMNS, source
            )
        )


def snapshot_households(*, today: date) -> None:
    """Once a month (the first run in it): per area, the households with a baby (not
    after a loss), and of them those where a partner has joined."""
    month = month_of(today.year, today.month)
    taken = db.session.scalar(
        select(HouseholdFigure.area_id).where(HouseholdFigure.month == month).limit(1)
    )
    if taken is not None:
        return
    h = Household.__table__.c
    has_baby = exists().where(
        Baby.household_id == h.id, Baby.status != BabyStatus.LOST.value
    )
    inner = (
        select(
            h.area_id.label("area_id"),
            case((_adults_in(h.id) > 1, 1), else_=0).label("joined"),
        )
        .where(h.area_id.is_not(None), has_baby)
        .subquery()
    )
    for measure, counted in (
        (HOUSEHOLDS, func.count()),
        (PARTNER_JOINED, func.sum(inner.c.joined)),
    ):
        source = select(
            inner.c.area_id, literal(month), literal(measure), counted
        ).group_by(inner.c.area_id)
        db.session.execute(
            insert_ignoring_duplicates(
                HouseholdFigure.__table__, ["area_id", "month", "measure"]
            ).from_select(["area_id", "month", "measure", "count"], source)
        )


@dataclass(frozen=True)
class CutRow:
    area: str
    month: str
    milestone: str
    measure: str
    by: str
    group: str
    count: int | None
    suppressed: bool


def read_cuts(
    *,
    areas: list[str],
    first_month: str,
    last_month: str,
    milestones: list[str],
    by: str,
) -> list[CutRow]:
    """Every kept cell of the cut `by` in the areas and months, disclosed, in a stable
    order; each cell reads the same whatever else a query asks for."""
    query = select(MilestoneCutFigure).where(
        MilestoneCutFigure.area_id.in_(areas),
        MilestoneCutFigure.month.between(first_month, last_month),
        MilestoneCutFigure.cut == by,
    )
    if milestones:
        query = query.where(MilestoneCutFigure.milestone_key.in_(milestones))
    rows = []
    for cell in db.session.scalars(query):
        shown = disclose(cell.count)
        rows.append(
            CutRow(
                cell.area_id,
                cell.month,
                cell.milestone_key,
                cell.measure,
                cell.cut,
                cell.value,
                shown,
                shown is None,
            )
        )
    rows.sort(key=lambda r: (r.area, r.month, r.milestone, r.measure, r.group))
    return rows
