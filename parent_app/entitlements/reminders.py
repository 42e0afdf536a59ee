"""Leave-and-pay deadline nudges, through the nudge engine's personal nudges.

One nudge per future deadline of a saved leave plan, for the adult who saved it, keyed
"leave:<baby>:<deadline>" so that saving again replaces them and deleting the plan
cancels them. They carry the baby's id, so a recorded loss cancels them with every
other nudge for that baby.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta

from sqlalchemy import delete

from parent_app.domain import reminders
from parent_app.entitlements.calendar import Deadline
from parent_app.extensions import db
from parent_app.models import NudgeOutbox, OutboxStatus, User
from parent_app.outbox.personal import cancel_personal_nudges, schedule_personal_nudge

NUDGE_TOPIC = "leave-and-pay"
# Two weeks before each date, whatever the deadline: time enough to get a MATB1 from
# the midwife, fill in form SC3 or MA1 and talk to the employer, and near enough not to
# be forgotten. One lead time for all (the finance review uses the same); the
# calendar's own alarm a week before is the second prompt.
REMIND_DAYS_BEFORE = 14
GOV_UK = "This date comes from the rules on GOV.UK."


def source_prefix(baby_id: int) -> str:
    return f"leave:{baby_id}:"


def _when(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def nudge_text(deadline: Deadline, leave_type: str) -> tuple[str, str]:
    """The title and body of one deadline's nudge: short, plain words (a reading age of
    9 to 11), the date in full, and GOV.UK named as where the rule comes from."""
    when = _when(deadline.on)
    maternity = leave_type == "maternity"
    if deadline.key == "notice_deadline":
        how = GOV_UK if maternity else "You can use form SC3 from GOV.UK."
        return (
            f"Tell your employer about your {leave_type} leave",
            f"Please tell them by {when}. Say when your baby is due and the day you "
            f"want your leave to start. {how}",
        )
    if deadline.key == "earliest_leave_start":
        return (
            "Your maternity leave can start soon",
            f"You can start your maternity leave from {when}, if you want to. You "
            f"choose the day. {GOV_UK}",
        )
    if deadline.key == "claim_pay_by" and maternity:
        return (
            "Ask for your Statutory Maternity Pay",
            f"Ask your employer by {when}. That is 28 days before your pay starts. "
            "Give them your MATB1 form from your midwife or GP. The rules are on "
            "GOV.UK.",
        )
    if deadline.key == "claim_pay_by":
        return (
            "Ask for your Statutory Paternity Pay",
            f"Ask your employer by {when}. That is 28 days before your leave starts. "
            "You can use form SC3 from GOV.UK.",
        )
    if deadline.key == "ma_claim_from":
        return (
            "You can soon claim Maternity Allowance",
            "If you can't get Statutory Maternity Pay, you can claim Maternity "
            f"Allowance from {when}. Use form MA1 on GOV.UK.",
        )
    if deadline.key == "paternity_take_by":
        return (
            "Take your paternity leave in time",
            f"Your paternity leave must be over by {when}. If you have not taken it "
            f"yet, talk to your employer soon. {GOV_UK}",
        )
    return deadline.title, f"{deadline.title}: {when}. {GOV_UK}"


def _clear_unsent(baby_id: int, user_id: int) -> None:
    """Drop this plan's nudges that have not gone out (pending, or cancelled by deleting
    the plan) so that their keys can be queued again; sent ones stay in the inbox and
    are not repeated."""
    db.session.execute(
        delete(NudgeOutbox).where(
            NudgeOutbox.user_id == user_id,
            # Personal nudge keys are "p:<source key>:u<user>" (outbox.personal).
            NudgeOutbox.key.startswith(f"p:{source_prefix(baby_id)}", autoescape=True),
            NudgeOutbox.status.in_([OutboxStatus.PENDING, OutboxStatus.CANCELLED]),
        )
    )


def schedule_deadline_nudges(
    user: User,
    baby_id: int,
    deadlines: Sequence[Deadline],
    *,
    leave_type: str,
    now: datetime,
) -> int:
    """Replace the adult's unsent nudges for this baby's leave plan with one per
    deadline still ahead (after today, in their time zone), each sent
    REMIND_DAYS_BEFORE days before it, or at their next reminder time when that is
    sooner. A deadline today or already past gets none. Returns how many were queued."""
    _clear_unsent(baby_id, user.id)
    today = reminders.local_today(now, user.timezone)
    queued = 0
    for deadline in deadlines:
        if deadline.on <= today:
            continue
        send_on = max(today, deadline.on - timedelta(days=REMIND_DAYS_BEFORE))
        title, body = nudge_text(deadline, leave_type)
        queued += schedule_personal_nudge(
            user,
            source_key=source_prefix(baby_id) + deadline.key,
            title=title,
            body=body,
            topic=NUDGE_TOPIC,
            send_on=send_on,
            # Still worth sending until the day itself, not after it.
            window_days=max(0, (deadline.on - send_on).days - 1),
            baby_id=baby_id,
            now=now,
        )
    return queued


def cancel_deadline_nudges(baby_id: int, user_id: int) -> int:
    """Cancel the adult's pending nudges for the baby's leave plan; returns how many."""
    return cancel_personal_nudges(source_prefix(baby_id), user_id=user_id)
