"""Saved leave plans: one adult's leave-and-pay calculation for one baby, worked out
again from the baby's current dates each time it is read, with its deadline nudges."""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from parent_app.domain.daynum import from_day
from parent_app.domain.leave_pay import LeaveCalculation, LeavePayError
from parent_app.domain.leave_pay import calculate_leave_pay as calculate
from parent_app.entitlements.calculations import leave_request
from parent_app.entitlements.calendar import leave_dates_calendar, leave_deadlines
from parent_app.entitlements.errors import validation_failed
from parent_app.entitlements.reminders import (
    cancel_deadline_nudges,
    schedule_deadline_nudges,
)
from parent_app.errors import Conflict, NotFound
from parent_app.extensions import db
from parent_app.families.lookup import BabyLost, get_baby_for
from parent_app.models import Baby, BabyStatus, Role, User
from parent_app.models.leave_plans import LeavePlan

BABY_FIELDS = ("due_date", "date_of_birth")
# The leave dates a parent chose; a birth recorded later can put them outside what the
# rules allow (maternity leave starts the day after an earlier birth at the latest;
# paternity leave cannot start before the birth), and then the rules' own default
# stands in for them until the plan is saved again.
CHOSEN_LEAVE_DATES = ("leave_start", "second_week_start")
STORED_DATES: dict[str | None, tuple[str, ...]] = {
    None: CHOSEN_LEAVE_DATES,
    "earnings": ("last_normal_payday", "payday_before_relevant_period"),
    "pay_schedule": ("pay_date",),
}
STORED_MONEY: dict[str | None, tuple[str, ...]] = {
    "earnings": ("average_weekly", "total_in_relevant_period"),
}


class BabyDatesNotCovered(Conflict):
    code = "baby_dates_not_covered"
    message = "The leave and pay rules do not cover this baby's dates."


class LeavePlanOutOfDate(Conflict):
    code = "leave_plan_out_of_date"
    message = "Your saved plan no longer fits your baby's dates. Please save it again."


class LeavePlanSavedTwice(Conflict):
    code = "leave_plan_conflict"
    message = "Your plan was being saved twice at once. Please try again."


@dataclass(frozen=True)
class LeavePlanView:
    """A saved plan with its calculation for the baby's dates today."""

    plan: LeavePlan
    calculation: LeaveCalculation
    ignored_inputs: list[str] = field(default_factory=list)


def encode_inputs(inputs: Mapping[str, Any]) -> dict[str, Any]:
    """Validated inputs as JSON: dates as ISO strings, money as decimal strings."""

    def plain(value: Any) -> Any:
        if isinstance(value, date):
            return value.isoformat()
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, Mapping):
            return {key: plain(item) for key, item in value.items()}
        if isinstance(value, (list, tuple, set, frozenset)):
            return [plain(item) for item in value]
        return value

    encoded: dict[str, Any] = plain(
        {name: value for name, value in inputs.items() if name not in BABY_FIELDS}
    )
    return encoded


def decode_inputs(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The stored JSON back as validated inputs (dates and Decimals)."""
    inputs = copy.deepcopy(dict(stored))

    def convert(names: dict[str | None, tuple[str, ...]], kind: Any) -> None:
        for parent, keys in names.items():
            holder = inputs if parent is None else inputs.get(parent)
            if not isinstance(holder, dict):
                continue
            for key in keys:
                if holder.get(key) is not None:
                    holder[key] = kind(holder[key])

    convert(STORED_DATES, date.fromisoformat)
    convert(STORED_MONEY, Decimal)
    return inputs


def baby_dates(baby: Baby) -> dict[str, date | None]:
    """The due date (estimated from the birth when none was given) and the birth."""
    born = baby.born_on if baby.status is BabyStatus.BORN else None
    due = from_day(baby.due_day) if baby.due_day is not None else born
    return {"due_date": due, "date_of_birth": born}


def _not_worked_out(error: LeavePayError) -> Conflict:
    if error.field in BABY_FIELDS:
        return BabyDatesNotCovered(f"{BabyDatesNotCovered.message} {error.message}")
    return LeavePlanOutOfDate(
        f"Your saved plan no longer fits your baby's dates: {error.message} "
        "Please save it again."
    )


def _calculate_to_save(baby: Baby, inputs: Mapping[str, Any]) -> LeaveCalculation:
    try:
        return calculate(leave_request({**inputs, **baby_dates(baby)}))
    except LeavePayError as error:
        if error.field in BABY_FIELDS:
            raise _not_worked_out(error) from None
        raise validation_failed(error) from None


def recalculate(
    baby: Baby, inputs: Mapping[str, Any]
) -> tuple[LeaveCalculation, list[str]]:
    """The calculation of stored inputs for the baby's dates now, and the chosen leave
    dates left out because the dates moved past them (see CHOSEN_LEAVE_DATES).

    Raises BabyDatesNotCovered or LeavePlanOutOfDate when it cannot be worked out.
    """
    data = {**inputs, **baby_dates(baby)}
    try:
        return calculate(leave_request(data)), []
    except LeavePayError as error:
        ignored = [name for name in CHOSEN_LEAVE_DATES if data.get(name) is not None]
        if error.field not in CHOSEN_LEAVE_DATES or not ignored:
            raise _not_worked_out(error) from None
    without = {name: value for name, value in data.items() if name not in ignored}
    try:
        return calculate(leave_request(without)), ignored
    except LeavePayError as error:
        raise _not_worked_out(error) from None


def _active_baby(user: User, baby_id: int) -> Baby:
    """The baby in the user's household (404 otherwise); 409 after a recorded loss,
    when no leave dates or reminders are offered."""
    baby = get_baby_for(user, baby_id)
    if baby.status is BabyStatus.LOST:
        raise BabyLost()
    return baby


def find_leave_plan(user: User, baby_id: int) -> LeavePlan | None:
    return db.session.scalar(
        select(LeavePlan).where(
            LeavePlan.user_id == user.id, LeavePlan.baby_id == baby_id
        )
    )


def save_leave_plan(
    user: User, baby_id: int, inputs: Mapping[str, Any], *, now: datetime
) -> LeavePlanView:
    """Save (or replace) the user's plan for the baby and queue a nudge for each
    deadline still ahead, replacing the ones queued before.

    The due date and birth come from the baby. Raises NotFound (not their baby),
    BabyLost, ValidationFailed (inputs the rules refuse; nothing is stored) or
    BabyDatesNotCovered.
    """
    baby = _active_baby(user, baby_id)
    calculation = _calculate_to_save(baby, inputs)
    plan = find_leave_plan(user, baby.id)
    if plan is None:
        plan = LeavePlan(user_id=user.id, baby_id=baby.id)
        db.session.add(plan)
    plan.inputs = encode_inputs(inputs)
    plan.saved_at = now
    try:
        db.session.flush()
    except IntegrityError as exc:
        raise LeavePlanSavedTwice() from exc
    schedule_deadline_nudges(
        user,
        baby.id,
        leave_deadlines(calculation),
        leave_type=calculation.leave_type.value,
        now=now,
    )
    return LeavePlanView(plan, calculation)


def get_leave_plan(user: User, baby_id: int) -> LeavePlanView:
    """The user's saved plan, worked out for the baby's dates now.

    Raises NotFound (not their baby, or no plan saved), BabyLost, LeavePlanOutOfDate or
    BabyDatesNotCovered.
    """
    baby = _active_baby(user, baby_id)
    plan = find_leave_plan(user, baby.id)
    if plan is None:
        raise NotFound("You have not saved a leave plan for this baby.")
    calculation, ignored = recalculate(baby, decode_inputs(plan.inputs))
    return LeavePlanView(plan, calculation, ignored)


def delete_leave_plan(user: User, baby_id: int) -> None:
    """Delete the user's plan and cancel its pending nudges (also after a loss).

    Raises NotFound when the baby is not theirs or no plan is saved.
    """
    baby = get_baby_for(user, baby_id)
    plan = find_leave_plan(user, baby.id)
    if plan is None:
        raise NotFound("You have not saved a leave plan for this baby.")
    cancel_deadline_nudges(baby.id, user.id)
    db.session.delete(plan)
    db.session.flush()


def default_inputs(user: User) -> dict[str, Any]:
    """Dates only: maternity for the birthing parent, paternity for a partner."""
    leave_type = "maternity" if user.role == Role.BIRTHING_PARENT else "paternity"
    return {"leave_type": leave_type}


def leave_dates_file(user: User, baby_id: int, *, now: datetime) -> bytes:
    """An iCalendar file of the user's deadlines for the baby: from their saved plan,
    or from the dates alone (default_inputs) when they have none.

    Raises NotFound, BabyLost, LeavePlanOutOfDate or BabyDatesNotCovered.
    """
    baby = _active_baby(user, baby_id)
    plan = find_leave_plan(user, baby.id)
    inputs = decode_inputs(plan.inputs) if plan else default_inputs(user)
    calculation, _ = recalculate(baby, inputs)
    name = f"Leave and pay: {baby.name}" if baby.name else "Leave and pay"
    return leave_dates_calendar(
        leave_deadlines(calculation),
        # The same UIDs whether a plan is saved or not, so calendar apps update the
        # events in place once one is.
        scope=f"baby:{baby.id}:user:{user.id}",
        now=now,
        name=name,
    )


def refresh_leave_plan_reminders(baby: Baby, *, now: datetime) -> None:
    """A new due date or a birth moves the deadlines: queue every saved plan's nudges
    again for the new dates (a loss is handled by the nudge clean-up, which cancels
    every pending nudge for the baby; a deleted baby takes its plans with it)."""
    if baby.status is BabyStatus.LOST:
        return
    plans = db.session.scalars(select(LeavePlan).where(LeavePlan.baby_id == baby.id))
    for plan in plans.all():
        try:
            calculation, _ = recalculate(baby, decode_inputs(plan.inputs))
        except Conflict:
            cancel_deadline_nudges(baby.id, plan.user_id)
            continue
        schedule_deadline_nudges(
            plan.user,
            baby.id,
            leave_deadlines(calculation),
            leave_type=calculation.leave_type.value,
            now=now,
        )
