"""The leave-and-pay deadlines a parent must act on, as an iCalendar file.

Ready for GET /babies/{id}/leave-dates.ics and for personal nudges: both take the
deadlines of a calculation (`leave_deadlines`), the calendar renders them
(`leave_dates_calendar`). Dates come from the domain (leave-and-pay-rules.md §5, §7,
§10): notice by the end of the qualifying week, the earliest leave start, claiming pay
28 days ahead, taking paternity leave by its deadline, and Maternity Allowance from 26
weeks of pregnancy.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from icalendar import Alarm, Calendar, Event

from parent_app.domain.leave_pay import LeaveCalculation, LeaveType
from parent_app.domain.leave_pay.words import date_words, long_date

PRODUCT_ID = "-//First 1001 Days//Leave and pay deadlines//EN"
REMIND_DAYS_BEFORE = 7


@dataclass(frozen=True)
class Deadline:
    """One date to act on; `key` is stable (a nudge or calendar UID can rely on it)."""

    key: str
    on: date
    title: str
    description: str


_day = long_date


def _with_rule(deadline: Deadline, calculation: LeaveCalculation) -> Deadline:
    """The deadline's description ends with the rule it comes from and its GOV.UK
    page, in the same words as the API's `dates` (domain/leave_pay/words.py)."""
    words = date_words(
        deadline.key,
        leave_type=calculation.leave_type.value,
        variant=calculation.date_variants.get(deadline.key, ""),
    )
    return Deadline(
        deadline.key,
        deadline.on,
        deadline.title,
        f"{deadline.description} The rule: {words.rule} {words.source}",
    )


def leave_deadlines(calculation: LeaveCalculation) -> list[Deadline]:
    """The deadlines of one parent's calculation, in date order.

    Maternity: notice of leave, the earliest leave start, claiming SMP, and (unless SMP
    is certain) claiming Maternity Allowance from 26 weeks. Paternity: notice of leave,
    claiming SPP (unless refused) and the last day to take the leave.
    """
    steps = (
        _notice_deadline,
        _earliest_leave_start,
        _claim_pay_by,
        _ma_claim_from,
        _paternity_take_by,
    )
    found = [
        _with_rule(deadline, calculation)
        for step in steps
        if (deadline := step(calculation))
    ]
    return sorted(found, key=lambda deadline: deadline.on)


def _is_maternity(calculation: LeaveCalculation) -> bool:
    return calculation.leave_type is LeaveType.MATERNITY


def _notice_deadline(calculation: LeaveCalculation) -> Deadline:
    """Every parent gives notice of their leave by the end of the qualifying week."""
    dates = calculation.key_dates
    leave = "maternity" if _is_maternity(calculation) else "paternity"
    return Deadline(
        "notice_deadline",
        dates.notice_deadline,
        f"Tell your employer about your {leave} leave",
        f"The last day to give notice of {leave} leave, with the date you want "
        f"it to start ({_day(dates.leave_start)}).",
    )


def _earliest_leave_start(calculation: LeaveCalculation) -> Deadline | None:
    """Maternity leave may start 11 weeks before the week the baby is due."""
    if not _is_maternity(calculation):
        return None
    return Deadline(
        "earliest_leave_start",
        calculation.key_dates.earliest_leave_start,
        "Maternity leave can start from today",
        "The earliest day maternity leave and pay can start (11 weeks before "
        "the week the baby is due).",
    )


def _claim_pay_by(calculation: LeaveCalculation) -> Deadline | None:
    """Statutory pay is claimed 28 days ahead, unless the parent is refused it."""
    if calculation.pay.eligible is False:
        return None
    dates = calculation.key_dates
    maternity = _is_maternity(calculation)
    pay = "Statutory Maternity Pay" if maternity else "Statutory Paternity Pay"
    proof = (
        " With it, give proof of the due date (form MATB1 from your midwife or GP)."
        if maternity
        else ""
    )
    return Deadline(
        "claim_pay_by",
        dates.claim_pay_by,
        f"Claim {pay}",
        f"Ask your employer for {pay} at least 28 days before it starts "
        f"({_day(dates.pay_start)}).{proof}",
    )


def _ma_claim_from(calculation: LeaveCalculation) -> Deadline | None:
    """Maternity Allowance can be claimed from 26 weeks, unless SMP is certain."""
    claim_from = calculation.key_dates.ma_claim_from
    if claim_from is None or calculation.pay.eligible is True:
        return None
    return Deadline(
        "ma_claim_from",
        claim_from,
        "You can claim Maternity Allowance from today",
        "If you don't get Statutory Maternity Pay, claim Maternity Allowance "
        "(form MA1) from 26 weeks of pregnancy.",
    )


def _paternity_take_by(calculation: LeaveCalculation) -> Deadline | None:
    """Paternity leave and pay must be taken by their last day."""
    take_by = calculation.key_dates.paternity_take_by
    if take_by is None:
        return None
    return Deadline(
        "paternity_take_by",
        take_by,
        "Last day to take paternity leave",
        "Paternity leave (and pay) must be taken by today.",
    )


def _uid(deadline: Deadline, scope: str) -> str:
    digest = hashlib.sha256(f"{scope}|{deadline.key}".encode()).hexdigest()[:24]
    return f"{digest}@leave-dates.first1001days"


def leave_dates_calendar(
    deadlines: Sequence[Deadline],
    *,
    scope: str,
    now: datetime,
    name: str = "Leave and pay",
) -> bytes:
    """An iCalendar file with one all-day event per deadline, each with a reminder a
    week before. `scope` (e.g. "baby:12:partner") keeps the UIDs stable between
    downloads so calendar apps update events rather than duplicate them; `now` is the
    DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for deadline in deadlines:
        event = Event()
        event.add("uid", _uid(deadline, scope))
        event.add("dtstamp", now)
        event.add("dtstart", deadline.on)
        event.add("dtend", deadline.on + timedelta(days=1))
        event.add("summary", deadline.title)
        event.add("description", deadline.description)
        event.add("transp", "TRANSPARENT")
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", deadline.title)
        alarm.add("trigger", timedelta(days=-REMIND_DAYS_BEFORE))
        event.add_component(alarm)
        calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical
