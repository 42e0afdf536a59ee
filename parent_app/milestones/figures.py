"""Anonymous uptake figures for staff and commissioners.

Counts are written in the same transaction as the event (a mark; a window opening,
snapshotted by the planning job) into tables with no user, household or baby id
(models/figures.py), and read back with disclosure control (domain.disclosure):
counts of 1 to 7 suppressed, others rounded to the nearest 5. Figures are only ever
given per area and calendar month, each cell the same whatever else a query asks for,
and wider areas are not summed, so two queries cannot be differenced down to a family.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, literal, select

from parent_app.domain.daynum import from_day, to_day
from parent_app.domain.disclosure import disclose, month_of
from parent_app.errors import Forbidden
from parent_app.extensions import db
from parent_app.milestones.equity import count_mark_cuts, snapshot_window_cuts
from parent_app.models import Area, Baby, BabyStatus, Household, Milestone, User
from parent_app.models.figures import (
    MilestoneDenominator,
    MilestoneFigure,
    MilestoneWindowMark,
)
from parent_app.outbox.sql import insert_adding_counts

WINDOWS_OPENED = "windows_opened"
ALL_ROLES = "all"
# A first run counts today's openings only; a gap after downtime is caught up to this.
MAX_CATCH_UP_DAYS = 62


def count_mark(
    *,
    area_id: str | None,
    today: date,
    key: str,
    status: str,
    role: str,
    language: str,
    has_partner: bool,
) -> None:
    """One more mark of `status` on the milestone, by role and in its equity cells
    (the adult's language; whether a partner has joined), in the caller's
    transaction."""
    if area_id is None:
        return
    count_mark_cuts(
        area_id=area_id,
        month=month_of(today.year, today.month),
        key=key,
        status=status,
        language=language,
        has_partner=has_partner,
    )
    db.session.execute(
        insert_adding_counts(
            MilestoneFigure.__table__,
            ["area_id", "month", "milestone_key", "status", "role"],
        ).values(
            area_id=area_id,
            month=month_of(today.year, today.month),
            milestone_key=key,
            status=status,
            role=role,
            count=1,
        )
    )


def _month_spans(first: int, last: int) -> list[tuple[int, int, str]]:
    """Day-number ranges [first, last] split at calendar months, each with its month."""
    spans = []
    day = first
    while day <= last:
        on = from_day(day)
        following = date(on.year + on.month // 12, on.month % 12 + 1, 1)
        end = min(last, to_day(following) - 1)
        spans.append((day, end, month_of(on.year, on.month)))
        day = end + 1
    return spans


def snapshot_windows(*, today: date) -> int:
    """Count, per area and month, the babies whose window for each milestone opened
    since the last run (through today): one INSERT … SELECT … GROUP BY per milestone and
    month. Returns how many windows were counted."""
    b, h = Baby.__table__.c, Household.__table__.c
    today_day = to_day(today)
    marks = {
        m.milestone_key: m for m in db.session.scalars(select(MilestoneWindowMark))
    }
    counted = 0
    for milestone in db.session.scalars(select(Milestone)):
        mark = marks.get(milestone.key)
        first = (
            today_day
            if mark is None
            else max(mark.counted_through_day + 1, today_day - MAX_CATCH_UP_DAYS)
        )
        anchor = (
            b.due_day
            if milestone.anchor == "due_date"
            else func.coalesce(b.birth_day, b.due_day)
        )
        for low, high, month in _month_spans(first, today_day):
            opens = anchor.between(
                low - milestone.from_days, high - milestone.from_days
            )
            source = (
                select(
                    h.area_id,
                    literal(month),
                    literal(milestone.key),
                    func.count(),
                )
                .select_from(
                    Baby.__table__.join(Household.__table__, h.id == b.household_id)
                )
                .where(opens, b.status != BabyStatus.LOST.value, h.area_id.is_not(None))
                .group_by(h.area_id)
            )
            statement = insert_adding_counts(
                MilestoneDenominator.__table__, ["area_id", "month", "milestone_key"]
            ).from_select(["area_id", "month", "milestone_key", "count"], source)
            result = db.session.execute(
                statement.execution_options(preserve_rowcount=True)
            )
            counted += max(result.rowcount or 0, 0)
            snapshot_window_cuts(opens=opens, month=month, key=milestone.key)
        if mark is None:
            db.session.add(
                MilestoneWindowMark(
                    milestone_key=milestone.key, counted_through_day=today_day
                )
            )
        elif mark.counted_through_day < today_day:
            mark.counted_through_day = today_day
    db.session.flush()
    return counted


@dataclass(frozen=True)
class FigureRow:
    area: str
    month: str
    milestone: str
    measure: str
    role: str
    count: int | None
    suppressed: bool


def visible_areas(staff: User, requested: list[str]) -> list[str]:
    """An admin sees every area, an editor their own; asking for another is a 403."""
    leaf_areas = set(
        db.session.scalars(select(Area.id).where(Area.is_national.is_(False)))
    )
    allowed = (
        leaf_areas if staff.role.value == "admin" else leaf_areas & staff.staff_area_ids
    )
    if not requested:
        return sorted(allowed)
    refused = [area for area in requested if area not in allowed]
    if refused:
        raise Forbidden(
            f"You cannot see figures for {', '.join(sorted(refused))}.",
            code="area_not_allowed",
        )
    return sorted(set(requested))


def read_figures(
    *, areas: list[str], first_month: str, last_month: str, milestones: list[str]
) -> list[FigureRow]:
    """Every kept cell in the areas and months, disclosure-controlled, in a stable
    order."""
    rows: list[FigureRow] = []
    windows = select(MilestoneDenominator).where(
        MilestoneDenominator.area_id.in_(areas),
        MilestoneDenominator.month.between(first_month, last_month),
    )
    marks = select(MilestoneFigure).where(
        MilestoneFigure.area_id.in_(areas),
        MilestoneFigure.month.between(first_month, last_month),
    )
    if milestones:
        windows = windows.where(MilestoneDenominator.milestone_key.in_(milestones))
        marks = marks.where(MilestoneFigure.milestone_key.in_(milestones))
    for w in db.session.scalars(windows):
        shown = disclose(w.count)
        rows.append(
            FigureRow(
                w.area_id,
                w.month,
                w.milestone_key,
                WINDOWS_OPENED,
                ALL_ROLES,
                shown,
                shown is None,
            )
        )
    for m in db.session.scalars(marks):
        shown = disclose(m.count)
        rows.append(
            FigureRow(
                m.area_id,
                m.month,
                m.milestone_key,
                m.status,
                m.role,
                shown,
                shown is None,
            )
        )
    rows.sort(key=lambda r: (r.area, r.month, r.milestone, r.measure, r.role))
    return rows
