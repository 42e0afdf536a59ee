"""The nudge calendar: when a rule falls due for a baby, for whom, and for how long.

A rule is timed from an anchor (the due date in pregnancy, the birth after it) by
`offset_days`. Staff may write the timing as a pregnancy week (week N starts on
due date - 280 + 7N days, NHS convention), weeks or months of age (a month is 30.4375
days, the average Gregorian month, so that timing stays integer day arithmetic the
database can do). Development rules use corrected age for preterm babies until
`corrected_until_days` of real age (RCPCH); immunisation rules always use real
(chronological) age (UKHSA Green Book). The planner in SQL and this module implement the
same rule; a test holds them together.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from parent_app.domain.daynum import from_day, to_day
from parent_app.domain.pregnancy import PREGNANCY_DAYS

DAYS_PER_MONTH = 30.4375
DEFAULT_CORRECTED_UNTIL_DAYS = 730
ANCHORS = ("due_date", "birth")
AGE_BASES = ("chronological", "corrected")
AUDIENCES = ("everyone", "birthing_parent", "partner")


class InvalidTiming(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def offset_from_timing(
    anchor: str,
    *,
    offset_days: int | None = None,
    pregnancy_week: int | None = None,
    age_weeks: int | None = None,
    age_months: int | None = None,
) -> int:
    """Turn exactly one way of writing the timing into days from the anchor."""
    given = {
        name: value
        for name, value in (
            ("offset_days", offset_days),
            ("pregnancy_week", pregnancy_week),
            ("age_weeks", age_weeks),
            ("age_months", age_months),
        )
        if value is not None
    }
    if len(given) != 1:
        raise InvalidTiming(
            "offset_days",
            "Give exactly one of offset_days, pregnancy_week, age_weeks, age_months.",
        )
    if pregnancy_week is not None:
        if anchor != "due_date":
            raise InvalidTiming(
                "pregnancy_week", "pregnancy_week needs the due_date anchor."
            )
        if not 0 <= pregnancy_week <= 42:
            raise InvalidTiming("pregnancy_week", "Use a pregnancy week from 0 to 42.")
        return -PREGNANCY_DAYS + 7 * pregnancy_week
    if age_weeks is not None or age_months is not None:
        if anchor != "birth":
            raise InvalidTiming(
                "age_weeks" if age_weeks is not None else "age_months",
                "Ages need the birth anchor.",
            )
        if age_weeks is not None:
            if not 0 <= age_weeks <= 160:
                raise InvalidTiming("age_weeks", "Use an age from 0 to 160 weeks.")
            return 7 * age_weeks
        assert age_months is not None
        if not 0 <= age_months <= 36:
            raise InvalidTiming("age_months", "Use an age from 0 to 36 months.")
        return round(age_months * DAYS_PER_MONTH)
    assert offset_days is not None
    low, high = (-PREGNANCY_DAYS, 42) if anchor == "due_date" else (-1, 1100)
    if not low <= offset_days <= high:
        raise InvalidTiming(
            "offset_days", f"For this anchor use offset_days from {low} to {high}."
        )
    return offset_days


@dataclass(frozen=True)
class RuleTiming:
    """What the calendar needs of a rule."""

    anchor: str
    offset_days: int
    age_basis: str = "chronological"
    corrected_until_days: int = DEFAULT_CORRECTED_UNTIL_DAYS
    born_from: date | None = None
    born_until: date | None = None
    send_window_days: int = 7


@dataclass(frozen=True)
class BabyDates:
    status: str  # expected, born, lost
    due_on: date | None
    born_on: date | None = None
    corrected_from: date | None = None


def in_cohort(rule: RuleTiming, baby: BabyDates) -> bool:
    """Cohort ranges apply to the birth date, or to the due date before birth."""
    reference = baby.born_on if baby.born_on is not None else baby.due_on
    if reference is None:
        return False
    if rule.born_from is not None and reference < rule.born_from:
        return False
    return not (rule.born_until is not None and reference > rule.born_until)


def due_on(rule: RuleTiming, baby: BabyDates) -> date | None:
    """The date the rule falls due for this baby, or None when it never applies to it
    (or would fall outside the calendar, for absurd dates)."""
    if baby.status == "lost" or not in_cohort(rule, baby):
        return None
    try:
        if rule.anchor == "due_date":
            if baby.status != "expected" or baby.due_on is None:
                return None
            return baby.due_on + timedelta(days=rule.offset_days)
        if baby.status != "born" or baby.born_on is None:
            return None
        anchor = baby.born_on
        if rule.age_basis == "corrected" and baby.corrected_from is not None:
            corrected_due = baby.corrected_from + timedelta(days=rule.offset_days)
            if (corrected_due - baby.born_on).days <= rule.corrected_until_days:
                anchor = baby.corrected_from
        return anchor + timedelta(days=rule.offset_days)
    except OverflowError:
        return None


def last_sendable_on(rule: RuleTiming, baby: BabyDates) -> date | None:
    """The last day the rule may still be sent for this baby (its window's end), or
    None."""
    due = due_on(rule, baby)
    if due is None:
        return None
    try:
        return due + timedelta(days=rule.send_window_days)
    except OverflowError:
        return date.max


def born_on_due_date(baby: BabyDates) -> BabyDates:
    """A pregnancy as if born at term on its due date: how a timeline estimates the
    dates of the rules timed from birth before the birth happens."""
    return BabyDates(status="born", due_on=baby.due_on, born_on=baby.due_on)


def is_sendable(rule: RuleTiming, baby: BabyDates, today: date) -> bool:
    """Due, and not so late that the reminder has gone stale."""
    due, last = due_on(rule, baby), last_sendable_on(rule, baby)
    return due is not None and last is not None and due <= today <= last


def anchor_day_range(rule: RuleTiming, today: date) -> tuple[int, int]:
    """The anchor day numbers for which the rule is sendable today (what the planner's
    indexed range query asks for)."""
    today_day = to_day(today)
    return (
        today_day - rule.offset_days - rule.send_window_days,
        today_day - rule.offset_days,
    )


def cohort_day_bounds(rule: RuleTiming) -> tuple[int | None, int | None]:
    return (
        to_day(rule.born_from) if rule.born_from else None,
        to_day(rule.born_until) if rule.born_until else None,
    )


def audience_fits(audience: str, role: str) -> bool:
    return audience == "everyone" or audience == role


__all__ = ["from_day"]
