"""The milestone vocabulary: named things a family does at a stage, and the statuses a
parent can tick. The one list; `flask milestones load` writes it to the `milestones`
table, where staff can add more.

A window is in days from its anchor: the due date (`due_date`) or the birth (`birth`; a
pregnancy's window is estimated from the due date until the birth is recorded).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class MilestoneStatus(StrEnum):
    BOOKED = "booked"
    DONE = "done"
    NOT_FOR_US = "not_for_us"


# Marking one of these stops every reminder still waiting for the milestone.
CLOSING_STATUSES = (MilestoneStatus.DONE, MilestoneStatus.NOT_FOR_US)
# A follow-up ("remind again N days later unless done or booked") also stops once the
# milestone is booked: it only asks the family to book it.
FOLLOW_UP_STOPPED_BY = (*CLOSING_STATUSES, MilestoneStatus.BOOKED)

# The standard wording of a follow-up when a rule gives none of its own (reading age
# about 9: short words, one idea a sentence).
STANDARD_FOLLOW_UP_BODY = (
    "Just checking in about this for {baby_name}. If it is booked or done, "
    "tick it and we will stop reminding you."
)


def follow_up_title(title: str) -> str:
    """The standard title of a follow-up: the first reminder's, marked as a reminder
    (at most 120 characters, the outbox title's length)."""
    return f"Reminder: {title}"[:120]


@dataclass(frozen=True)
class MilestoneDef:
    key: str
    title: str
    anchor: str  # "due_date" or "birth"
    from_days: int
    until_days: int
    per_adult: bool = False


MILESTONES: tuple[MilestoneDef, ...] = (
    MilestoneDef("review-new-birth", "Health visitor new birth visit", "birth", 10, 14),
    MilestoneDef(
        "review-6-8-weeks", "Health visitor 6 to 8 week review", "birth", 42, 56
    ),
    MilestoneDef("asq-9-12-months", "9 to 12 month review (ASQ)", "birth", 270, 365),
    MilestoneDef("asq-2-years", "2 to 2½ year review (ASQ)", "birth", 730, 913),
    MilestoneDef("imms-8-weeks", "8 week vaccinations", "birth", 56, 84),
    MilestoneDef("imms-12-weeks", "12 week vaccinations", "birth", 84, 112),
    MilestoneDef("imms-16-weeks", "16 week vaccinations", "birth", 112, 140),
    MilestoneDef("imms-1-year", "1 year vaccinations", "birth", 365, 395),
    MilestoneDef("imms-18-months", "18 month vaccinations", "birth", 548, 578),
    MilestoneDef(
        "healthy-start-applied", "Applied for Healthy Start", "due_date", -210, 1001
    ),
    MilestoneDef("vitamin-d-started", "Started vitamin D drops", "birth", 0, 30),
    MilestoneDef(
        "ssmg-claimed", "Claimed the Sure Start Maternity Grant", "due_date", -77, 183
    ),
    MilestoneDef("child-benefit-claimed", "Claimed Child Benefit", "birth", 0, 90),
    MilestoneDef("birth-registered", "Registered the birth", "birth", 0, 42),
    MilestoneDef(
        "money-check-done", "Did the money and skills check", "due_date", -182, 90
    ),
    MilestoneDef(
        "leave-checked",
        "Checked my leave and pay",
        "due_date",
        -280,
        -105,
        per_adult=True,
    ),
)

KEYS = frozenset(m.key for m in MILESTONES)


def window(
    anchor: str,
    from_days: int,
    until_days: int,
    *,
    due_day: int | None,
    birth_day: int | None,
) -> tuple[int, int] | None:
    """The milestone's window for one baby, as day numbers; None without a date."""
    base = due_day if anchor == "due_date" or birth_day is None else birth_day
    if base is None:
        return None
    return base + from_days, base + until_days


# A booked date further ahead than this is a typing slip (the 2 to 2½ year review is
# the latest thing families book, and invitations come weeks, not years, ahead).
MAX_BOOKED_AHEAD_DAYS = 366


class InvalidBookedDate(ValueError):
    """A booked date the family cannot mean (the message says why)."""


def check_booked_for(booked_for: date, *, today: date) -> date:
    """A booked appointment's date: today or later, and within a year (366 days).
    Raises InvalidBookedDate."""
    if booked_for < today:
        raise InvalidBookedDate("This date has passed. Give the day it is booked for.")
    if booked_for > today + timedelta(days=MAX_BOOKED_AHEAD_DAYS):
        raise InvalidBookedDate("Give a date within the next year.")
    return booked_for


def day_before_on(booked_for: date, *, today: date) -> date | None:
    """The day a booked appointment's reminder goes: the day before it, or None when
    that day has passed (booked for today)."""
    before = booked_for - timedelta(days=1)
    return before if before >= today else None


def reminder_topic(key: str) -> str:
    """The content topic a milestone's own reminders are filed under."""
    if key.startswith("imms-"):
        return "immunisations"
    if key in ("money-check-done", "ssmg-claimed", "child-benefit-claimed"):
        return "money"
    if key in ("healthy-start-applied", "vitamin-d-started"):
        return "feeding"
    if key == "leave-checked":
        return "leave-and-pay"
    return "health-checks"


def day_before_wording(
    title: str, booked_for: date, baby_name: str | None
) -> tuple[str, str]:
    """(title, body) of the reminder the day before a booked appointment."""
    whose = f"{baby_name}'s" if baby_name else "Your baby's"
    when = f"{booked_for:%A} {booked_for.day} {booked_for:%B}"
    return (
        f"Tomorrow: {title}"[:120],
        f"{whose} appointment is tomorrow, {when}. If you cannot go, let them know "
        "and book a new date.",
    )
