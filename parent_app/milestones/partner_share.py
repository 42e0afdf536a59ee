"""The partner shares commissioners ask for, per area and month: of each milestone's
marks, how many partners made; of the households, how many a partner has joined.
Worked out only from figures already published (disclosed counts), so a share tells
nothing the cells do not; a share over a suppressed cell is suppressed."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from parent_app.domain.disclosure import disclose
from parent_app.extensions import db
from parent_app.milestones.equity import HOUSEHOLDS, PARTNER_JOINED
from parent_app.milestones.figures import WINDOWS_OPENED, read_figures
from parent_app.models import HouseholdFigure

MARKS_BY_PARTNERS = "partner_share_of_marks"
HOUSEHOLDS_WITH_PARTNER = "households_with_partner"


@dataclass(frozen=True)
class ShareRow:
    area: str
    month: str
    milestone: str | None  # None: the households share
    measure: str
    part: int | None  # disclosed counts; None: suppressed
    whole: int | None
    percent: int | None  # None: suppressed, or nothing to share
    suppressed: bool


def _total(counts: list[int | None]) -> int | None:
    """A sum of disclosed counts; None when any is suppressed."""
    return None if None in counts else sum(count or 0 for count in counts)


def _share(
    area: str,
    month: str,
    milestone: str | None,
    measure: str,
    part: int | None,
    whole: int | None,
) -> ShareRow:
    if part is None or whole is None:
        return ShareRow(area, month, milestone, measure, None, None, None, True)
    percent = round(100 * part / whole) if whole else None
    return ShareRow(area, month, milestone, measure, part, whole, percent, False)


def read_partner_shares(
    *, areas: list[str], first_month: str, last_month: str, milestones: list[str]
) -> list[ShareRow]:
    """Per area and month: each milestone's share of marks made by partners (all
    statuses), and the share of households a partner has joined."""
    marks: dict[tuple[str, str, str], dict[str, list[int | None]]] = defaultdict(
        lambda: {"partner": [], "birthing_parent": []}
    )
    for row in read_figures(
        areas=areas,
        first_month=first_month,
        last_month=last_month,
        milestones=milestones,
    ):
        if row.measure != WINDOWS_OPENED and row.role in ("partner", "birthing_parent"):
            marks[(row.area, row.month, row.milestone)][row.role].append(row.count)
    rows = [
        _share(
            area,
            month,
            milestone,
            MARKS_BY_PARTNERS,
            _total(by_role["partner"]),
            _total(by_role["partner"] + by_role["birthing_parent"]),
        )
        for (area, month, milestone), by_role in marks.items()
    ]
    households: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for cell in db.session.scalars(
        select(HouseholdFigure).where(
            HouseholdFigure.area_id.in_(areas),
            HouseholdFigure.month.between(first_month, last_month),
        )
    ):
        households[(cell.area_id, cell.month)][cell.measure] = cell.count
    for (area, month), counts in households.items():
        rows.append(
            _share(
                area,
                month,
                None,
                HOUSEHOLDS_WITH_PARTNER,
                disclose(counts.get(PARTNER_JOINED, 0)),
                disclose(counts.get(HOUSEHOLDS, 0)),
            )
        )
    rows.sort(key=lambda r: (r.area, r.month, r.milestone or "", r.measure))
    return rows
