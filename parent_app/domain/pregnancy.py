"""Pregnancy and age arithmetic: gestation, due dates, corrected age, the 1001 days.

Conventions (NHS; RCPCH "corrected age" guidance):
- a pregnancy is 280 days (40 weeks) from the first day of the last period to the due
  date, so pregnancy week N starts on due date - 280 + 7 * N days ("12 weeks pregnant"
  means 84 days have passed since the last period began);
- a baby born before 37 completed weeks is preterm; their development is judged by the
  age they would be had they been born on their due date ("corrected age"), usually
  until 2 years; immunisations always follow the real (chronological) age;
- the first 1001 days run from conception (about 266 days before birth at term) to about
  2 years 5 months after birth: this app uses birth + 735 days as the end of the range.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

PREGNANCY_DAYS = 280
TERM_GESTATION_DAYS = 37 * 7
FIRST_1001_DAYS_AFTER_BIRTH = 735
MIN_GESTATION_WEEKS = 22
MAX_GESTATION_WEEKS = 44
DEFAULT_GESTATION_WEEKS = 40
MAX_DUE_AHEAD_DAYS = 44 * 7
MAX_DUE_PAST_DAYS = 6 * 7
# How far weeks of pregnancy at birth a parent gives may differ from what the due date
# says before we ask which one is right (dating scans are accurate to about a week).
GESTATION_TOLERANCE_DAYS = 7


def pregnancy_week_start(due_on: date, week: int) -> date:
    """The first day of pregnancy week `week` (week 0 starts on the first day of the
    last period)."""
    return due_on - timedelta(days=PREGNANCY_DAYS - 7 * week)


def weeks_pregnant(due_on: date, on: date) -> tuple[int, int]:
    """Completed (weeks, days) of pregnancy on `on`, counted from due date - 280
    days."""
    elapsed = (on - (due_on - timedelta(days=PREGNANCY_DAYS))).days
    return divmod(elapsed, 7)


def gestation_total_days(gestation_weeks: int, gestation_days: int = 0) -> int:
    return gestation_weeks * 7 + gestation_days


def is_preterm(gestation_weeks: int, gestation_days: int = 0) -> bool:
    return gestation_total_days(gestation_weeks, gestation_days) < TERM_GESTATION_DAYS


def corrected_birth_date(
    born_on: date, gestation_weeks: int, gestation_days: int = 0
) -> date:
    """The date a preterm baby's corrected age counts from; a term baby's birth date.

    Babies born at 37 weeks or later are not corrected (RCPCH): their corrected birth
    date is their birth date, even when born after 40 weeks.
    """
    if not is_preterm(gestation_weeks, gestation_days):
        return born_on
    early_days = PREGNANCY_DAYS - gestation_total_days(gestation_weeks, gestation_days)
    return born_on + timedelta(days=early_days)


def estimated_due_date(
    born_on: date, gestation_weeks: int, gestation_days: int = 0
) -> date:
    """The due date implied by a birth at a known gestation."""
    return born_on + timedelta(
        days=PREGNANCY_DAYS - gestation_total_days(gestation_weeks, gestation_days)
    )


def end_of_first_1001_days(born_on: date) -> date:
    return born_on + timedelta(days=FIRST_1001_DAYS_AFTER_BIRTH)


@dataclass(frozen=True)
class Age:
    """A baby's age on a day, both chronological and corrected, in days."""

    chronological_days: int
    corrected_days: int

    @property
    def chronological_weeks(self) -> int:
        return self.chronological_days // 7

    @property
    def corrected_weeks(self) -> int:
        return self.corrected_days // 7


def age_on(born_on: date, corrected_from: date, on: date) -> Age:
    return Age((on - born_on).days, (on - corrected_from).days)


def stage_day(
    *,
    on: date,
    due_on: date | None,
    born_on: date | None,
    corrected_from: date | None = None,
    use_corrected: bool = False,
) -> int:
    """The stage day content is selected by: days since birth, negative days before the
    due date in pregnancy (-280 is the start of pregnancy)."""
    if born_on is not None:
        anchor = corrected_from if (use_corrected and corrected_from) else born_on
        return (on - anchor).days
    if due_on is None:
        raise ValueError("a stage needs a due date or a birth date")
    return (on - due_on).days


class InvalidBabyDates(ValueError):
    """Dates that cannot describe a pregnancy or a baby in the 1001-day range.
    `fields` names every field involved (the first is `field`)."""

    def __init__(
        self, field: str, message: str, others: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.field = field
        self.message = message
        self.fields = {field: message, **(others or {})}


def check_due_date(due_on: date, today: date) -> None:
    """A due date no more than 44 weeks ahead and no more than 6 weeks past."""
    if due_on > today + timedelta(days=MAX_DUE_AHEAD_DAYS):
        raise InvalidBabyDates(
            "due_date", "A due date can be at most 44 weeks from today."
        )
    if due_on < today - timedelta(days=MAX_DUE_PAST_DAYS):
        raise InvalidBabyDates(
            "due_date",
            "This due date is more than 6 weeks ago. If your baby has been born, "
            "add the date of birth instead.",
        )


def check_birth(born_on: date, gestation_weeks: int, today: date) -> None:
    """A birth date not in the future and within the first 1001 days; a plausible
    gestation."""
    if born_on > today:
        raise InvalidBabyDates(
            "date_of_birth", "The date of birth cannot be in the future."
        )
    if end_of_first_1001_days(born_on) < today:
        raise InvalidBabyDates(
            "date_of_birth",
            "This app covers the first 1001 days (to about 2 and a half years).",
        )
    if not MIN_GESTATION_WEEKS <= gestation_weeks <= MAX_GESTATION_WEEKS:
        raise InvalidBabyDates(
            "gestation_weeks",
            f"Weeks of pregnancy at birth must be from {MIN_GESTATION_WEEKS} "
            f"to {MAX_GESTATION_WEEKS}.",
        )


@dataclass(frozen=True)
class GestationAtBirth:
    """Weeks and days of pregnancy at birth, and where they came from: `given` by the
    parent, worked out from the `due_date`, or the `default` of 40 weeks when there is
    neither."""

    weeks: int
    days: int
    source: str


def _weeks_and_days(total_days: int) -> str:
    weeks, days = divmod(total_days, 7)
    return f"{weeks} weeks" + (f" and {days} days" if days else "")


def gestation_at_birth(
    *,
    born_on: date,
    due_on: date | None,
    weeks: int | None = None,
    days: int | None = None,
) -> GestationAtBirth:
    """Reconcile a birth date with the due date and any gestation the parent gave.

    The due date implies the gestation (280 days minus the days still to go). Without a
    given gestation that is the answer; a given one may differ by at most a week.
    Raises InvalidBabyDates for a birth before 22 weeks (BAPM's 2019 framework offers
    survival-focused care from 22 weeks; before that the app offers the loss pathway,
    not a birth), after 44 weeks, or a gestation the due date contradicts."""
    if due_on is None:
        if weeks is None:
            return GestationAtBirth(DEFAULT_GESTATION_WEEKS, days or 0, "default")
        return GestationAtBirth(weeks, days or 0, "given")
    implied = PREGNANCY_DAYS - (due_on - born_on).days
    on = f"On {born_on.isoformat()}, with the due date {due_on.isoformat()}"
    if implied < MIN_GESTATION_WEEKS * 7:
        raise InvalidBabyDates(
            "date_of_birth",
            f"{on}, the pregnancy was {_weeks_and_days(max(implied, 0))} along. A "
            f"birth before {MIN_GESTATION_WEEKS} weeks cannot be recorded as a birth. "
            "If your baby has died, we are so sorry: you can record this as a loss "
            "and we will stop reminders and show support instead. If the due date "
            "was wrong, change it first.",
            {
                "due_date": "If this due date is wrong, change it before recording "
                "the birth."
            },
        )
    if implied > MAX_GESTATION_WEEKS * 7:
        raise InvalidBabyDates(
            "date_of_birth",
            f"{on}, the pregnancy would have been "
            f"{_weeks_and_days(implied)} along; births are recorded up to "
            f"{MAX_GESTATION_WEEKS} weeks. Check the date of birth.",
            {"due_date": "If this due date is wrong, change it first."},
        )
    if weeks is None:
        implied_weeks, implied_days = divmod(implied, 7)
        return GestationAtBirth(implied_weeks, implied_days, "due_date")
    given = gestation_total_days(weeks, days or 0)
    if abs(given - implied) > GESTATION_TOLERANCE_DAYS:
        raise InvalidBabyDates(
            "gestation_weeks",
            f"{_weeks_and_days(given)} does not match the due date: {on.lower()}, "
            f"the pregnancy was {_weeks_and_days(implied)} along.",
            {
                "due_date": f"The due date {due_on.isoformat()} means a birth at "
                f"{_weeks_and_days(implied)}. If it was wrong, change it; otherwise "
                "leave out the weeks and we will work them out."
            },
        )
    return GestationAtBirth(weeks, days or 0, "given")
