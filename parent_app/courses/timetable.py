"""Session times as pure rules, in Europe/London local time.

Local times to UTC, weekly patterns, weekly runs (for RRULEs) and the life-stage bands a
course's window covers.

Pure: no Flask, no database, no clock (a candidate for parent_app/domain/)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")
ICAL_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# A child turns one on day 365 after birth (366 across a 29 February): whole years by
# day count, at most a day early.
DAYS_PER_YEAR = 365


def local_to_utc(on: date, at: time) -> datetime:
    """The UTC instant of local London time `at` on `on` (BST or GMT as that day has
    it).

    A time the spring-forward skips (01:30 on the last Sunday of March) resolves to the
    instant one hour later, zoneinfo's fold=0 reading; sessions are held in the daytime.
    """
    return datetime.combine(on, at, tzinfo=LONDON).astimezone(UTC)


def to_local(moment: datetime) -> datetime:
    return moment.astimezone(LONDON)


def pattern_times(
    first_on: date,
    start_at: time,
    *,
    duration_minutes: int,
    count: int,
    every_days: int,
) -> list[tuple[datetime, datetime]]:
    """(starts_at, ends_at) in UTC for `count` sessions `every_days` apart from
    `first_on`, each starting at local `start_at`: a 10:00 session stays at 10:00 across
    the clock change, so its UTC time moves by an hour."""
    times = []
    for n in range(count):
        starts_at = local_to_utc(first_on + timedelta(days=n * every_days), start_at)
        times.append((starts_at, starts_at + timedelta(minutes=duration_minutes)))
    return times


@dataclass(frozen=True)
class WeeklyRun:
    """Sessions on one weekday, at the same local times and UTC offset, a fixed number
    of weeks apart: one RFC 5545 RRULE (FREQ=WEEKLY;INTERVAL;BYDAY;COUNT;UNTIL)."""

    first_on: date
    last_on: date
    count: int
    interval_weeks: int
    weekday: str
    opens_at: time
    closes_at: time
    utc_offset_minutes: int


def _shape(starts_at: datetime, ends_at: datetime) -> tuple[int, time, time, int]:
    start, end = to_local(starts_at), to_local(ends_at)
    offset = start.utcoffset() or timedelta(0)
    return start.weekday(), start.time(), end.time(), int(offset.total_seconds() // 60)


def weekly_runs(sessions: list[tuple[datetime, datetime]]) -> list[WeeklyRun]:
    """Group sessions, in time order, into the fewest weekly runs that keep their order:
    a session joins the run before it when it has the run's shape (weekday, local times,
    UTC offset) and comes the run's number of whole weeks later. A clock change starts a
    new run so that each run's times carry the right offset."""
    runs: list[list[tuple[datetime, datetime]]] = []
    for starts_at, ends_at in sorted(sessions):
        if runs:
            run = runs[-1]
            gap_days = (to_local(starts_at).date() - to_local(run[-1][0]).date()).days
            step_days = (
                (to_local(run[1][0]).date() - to_local(run[0][0]).date()).days
                if len(run) > 1
                else gap_days
            )
            if (
                _shape(*run[-1]) == _shape(starts_at, ends_at)
                and gap_days > 0
                and gap_days % 7 == 0
                and gap_days == step_days
            ):
                run.append((starts_at, ends_at))
                continue
        runs.append([(starts_at, ends_at)])
    result = []
    for run in runs:
        weekday, opens_at, closes_at, offset = _shape(*run[0])
        first_on, last_on = to_local(run[0][0]).date(), to_local(run[-1][0]).date()
        step = (to_local(run[1][0]).date() - first_on).days if len(run) > 1 else 7
        result.append(
            WeeklyRun(
                first_on=first_on,
                last_on=last_on,
                count=len(run),
                interval_weeks=step // 7,
                weekday=ICAL_WEEKDAYS[weekday],
                opens_at=opens_at,
                closes_at=closes_at,
                utc_offset_minutes=offset,
            )
        )
    return result


# The first 1001 days in bands, by stage day (days since birth; negative in pregnancy).
STAGE_BANDS: tuple[tuple[str, int, int], ...] = (
    ("pregnancy", -280, -1),
    ("0-6-months", 0, 182),
    ("6-12-months", 183, 364),
    ("1-2-years", 365, 730),
    ("2-years-plus", 731, 1001),
)


def stage_terms(
    *, is_preconception: bool, from_day: int | None, to_day: int | None
) -> list[str]:
    """The stage bands a course's window overlaps ("preconception" for preconception
    courses)."""
    if is_preconception or from_day is None or to_day is None:
        return ["preconception"]
    return [
        name for name, start, end in STAGE_BANDS if from_day <= end and to_day >= start
    ]


def child_age_years(from_day: int | None, to_day: int | None) -> tuple[int, int] | None:
    """The children's ages in whole years a window covers (0 = under one), or None when
    it lies wholly before birth, where an age means nothing."""
    if from_day is None or to_day is None or to_day < 0:
        return None
    return max(from_day, 0) // DAYS_PER_YEAR, to_day // DAYS_PER_YEAR
