"""One step of a family's action plan, and how its dates decide its status and priority.

Status (decided here, for every action):
- "open": it can be done now;
- "not_yet": it opens later (`opens_on` is ahead, or it waits for a pregnancy or a birth
  the app has no date for yet);
- "missed": its deadline has passed but something useful can still be done, said in
  `instead` (register the birth late, claim Child Benefit with 3 months' backdating,
  tell the employer as soon as possible);
- "done": someone in the household ticked it off.
Status is worked out from the dates on the day it is read (`status_on`), never stored
for later, so it cannot go stale as days pass.

An action whose deadline has passed with nothing left to do (the Sure Start Maternity
Grant after 6 months, paternity or shared leave after 52 weeks) is left out of the plan.
A deadline estimated from the due date (`is_deadline_estimated`) never makes an action
missed: the real one moves with the birth.

Priority is tier * 100 + the action's place in ACTION_ORDER, lower first. Tier 0:
missed, or open with a deadline within URGENT_DAYS; tier 1: open; tier 2: not yet.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

ForWhom = Literal["birthing_parent", "partner", "both"]
Status = Literal["open", "not_yet", "missed", "done"]
WorthPeriod = Literal["one_off", "week", "quarter", "year"]

URGENT_DAYS = 28
ACTION_ORDER = (
    "register-birth",
    "child-benefit",
    "healthy-start",
    "sure-start-maternity-grant",
    "maternity-allowance",
    "statutory-maternity-pay",
    "paternity-leave-and-pay",
    "universal-credit-check",
    "debt-advice",
    "housing-help",
    "shared-parental-leave",
    "childcare-code",
    "tax-free-childcare",
    "high-income-child-benefit-charge",
    "family-hub-skills",
)

# The milestone (domain/milestones.py) an action serves, where it has one. A nudge rule
# that names the same milestone reminds the family of the same step, so the shared key
# is what decides that it is reminded once (finance/milestone_cover.py).
ACTION_MILESTONES: dict[str, str] = {
    "register-birth": "birth-registered",
    "child-benefit": "child-benefit-claimed",
    "healthy-start": "healthy-start-applied",
    "sure-start-maternity-grant": "ssmg-claimed",
}


def milestone_of(action_key: str) -> str | None:
    """The milestone key the action serves, or None."""
    return ACTION_MILESTONES.get(action_key)


@dataclass(frozen=True)
class Where:
    """Where to go: a service, an advice organisation or the local family hub."""

    name: str
    url: str | None = None


@dataclass(frozen=True)
class Action:
    """A step for this family: what, why, how much, by when, where, for whom.

    Money is in pence: `worth_pence` per `worth_period` ("one_off", "week", "quarter",
    "year"), with `worth_note` saying it in words and `tax_year` naming the rates year.
    `opens_on` is the first day it can be done, `deadline_on` the last, `notice_on` the
    last day to tell an employer; `timing_note` says the timing in words.
    `is_deadline_estimated` is true when the deadline comes from the due date because
    the baby is not born yet.
    """

    key: str
    title: str
    why: str
    for_whom: ForWhom
    where: Where
    status: Status
    priority: int
    timing_note: str
    worth_pence: int | None = None
    worth_period: WorthPeriod | None = None
    worth_note: str | None = None
    tax_year: str | None = None
    opens_on: date | None = None
    deadline_on: date | None = None
    notice_on: date | None = None
    is_deadline_estimated: bool = False
    instead: str | None = None

    @property
    def milestone(self) -> str | None:
        """The milestone this action serves (see ACTION_MILESTONES), or None."""
        return milestone_of(self.key)


def status_on(
    *,
    today: date,
    opens_on: date | None,
    deadline_on: date | None,
    is_deadline_estimated: bool,
    is_waiting: bool,
    is_done: bool = False,
) -> Status:
    """An action's status on `today` (see the module docstring)."""
    if is_done:
        return "done"
    if deadline_on is not None and deadline_on < today and not is_deadline_estimated:
        return "missed"
    if is_waiting or (opens_on is not None and opens_on > today):
        return "not_yet"
    return "open"


def _tier(status: Status, *, today: date, deadline_on: date | None) -> int:
    """Which comes first: missed (with something to do instead) or due within
    `URGENT_DAYS`, then the rest that is open, then what cannot be done yet."""
    if status == "missed":
        return 0
    if status == "not_yet":
        return 2
    is_urgent = deadline_on is not None and (deadline_on - today).days <= URGENT_DAYS
    return 0 if is_urgent else 1


def make_action(
    *,
    today: date,
    key: str,
    title: str,
    why: str,
    for_whom: ForWhom,
    where: Where,
    timing_note: str,
    worth_pence: int | None = None,
    worth_period: WorthPeriod | None = None,
    worth_note: str | None = None,
    tax_year: str | None = None,
    opens_on: date | None = None,
    deadline_on: date | None = None,
    notice_on: date | None = None,
    is_deadline_estimated: bool = False,
    is_waiting: bool = False,
    if_missed: str | None = None,
) -> Action | None:
    """The action with its status and priority, or None when it was missed for good.

    `is_waiting` marks an action that cannot start before a stage the app has no date
    for; `if_missed` is what to do instead once the deadline has passed (None: leave it
    out).
    """
    status = status_on(
        today=today,
        opens_on=opens_on,
        deadline_on=deadline_on,
        is_deadline_estimated=is_deadline_estimated,
        is_waiting=is_waiting,
    )
    is_past = status == "missed"
    if is_past and if_missed is None:
        return None
    tier = _tier(status, today=today, deadline_on=deadline_on)
    return Action(
        key=key,
        title=title,
        why=why,
        for_whom=for_whom,
        where=where,
        status=status,
        priority=tier * 100 + ACTION_ORDER.index(key),
        timing_note=timing_note,
        worth_pence=worth_pence,
        worth_period=worth_period,
        worth_note=worth_note,
        tax_year=tax_year,
        opens_on=opens_on,
        deadline_on=deadline_on,
        notice_on=notice_on,
        is_deadline_estimated=is_deadline_estimated,
        instead=if_missed if is_past else None,
    )
