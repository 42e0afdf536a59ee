"""Stage windows as staff write them ("pregnancy week 12", "baby age 8 weeks") turned
into stage days (days from birth, negative in pregnancy) and back.

Pregnancy week N starts on day -280 + 7N (NHS convention: week 0 starts on the first
day of the last period, 280 days before the due date). A month of age is 30.4375 days,
the average Gregorian month, as in the nudge calendar. A window's end is the last day
of the unit it names: "to baby age 6 months" runs to the day before 7 months.
"""

from __future__ import annotations

from dataclasses import dataclass

from parent_app.domain.nudge_calendar import DAYS_PER_MONTH
from parent_app.domain.pregnancy import PREGNANCY_DAYS

UNITS = ("pregnancy_week", "age_weeks", "age_months", "day")
UNIT_LABELS = {
    "pregnancy_week": "Pregnancy week",
    "age_weeks": "Baby's age in weeks",
    "age_months": "Baby's age in months",
    "day": "Days from birth (negative in pregnancy)",
}
MAX_PREGNANCY_WEEK = 42


class InvalidStage(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class StagePoint:
    """One end of a window: a unit and a whole number in it."""

    unit: str
    number: int


def _month_start(months: int) -> int:
    return round(months * DAYS_PER_MONTH)


def start_day(point: StagePoint, field: str = "stage_from") -> int:
    """The first day of the unit a point names. Raises InvalidStage."""
    if point.unit == "pregnancy_week":
        if not 0 <= point.number <= MAX_PREGNANCY_WEEK:
            raise InvalidStage(
                field, f"Give a pregnancy week from 0 to {MAX_PREGNANCY_WEEK}."
            )
        return -PREGNANCY_DAYS + 7 * point.number
    if point.number < 0 and point.unit != "day":
        raise InvalidStage(field, "Give an age of 0 or more.")
    if point.unit == "age_weeks":
        return 7 * point.number
    if point.unit == "age_months":
        return _month_start(point.number)
    if point.unit == "day":
        return point.number
    raise InvalidStage(field, "Choose how to give this point.")


def end_day(point: StagePoint, field: str = "stage_to") -> int:
    """The last day of the unit a point names (a day names itself)."""
    if point.unit == "day":
        return point.number
    following = StagePoint(point.unit, point.number + 1)
    if point.unit == "pregnancy_week":
        # The end of week 42 is still a day of pregnancy.
        return -PREGNANCY_DAYS + 7 * (point.number + 1) - 1
    return start_day(following, field) - 1


def window_days(start: StagePoint, end: StagePoint) -> tuple[int, int]:
    """(stage_from_day, stage_to_day) of a window. Raises InvalidStage when the end
    comes before the start."""
    first, last = start_day(start, "stage_from"), end_day(end, "stage_to")
    if last < first:
        raise InvalidStage("stage_to", "The end of the window must be after its start.")
    return first, last


def describe_start(day: int) -> StagePoint:
    """The plainest way to write a window's first day (exact, or in days)."""
    if day < 0 and (day + PREGNANCY_DAYS) % 7 == 0:
        return StagePoint("pregnancy_week", (day + PREGNANCY_DAYS) // 7)
    if day >= 0:
        months = round(day / DAYS_PER_MONTH)
        if day % 7 == 0 and day < 13 * 7:
            return StagePoint("age_weeks", day // 7)
        if _month_start(months) == day:
            return StagePoint("age_months", months)
        if day % 7 == 0:
            return StagePoint("age_weeks", day // 7)
    return StagePoint("day", day)


def describe_end(day: int) -> StagePoint:
    """The plainest way to write a window's last day (exact, or in days)."""
    after = day + 1
    if after <= 0 and (after + PREGNANCY_DAYS) % 7 == 0:
        week = (after + PREGNANCY_DAYS) // 7 - 1
        if 0 <= week <= MAX_PREGNANCY_WEEK:
            return StagePoint("pregnancy_week", week)
    if after > 0:
        weeks = StagePoint("age_weeks", after // 7 - 1)
        months = StagePoint("age_months", round(after / DAYS_PER_MONTH) - 1)
        if after % 7 == 0 and after < 13 * 7:
            return weeks
        if months.number >= 0 and end_day(months) == day:
            return months
        if after % 7 == 0:
            return weeks
    return StagePoint("day", day)


def describe_window(first: int, last: int) -> str:
    """A window in words, e.g. "pregnancy week 12 to baby age 8 weeks"."""
    return f"{_words(describe_start(first))} to {_words(describe_end(last))}"


def _words(point: StagePoint) -> str:
    if point.unit == "pregnancy_week":
        return f"pregnancy week {point.number}"
    if point.unit == "age_weeks":
        return f"baby age {point.number} week{'s' if point.number != 1 else ''}"
    if point.unit == "age_months":
        return f"baby age {point.number} month{'s' if point.number != 1 else ''}"
    return f"day {point.number}"
