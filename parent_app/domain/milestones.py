"""The milestone vocabulary: named things a family does at a stage, and the statuses a
parent can tick. The one list; `flask milestones load` writes it to the `milestones`
table, where staff can add more.

A window is in days from its anchor: the due date (`due_date`) or the birth (`birth`; a
pregnancy's window is estimated from the due date until the birth is recorded).
"""

from __future__ import annotations

from dataclasses import dataclass
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
