"""Leave and pay around the birth: Maternity Allowance, SMP, paternity and shared leave.

Rules (../shared/facts/uk-facts.md §5b-5c, leave-and-pay-rules.md §1, §7, §9-11):
- statutory-maternity-pay (MONEY-03, TL-07): an employee earning at least the Lower
  Earnings Limit (LEL) tells the employer by the end of the qualifying week, the 15th
  week before the due week; 90% of average pay for 6 weeks, then the flat rate (or 90%
  if lower) for 33 weeks;
- maternity-allowance (MONEY-04): for those who can't get SMP (self-employed, or
  employed below the LEL, or recently stopped work); claim from 26 weeks pregnant;
  payments can start 11 weeks before the due week; up to 39 weeks, so it is left out 39
  weeks after the birth;
- paternity-leave-and-pay (MONEY-06/07, rules §7): an employed partner takes 1 or 2
  weeks (together or as separate weeks) by the later of due date and birth + 364 days;
  leave is a day-one right for due weeks from 5 April 2026, pay needs 26 weeks' service
  and the LEL; notice of the entitlement by the end of the qualifying week, then 28 days
  per block;
- shared-parental-leave (MONEY-08): when the birthing parent is entitled to SMP or MA
  and a parent who is an employee earning the LEL can claim; within 52 weeks of the
  birth.
"""

from __future__ import annotations

from datetime import date, timedelta

from parent_app.domain.finance.action import Action, Where, make_action
from parent_app.domain.finance.context import PlanContext
from parent_app.domain.finance.dates import (
    long_date,
    qualifying_week_end,
    weeks_before_due_week,
)
from parent_app.domain.finance.household import Adult
from parent_app.domain.finance.rates import pounds

MA_CLAIM_FROM_WEEK = 26
MA_PAID_WEEKS = 39
MA_PAYMENT_WEEKS_BEFORE_DUE_WEEK = 11
TAKE_LEAVE_WITHIN_DAYS = 364
DAY_ONE_PATERNITY_DUE_WEEK_FROM = date(2026, 4, 5)
FLAT_RATE = "statutory_pay"


def _gets_smp(adult: Adult) -> bool:
    return adult.is_employee and adult.may_be_at_least_lel


def _may_get_ma(adult: Adult) -> bool:
    if adult.work == "self_employed" or adult.work == "not_working":
        return True
    return adult.is_employee and adult.income in ("none", "under_lel")


def statutory_maternity_pay(ctx: PlanContext) -> Action | None:
    parent = ctx.household.birthing_parent
    if not _gets_smp(parent) or ctx.is_born:
        return None
    who = ctx.who("birthing_parent")
    notice_on = None if ctx.due_on is None else qualifying_week_end(ctx.due_on)
    timing = (
        "Tell the employer by the end of the 15th week before the week the baby is due"
    )
    timing += (
        " (about 25 weeks pregnant)"
        if notice_on is None
        else f": {long_date(notice_on)}"
    )
    is_you = who == "you"
    job = f"{who.capitalize()} {'work' if is_you else 'works'} for an employer"
    if parent.is_at_least_lel:
        pay = f"{job} and {'earn' if is_you else 'earns'} at least {ctx.lel} a week."
    else:
        pay = f"{job}. SMP needs average pay of at least {ctx.lel} a week."
    flat = pounds(ctx.rates.statutory_pay_weekly_pence)
    return make_action(
        today=ctx.today,
        key="statutory-maternity-pay",
        title="Ask for Statutory Maternity Pay",
        why=f"{pay} With 26 weeks in the job by the 15th week before the due week, the "
        "employer pays SMP for up to 39 weeks. Ask the midwife or doctor for a MATB1 "
        "form (from 20 weeks before the due date) to prove the pregnancy, and give 28 "
        "days' notice of when the pay should start.",
        for_whom="birthing_parent",
        where=Where(
            "GOV.UK: Maternity pay and leave",
            "https://www.gov.uk/maternity-pay-leave/how-to-claim",
        ),
        timing_note=timing + ".",
        worth_pence=ctx.rates.statutory_pay_weekly_pence,
        worth_period="week",
        worth_note=ctx.with_year(
            f"90% of average weekly pay for 6 weeks, then {flat} a week, or 90% if "
            "less, for 33 weeks",
            FLAT_RATE,
        ),
        tax_year=ctx.rates.tax_year,
        deadline_on=notice_on,
        notice_on=notice_on,
        if_missed="Tell the employer as soon as you can. If they say you can't get "
        "SMP, they must give you form SMP1, so you can claim Maternity Allowance "
        "instead.",
    )


def _ma_why(ctx: PlanContext, parent: Adult) -> str:
    who = ctx.who("birthing_parent")
    is_you = who == "you"
    pronoun = "you" if is_you else "they"
    test = (
        f"if {pronoun} worked (or were self-employed) for at least 26 of the 66 weeks "
        "before the week the baby is due, and earned at least "
        f"{pounds(ctx.rates.maternity_allowance_threshold_weekly_pence)} a week in any "
        "13 of those weeks"
    )
    if parent.work == "self_employed":
        return (
            f"{who.capitalize()} {'are' if is_you else 'is'} self-employed, so no "
            "employer pays Statutory Maternity Pay: Maternity Allowance comes from "
            "the government instead. The full rate needs 26 weeks registered as "
            "self-employed with HMRC and Class 2 National Insurance for 13 of the 66 "
            "weeks before the due week."
        )
    if parent.work == "not_working":
        return (
            f"{who.capitalize()} {'are' if is_you else 'is'} not working now. "
            f"Maternity Allowance can still be paid {test}."
        )
    return (
        f"{who.capitalize()} {'earn' if is_you else 'earns'} less than {ctx.lel} a "
        "week, so the employer won't pay Statutory Maternity Pay. Maternity Allowance "
        f"can be paid instead {test}."
    )


def maternity_allowance(ctx: PlanContext) -> Action | None:
    parent = ctx.household.birthing_parent
    if not _may_get_ma(parent):
        return None
    if ctx.born_on is not None and ctx.today >= ctx.born_on + timedelta(
        weeks=MA_PAID_WEEKS
    ):
        return None
    flat = pounds(ctx.rates.statutory_pay_weekly_pence)
    if parent.work == "self_employed":
        lower = pounds(ctx.rates.maternity_allowance_lower_weekly_pence)
        note = (
            f"{lower} to {flat} a week for up to 39 weeks, depending on Class 2 NI paid"
        )
        rate_names: tuple[str, ...] = (FLAT_RATE, "maternity_allowance_lower")
    else:
        note = (
            f"Up to {flat} a week, or 90% of average weekly pay if less, for 39 weeks"
        )
        rate_names = (FLAT_RATE,)
    opens_on = ctx.pregnancy_week_on(MA_CLAIM_FROM_WEEK)
    if ctx.is_born:
        timing = "Claim now."
    elif opens_on is None or ctx.due_on is None:
        timing = "Claim from 26 weeks pregnant."
    else:
        paid_from = weeks_before_due_week(ctx.due_on, MA_PAYMENT_WEEKS_BEFORE_DUE_WEEK)
        timing = (
            f"Claim from 26 weeks pregnant ({long_date(opens_on)}). It can be paid "
            f"from {long_date(paid_from)}."
        )
    return make_action(
        today=ctx.today,
        key="maternity-allowance",
        title="Claim Maternity Allowance",
        why=_ma_why(ctx, parent),
        for_whom="birthing_parent",
        where=Where(
            "GOV.UK: Maternity Allowance", "https://www.gov.uk/maternity-allowance"
        ),
        timing_note=timing,
        worth_pence=ctx.rates.statutory_pay_weekly_pence,
        worth_period="week",
        worth_note=ctx.with_year(note, *rate_names),
        tax_year=ctx.rates.tax_year,
        opens_on=opens_on,
        is_waiting=not ctx.has_dates,
    )


def paternity_leave_and_pay(ctx: PlanContext) -> Action | None:
    partner = ctx.household.partner
    if partner is None or not partner.is_employee:
        return None
    anchors = [d for d in (ctx.due_on, ctx.born_on) if d is not None]
    deadline_on = max(anchors) + timedelta(TAKE_LEAVE_WITHIN_DAYS) if anchors else None
    notice_on = None
    if ctx.due_on is not None and not ctx.is_born:
        notice_on = qualifying_week_end(ctx.due_on)
    is_paid = partner.may_be_at_least_lel
    flat = pounds(ctx.rates.statutory_pay_weekly_pence)
    return make_action(
        today=ctx.today,
        key="paternity-leave-and-pay",
        title="Book paternity leave and pay" if is_paid else "Book paternity leave",
        why=_paternity_why(ctx, is_paid=is_paid),
        for_whom="partner",
        where=Where(
            "GOV.UK: Paternity pay and leave", "https://www.gov.uk/paternity-pay-leave"
        ),
        timing_note=_paternity_timing(ctx, notice_on, deadline_on),
        worth_pence=ctx.rates.statutory_pay_weekly_pence if is_paid else None,
        worth_period="week" if is_paid else None,
        worth_note=(
            ctx.with_year(
                f"{flat} a week, or 90% of average weekly pay if less", FLAT_RATE
            )
            if is_paid
            else None
        ),
        tax_year=ctx.rates.tax_year if is_paid else None,
        opens_on=ctx.birth_on,
        deadline_on=deadline_on,
        notice_on=notice_on,
        is_deadline_estimated=not ctx.is_born,
        is_waiting=not ctx.is_born,
    )


def _paternity_why(ctx: PlanContext, *, is_paid: bool) -> str:
    """Why the partner can take paternity leave, whether from day one, and whether
    it is paid."""
    why = [
        "The partner works for an employer, so they can take 1 or 2 weeks of "
        "paternity leave, together or as two separate weeks, any time in the 52 weeks "
        "after the birth.",
    ]
    if ctx.due_on is None or ctx.due_on >= DAY_ONE_PATERNITY_DUE_WEEK_FROM:
        why.append(
            "For babies due from 5 April 2026 this is a right from their first day "
            "in the job."
        )
    else:
        why.append(
            "The leave needs 26 weeks in the job by the 15th week before the due week."
        )
    if is_paid:
        why.append(
            "Statutory Paternity Pay needs 26 weeks in the job by the 15th week before "
            f"the due week and pay of at least {ctx.lel} a week."
        )
    else:
        why.append(
            f"They earn less than {ctx.lel} a week, so the leave will be unpaid."
        )
    if not ctx.is_born:
        why.append("They can also take unpaid time off for 2 antenatal appointments.")
    return " ".join(why)


def _paternity_timing(
    ctx: PlanContext, notice_on: date | None, deadline_on: date | None
) -> str:
    """When to tell the employer and by when to take the leave."""
    timing = "Give the employer 28 days' notice before each week off"
    if notice_on is not None:
        timing = f"Tell the employer by {long_date(notice_on)}. " + timing
    if deadline_on is not None:
        timing += f". Take the leave {ctx.by_when(deadline_on)}"
    return timing + "."


def shared_parental_leave(ctx: PlanContext) -> Action | None:
    household = ctx.household
    parent, partner = household.birthing_parent, household.partner
    if partner is None or not (_gets_smp(parent) or _may_get_ma(parent)):
        return None
    if parent.work == "not_working" or not any(_gets_smp(a) for a in household.adults):
        return None
    birth_on = ctx.birth_on
    deadline_on = (
        None if birth_on is None else birth_on + timedelta(TAKE_LEAVE_WITHIN_DAYS)
    )
    flat = pounds(ctx.rates.statutory_pay_weekly_pence)
    why = (
        "The person having the baby can end maternity leave or pay early and share "
        "what is left with the partner: up to 50 weeks of leave and 37 weeks of pay, "
        "in blocks of at least a week, together or in turns. Each parent who takes it "
        "needs 26 weeks in their job by the 15th week before the due week and pay of "
        f"at least {ctx.lel} a week."
    )
    if parent.work == "self_employed":
        why += " Unused Maternity Allowance can be shared with an employed partner."
    timing = "Give 8 weeks' notice before each block"
    if deadline_on is not None:
        timing += f". Use it within 52 weeks of the birth, {ctx.by_when(deadline_on)}"
    return make_action(
        today=ctx.today,
        key="shared-parental-leave",
        title="Think about Shared Parental Leave",
        why=why,
        for_whom="both",
        where=Where(
            "GOV.UK: Shared Parental Leave and Pay",
            "https://www.gov.uk/shared-parental-leave-and-pay",
        ),
        timing_note=timing + ".",
        worth_pence=ctx.rates.statutory_pay_weekly_pence,
        worth_period="week",
        worth_note=ctx.with_year(
            f"Up to 37 weeks at {flat} a week, or 90% of average weekly pay if less, "
            "shared between you",
            FLAT_RATE,
        ),
        tax_year=ctx.rates.tax_year,
        opens_on=birth_on,
        deadline_on=deadline_on,
        is_deadline_estimated=not ctx.is_born,
        is_waiting=not ctx.is_born,
    )
