"""Paternity leave date rules: the window to take it, split weeks, the day-one right
and the notice deadline.

Source: leave-and-pay-rules.md §7 (smart-answers `paternity_pay_calculator.rb`,
`paternity_adoption_pay_calculator.rb` `paternity_deadline`,
`leave_must_be_taken_consecutively?`, `grace_paternity_leave?`; parent tool
`_pat_leave.erb`, `_birth_nothing.erb`, `_paternity_unavailable.erb`).
"""

from __future__ import annotations

from datetime import date, timedelta

from parent_app.domain.leave_pay.key_dates import BirthWeeks
from parent_app.domain.leave_pay.location import Location

# Babies due on or before this day (and anyone in Northern Ireland) keep the old rule:
# 1 week or 2 weeks together, within 56 days of the birth.
OLD_RULES_DUE_UNTIL = date(2024, 4, 6)
# Adoptions: placements before this day keep the old rule.
ADOPTION_NEW_RULES_FROM = date(2024, 4, 6)
# Day-one paternity leave (Great Britain): due from 5 April 2026 or born from 6 April.
DAY_ONE_DUE_FROM = date(2026, 4, 5)
DAY_ONE_BORN_FROM = date(2026, 4, 6)
DAY_ONE_MATCH_FROM = date(2026, 4, 6)
# Until 25 July 2026 the 15 weeks' notice is waived; 28 days' notice of leave remains.
NOTICE_GRACE_DUE_UNTIL = date(2026, 7, 25)
NOTICE_DAYS = 28


def _old_rules(due_date: date, location: Location) -> bool:
    return due_date <= OLD_RULES_DUE_UNTIL or not location.is_great_britain


def paternity_take_by(
    due_date: date, date_of_birth: date | None, location: Location
) -> date:
    """The last day paternity leave (and pay) can be taken (employer tool rule).

    55 days after the later of the due date and the birth when due on or before
    6 April 2024 or in Northern Ireland; otherwise 364 days after it (52 weeks).
    """
    anchor = max(due_date, date_of_birth) if date_of_birth else due_date
    return anchor + timedelta(days=55 if _old_rules(due_date, location) else 364)


def parent_tool_take_by(due_date: date, location: Location) -> date:
    """The parent tool's "use paternity leave by": due + 56 days, or due + 364
    days for babies due from 7 April 2024 outside Northern Ireland."""
    return due_date + timedelta(days=56 if _old_rules(due_date, location) else 364)


def weeks_must_be_consecutive(due_date: date, location: Location) -> bool:
    """True when the 2 weeks must be taken together (old rule); from 7 April 2024 in
    Great Britain they can be 2 separate weeks."""
    return _old_rules(due_date, location)


def adoption_take_by(placement_date: date, location: Location) -> date:
    """Adoption: placement + 55 days before 6 April 2024 or in NI, else + 364."""
    old = placement_date < ADOPTION_NEW_RULES_FROM or not location.is_great_britain
    return placement_date + timedelta(days=55 if old else 364)


def adoption_weeks_must_be_consecutive(
    placement_date: date, location: Location
) -> bool:
    """Adoption: the old 'together' rule for placements before 6 April 2024 or in NI."""
    return placement_date < ADOPTION_NEW_RULES_FROM or not location.is_great_britain


def has_day_one_leave_right(
    due_date: date, date_of_birth: date | None, location: Location
) -> bool:
    """Paternity leave without 26 weeks' service: Great Britain, due from 5 April 2026
    or born from 6 April 2026. Paternity *pay* still needs 26 weeks (§7)."""
    if not location.is_great_britain:
        return False
    born_late_enough = date_of_birth is not None and date_of_birth >= DAY_ONE_BORN_FROM
    return due_date >= DAY_ONE_DUE_FROM or born_late_enough


def has_adoption_day_one_leave_right(match_date: date, location: Location) -> bool:
    """Adoption: the day-one right applies to matches from 6 April 2026 in GB."""
    return location.is_great_britain and match_date >= DAY_ONE_MATCH_FROM


def employer_notice_deadline(
    weeks: BirthWeeks, leave_start: date, *, is_day_one_right: bool
) -> date:
    """Latest day to give notice of paternity leave (employer tool).

    The end of the qualifying week; while the 2026 notice grace lasts (due until
    25 July 2026, day-one cases), 28 days before the leave starts instead.
    """
    if is_day_one_right and weeks.due_date <= NOTICE_GRACE_DUE_UNTIL:
        return leave_start - timedelta(days=NOTICE_DAYS)
    return weeks.qualifying_week_end


def parent_tool_notice_deadline(weeks: BirthWeeks, location: Location) -> date:
    """ "Tell the partner's employer by" (parent tool): the end of the qualifying week,
    or 28 days before the due date for babies due from 7 April 2024 outside NI."""
    if _old_rules(weeks.due_date, location):
        return weeks.qualifying_week_end
    return weeks.due_date - timedelta(days=NOTICE_DAYS)
