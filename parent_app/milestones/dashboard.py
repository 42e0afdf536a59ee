"""The figures page's tables for one area, one milestone and a range of months: the
same disclosed cells as the figures API, laid out by month (every month of the range,
a count with no cell being 0), ready to chart and to read as a table."""

from __future__ import annotations

from dataclasses import dataclass, field

from parent_app.domain.disclosure import month_of
from parent_app.milestones.equity import LANGUAGE, PARTNER, read_cuts
from parent_app.milestones.figures import WINDOWS_OPENED, read_figures
from parent_app.milestones.partner_share import (
    HOUSEHOLDS_WITH_PARTNER,
    MARKS_BY_PARTNERS,
    read_partner_shares,
)

STATUS_LABELS = {"booked": "Booked", "done": "Done", "not_for_us": "Not for us"}
ROLE_LABELS = {"birthing_parent": "birthing parents", "partner": "partners"}
GROUP_LABELS = {"joined": "Partner joined", "not_joined": "No partner joined"}
SUPPRESSED = None


@dataclass
class FigureTable:
    """Rows are months; `cells[(month, column key)]` is a disclosed count or percent
    (None: suppressed); a missing cell reads as `missing`."""

    key: str
    title: str
    columns: list[tuple[str, str]]
    months: list[str]
    cells: dict[tuple[str, str], int | None] = field(default_factory=dict)
    is_percent: bool = False
    missing: int | None = 0

    def value(self, month: str, column: str) -> int | None:
        return self.cells.get((month, column), self.missing)

    def has(self, month: str, column: str) -> bool:
        return (month, column) in self.cells

    def series(self) -> list[tuple[str, list[int | None]]]:
        return [
            (label, [self.value(month, key) for month in self.months])
            for key, label in self.columns
        ]


def months_between(first_month: str, last_month: str) -> list[str]:
    """Every "YYYY-MM" from the first to the last, both included."""
    year, month = map(int, first_month.split("-"))
    months = []
    while month_of(year, month) <= last_month:
        months.append(month_of(year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _marks_table(area: str, months: list[str], milestone: str) -> FigureTable:
    columns = [(WINDOWS_OPENED, "Windows opened")] + [
        (f"{status}:{role}", f"{label} by {who}")
        for status, label in STATUS_LABELS.items()
        for role, who in ROLE_LABELS.items()
    ]
    table = FigureTable("marks", "Windows opened and marks", columns, months)
    for row in read_figures(
        areas=[area],
        first_month=months[0],
        last_month=months[-1],
        milestones=[milestone],
    ):
        column = (
            WINDOWS_OPENED
            if row.measure == WINDOWS_OPENED
            else f"{row.measure}:{row.role}"
        )
        table.cells[(row.month, column)] = row.count
    return table


def _shares_table(area: str, months: list[str], milestone: str) -> FigureTable:
    table = FigureTable(
        "partners",
        "Partner shares (per cent)",
        [
            (MARKS_BY_PARTNERS, "Marks made by partners"),
            (HOUSEHOLDS_WITH_PARTNER, "Households a partner has joined"),
        ],
        months,
        is_percent=True,
        missing=None,
    )
    for row in read_partner_shares(
        areas=[area],
        first_month=months[0],
        last_month=months[-1],
        milestones=[milestone],
    ):
        if row.percent is not None or row.suppressed:
            table.cells[(row.month, row.measure)] = row.percent
    return table


def _cut_table(area: str, months: list[str], milestone: str, by: str) -> FigureTable:
    cells = {
        (row.month, row.group): row.count
        for row in read_cuts(
            areas=[area],
            first_month=months[0],
            last_month=months[-1],
            milestones=[milestone],
            by=by,
        )
        if row.measure == WINDOWS_OPENED
    }
    groups = sorted({group for _, group in cells})
    title = (
        "Windows opened by the language chosen"
        if by == LANGUAGE
        else "Windows opened by whether a partner has joined"
    )
    columns = [(group, GROUP_LABELS.get(group, group)) for group in groups]
    return FigureTable(by, title, columns, months, cells)


def milestone_dashboard(
    *, area: str, milestone: str, first_month: str, last_month: str
) -> list[FigureTable]:
    """The page's tables, in the order shown. The area must be one the reader may
    see (milestones.figures.visible_areas)."""
    months = months_between(first_month, last_month)
    return [
        _marks_table(area, months, milestone),
        _shares_table(area, months, milestone),
        _cut_table(area, months, milestone, LANGUAGE),
        _cut_table(area, months, milestone, PARTNER),
    ]
