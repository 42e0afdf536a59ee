"""Reach of nudge rules for staff: per area of the families, month the nudges fell
due and rule, how many were planned, reached inboxes, were pushed, read and acted on.
Read from the anonymous counts (outbox.reach, written with each step), with
disclosure control, so erasing a family changes no figure and none points at one."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from parent_app.domain.disclosure import disclose
from parent_app.extensions import db
from parent_app.models.figures import NudgeReachFigure, ReachMeasure
from parent_app.models.nudges import NudgeRule

REMOVED_RULE = "A removed rule"


@dataclass(frozen=True)
class ReachRow:
    area: str
    month: str
    rule_id: int
    rule: str
    measure: str
    count: int | None  # None: suppressed
    suppressed: bool


@dataclass
class MonthReach:
    """One row of a rule's table: a month in one area, each step disclosed (None:
    suppressed)."""

    month: str
    area: str
    steps: dict[str, int | None] = field(default_factory=dict)


@dataclass
class RuleReach:
    rule_id: int
    title: str
    months: list[MonthReach] = field(default_factory=list)


def read_reach(
    *,
    areas: list[str],
    first_month: str,
    last_month: str,
    rule_ids: list[int] | None = None,
) -> list[ReachRow]:
    """Every kept reach cell in the areas and months (of the rules, given), disclosed,
    in a stable order. Each cell reads the same whatever else is asked for."""
    query = select(NudgeReachFigure).where(
        NudgeReachFigure.area_id.in_(areas),
        NudgeReachFigure.month.between(first_month, last_month),
    )
    if rule_ids:
        query = query.where(NudgeReachFigure.rule_id.in_(rule_ids))
    cells = list(db.session.scalars(query))
    titles = dict(
        db.session.execute(
            select(NudgeRule.id, NudgeRule.title).where(
                NudgeRule.id.in_({cell.rule_id for cell in cells})
            )
        ).all()
    )
    rows = []
    for cell in cells:
        shown = disclose(cell.count)
        rows.append(
            ReachRow(
                cell.area_id,
                cell.month,
                cell.rule_id,
                titles.get(cell.rule_id, REMOVED_RULE),
                cell.measure,
                shown,
                shown is None,
            )
        )
    order = {measure: i for i, measure in enumerate(ReachMeasure.ALL)}
    rows.sort(key=lambda r: (r.area, r.month, r.rule_id, order.get(r.measure, 99)))
    return rows


def rule_reach(
    areas: list[str], *, first_month: str, last_month: str
) -> list[RuleReach]:
    """The same cells by rule (by title), then month and area: a step with no count
    kept is 0."""
    by_rule: dict[int, RuleReach] = {}
    rows: dict[tuple[int, str, str], MonthReach] = {}
    for row in read_reach(areas=areas, first_month=first_month, last_month=last_month):
        rule = by_rule.setdefault(row.rule_id, RuleReach(row.rule_id, row.rule))
        key = (row.rule_id, row.month, row.area)
        if key not in rows:
            rows[key] = MonthReach(
                row.month, row.area, dict.fromkeys(ReachMeasure.ALL, 0)
            )
            rule.months.append(rows[key])
        rows[key].steps[row.measure] = row.count
    for rule in by_rule.values():
        rule.months.sort(key=lambda m: (m.month, m.area))
    return sorted(by_rule.values(), key=lambda r: (r.title.lower(), r.rule_id))
