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

PRODUCT_ID = "-//First 1001 Days//Leave and pay deadlines//EN"
REMIND_DAYS_BEFORE = 7


@dataclass(frozen=True)
class Deadline:
    """One date to act on; `key` is stable (a nudge or calendar UID can rely on it)."""

    key: str
    on: date
    title: str
    description: str


def _day(day: date) -> str:
    return f"{day:%-d %B %Y}"


def leave_deadlines(calculation: LeaveCalculation) -> list[Deadline]:
    """The deadlines of one parent's calculation, in date order.

    Maternity: notice of leave, the earliest leave start, claiming SMP, and (unless SMP
    is certain) claiming Maternity Allowance from 26 weeks. Paternity: notice of leave,
    claiming SPP (unless refused) and the last day to take the leave.
    """
    dates = calculation.key_dates
    maternity = calculation.leave_type is LeaveType.MATERNITY
    leave = "maternity" if maternity else "paternity"
    found = [
        Deadline(
            "notice_deadline",
            dates.notice_deadline,
            f"Tell your employer about your {leave} leave",
            f"The last day to give notice of {leave} leave, with the date you want "
            f"it to start ({_day(dates.leave_start)}).",
        )
    ]
    if maternity:
        found.append(
            Deadline(
                "earliest_leave_start",
                dates.earliest_leave_start,
                "Maternity leave can start from today",
                "The earliest day maternity leave and pay can start (11 weeks before "
                "the week the baby is due).",
            )
        )
    if calculation.pay.eligible is not False:
        pay = "Statutory Maternity Pay" if maternity else "Statutory Paternity Pay"
        proof = (
            " With it, give proof of the due date (form MATB1 from your midwife or GP)."
            if maternity
            else ""
        )
        found.append(
            Deadline(
                "claim_pay_by",
                dates.claim_pay_by,
                f"Claim {pay}",
                f"Ask your employer for {pay} at least 28 days before it starts "
                f"({_day(dates.pay_start)}).{proof}",
            )
        )
    if dates.ma_claim_from is not None and calculation.pay.eligible is not True:
        found.append(
            Deadline(
                "ma_claim_from",
                dates.ma_claim_from,
                "You can claim Maternity Allowance from today",
                "If you don't get Statutory Maternity Pay, claim Maternity Allowance "
                "(form MA1) from 26 weeks of pregnancy.",
            )
        )
    if dates.paternity_take_by is not None:
        found.append(
            Deadline(
                "paternity_take_by",
                dates.paternity_take_by,
                "Last day to take paternity leave",
                "Paternity leave (and pay) must be taken by today.",
            )
        )
    return sorted(found, key=lambda deadline: deadline.on)


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
