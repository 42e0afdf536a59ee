"""The household check: what each parent can get around a birth, with reasons.

Source: leave-and-pay-rules.md §9 (GOV.UK's parent tool, "principled rules"), §7
(paternity dates and the April 2026 day-one right), §10 (Maternity Allowance) and §11
(Shared Parental Leave and Pay). The 13 GOV.UK decision-tree quirks of §9 are not
copied (DECISIONS.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from decimal import Decimal
from functools import partial

from parent_app.domain.leave_pay import reasons
from parent_app.domain.leave_pay.answers import ParentAnswers
from parent_app.domain.leave_pay.errors import LeavePayError
from parent_app.domain.leave_pay.key_dates import (
    ParentToolDates,
    birth_weeks,
    parent_tool_dates,
)
from parent_app.domain.leave_pay.location import Location
from parent_app.domain.leave_pay.maternity_allowance import maternity_allowance
from parent_app.domain.leave_pay.outcomes import (
    ORDER,
    Entitlement,
    Grant,
    ParentOutcome,
    Refusal,
)
from parent_app.domain.leave_pay.paternity_rules import (
    has_day_one_leave_right,
    parent_tool_notice_deadline,
    parent_tool_take_by,
    weeks_must_be_consecutive,
)
from parent_app.domain.leave_pay.rates import RateTable
from parent_app.domain.leave_pay.shared_parental import shared_parental
from parent_app.domain.leave_pay.unanswered import Answers, NeedsAnswer, needs_answers
from parent_app.domain.leave_pay.words import LabelledDate, labelled_dates

MATERNITY_LEAVE_WEEKS = 52
MATERNITY_PAY_WEEKS = 39
PATERNITY_WEEKS = 2


@dataclass(frozen=True)
class HouseholdAnswers:
    """The due date, where the family lives, and each parent's answers (None: not asked
    about, e.g. a partner checking on their own, or a single parent)."""

    due_date: date
    birthing_parent: ParentAnswers | None
    partner: ParentAnswers | None
    location: Location = Location.ENGLAND


@dataclass(frozen=True)
class RateSpan:
    """A rate year's flat weekly rate and the days it is in force."""

    rate_year: str
    starts_on: date
    ends_on: date
    flat_rate: Decimal


@dataclass(frozen=True)
class HouseholdCheck:
    """The answer for the household: key dates, the LEL, rates and each parent."""

    answers: HouseholdAnswers
    dates: ParentToolDates
    qualifying_week_start: date
    qualifying_week_end: date
    paternity_notice_deadline: date
    paternity_take_by: date
    lower_earnings_limit: Decimal
    flat_rates: tuple[RateSpan, ...]
    birthing_parent: ParentOutcome | None
    partner: ParentOutcome | None
    # Answers the rules needed and did not get (never read as "no"); with no parent
    # described at all, each parent's employment status.
    needs_answers: tuple[NeedsAnswer, ...] = ()

    @property
    def key_dates(self) -> dict[str, date]:
        """Every date of the check, by the name the API gives it."""
        dates = self.dates
        return {
            "qualifying_week_start": self.qualifying_week_start,
            "qualifying_week_end": self.qualifying_week_end,
            "continuity_start": dates.continuity_start,
            "continuity_end": dates.continuity_end,
            "lower_earnings_start": dates.lower_earnings_start,
            "lower_earnings_end": dates.lower_earnings_end,
            "earliest_leave_start": dates.earliest_leave_start,
            "maternity_notice_deadline": dates.maternity_notice_deadline,
            "ma_test_start": dates.ma_test_start,
            "ma_test_end": dates.ma_test_end,
            "ma_earliest_start": dates.ma_earliest_start,
            "ma_claim_from": dates.ma_claim_from,
            "partner_due_date_notice": dates.partner_due_date_notice,
            "paternity_notice_deadline": self.paternity_notice_deadline,
            "paternity_take_by": self.paternity_take_by,
        }

    @property
    def labelled_dates(self) -> list[LabelledDate]:
        """The key dates with their labels, rules and sources (words.py)."""
        variants = (
            {"paternity_take_by": "within_56_days"}
            if weeks_must_be_consecutive(self.answers.due_date, self.answers.location)
            else {"paternity_notice_deadline": "28_days_before_leave"}
        )
        return labelled_dates(self.key_dates, variants=variants)

    @property
    def entitlements(self) -> tuple[Entitlement, ...]:
        granted: set[Entitlement] = set()
        for outcome in (self.birthing_parent, self.partner):
            if outcome is not None:
                granted.update(outcome.entitlements)
        return tuple(name for name in ORDER if name in granted)

    @property
    def refusals(self) -> tuple[tuple[str, Refusal], ...]:
        found: list[tuple[str, Refusal]] = []
        for role, outcome in (
            ("birthing_parent", self.birthing_parent),
            ("partner", self.partner),
        ):
            if outcome is not None:
                found.extend((role, refusal) for refusal in outcome.refusals)
        return tuple(found)


def _birthing_parent(
    answers: ParentAnswers,
    partner: ParentAnswers | None,
    dates: ParentToolDates,
    lower_limit: Decimal,
    lower_rate: Decimal | None,
) -> ParentOutcome:
    grants: list[Grant] = []
    refusals: list[Refusal] = []
    if answers.is_employee and answers.still_working_on_continuity_end:
        grants.append(
            Grant(
                Entitlement.MATERNITY_LEAVE,
                MATERNITY_LEAVE_WEEKS,
                starts_from=dates.earliest_leave_start,
                notice_by=dates.maternity_notice_deadline,
            )
        )
    elif not answers.is_employee:
        refusals.append(
            Refusal(
                Entitlement.MATERNITY_LEAVE, reasons.not_an_employee("maternity leave")
            )
        )
    else:
        refusals.append(
            Refusal(
                Entitlement.MATERNITY_LEAVE, reasons.not_in_job_on(dates.continuity_end)
            )
        )

    gets_pay = answers.qualifies_for_statutory_pay
    if gets_pay:
        grants.append(
            Grant(
                Entitlement.MATERNITY_PAY,
                MATERNITY_PAY_WEEKS,
                starts_from=dates.earliest_leave_start,
                notice_by=dates.maternity_notice_deadline,
            )
        )
    else:
        refusals.append(
            Refusal(
                Entitlement.MATERNITY_PAY,
                _pay_refusal(answers, "maternity pay", dates, lower_limit),
            )
        )
    ma_grants, ma_refusals = maternity_allowance(
        answers,
        partner,
        gets_maternity_pay=gets_pay,
        dates=dates,
        lower_rate=lower_rate,
    )
    return ParentOutcome(tuple(grants + ma_grants), tuple(refusals + ma_refusals))


def _pay_refusal(
    answers: ParentAnswers, pay: str, dates: ParentToolDates, lower_limit: Decimal
) -> reasons.Reason:
    if not answers.is_paid_by_employer:
        return reasons.not_employed(pay)
    if not answers.passes_continuity:
        return reasons.failed_continuity(
            pay, dates.continuity_start, dates.continuity_end
        )
    return reasons.below_limit_answer(
        pay, lower_limit, dates.lower_earnings_start, dates.lower_earnings_end
    )


def _partner(
    answers: ParentAnswers,
    household: HouseholdAnswers,
    dates: ParentToolDates,
    lower_limit: Decimal,
    notice_by: date,
    take_by: date,
) -> ParentOutcome:
    grants: list[Grant] = []
    refusals: list[Refusal] = []
    day_one = has_day_one_leave_right(household.due_date, None, household.location)
    if answers.is_employee and (answers.passes_continuity or day_one):
        grants.append(
            Grant(
                Entitlement.PATERNITY_LEAVE,
                PATERNITY_WEEKS,
                starts_from=household.due_date,
                notice_by=notice_by,
                take_by=take_by,
                is_day_one_right=not answers.passes_continuity,
                weeks_must_be_consecutive=weeks_must_be_consecutive(
                    household.due_date, household.location
                ),
            )
        )
    elif not answers.is_employee:
        refusals.append(
            Refusal(
                Entitlement.PATERNITY_LEAVE, reasons.not_an_employee("paternity leave")
            )
        )
    else:
        reason = reasons.failed_continuity(
            "paternity leave", dates.continuity_start, dates.continuity_end
        )
        refusals.append(Refusal(Entitlement.PATERNITY_LEAVE, reason))
    if answers.qualifies_for_statutory_pay:
        grants.append(
            Grant(
                Entitlement.PATERNITY_PAY,
                PATERNITY_WEEKS,
                notice_by=notice_by,
                take_by=take_by,
            )
        )
    else:
        refusals.append(
            Refusal(
                Entitlement.PATERNITY_PAY,
                _pay_refusal(answers, "paternity pay", dates, lower_limit),
            )
        )
    return ParentOutcome(tuple(grants), tuple(refusals))


def check_household(household: HouseholdAnswers, rates: RateTable) -> HouseholdCheck:
    """Who can get which leave, pay or allowance, with the dates to act on.

    The LEL is the one of the tax year containing the end of the qualifying week; the
    flat rates listed are those of the rate years the 39 weeks from the due date touch.
    An answer left out is asked for (`needs_answers`), never read as "no"; with no
    parent described, the dates alone come back, with each parent's first question.
    Raises LeavePayError (field `due_date`) when the rate table does not cover it.
    """
    due = household.due_date
    dates = parent_tool_dates(due)
    weeks = birth_weeks(due)
    lower_limit, lower_rate = _limits_for(rates, due, dates)
    notice_by = parent_tool_notice_deadline(weeks, household.location)
    take_by = parent_tool_take_by(due, household.location)
    decide = partial(
        _decide,
        household,
        dates=dates,
        lower_limit=lower_limit,
        lower_rate=lower_rate,
        notice_by=notice_by,
        take_by=take_by,
    )
    answers: Answers = {
        "birthing_parent": household.birthing_parent,
        "partner": household.partner,
    }
    outcomes, asks = needs_answers(answers, decide(answers), decide)
    if household.birthing_parent is None and household.partner is None:
        asks = tuple(
            NeedsAnswer(parent, "employment_status", ())
            for parent in ("birthing_parent", "partner")
        )
    return HouseholdCheck(
        answers=household,
        dates=dates,
        qualifying_week_start=weeks.qualifying_week_start,
        qualifying_week_end=weeks.qualifying_week_end,
        paternity_notice_deadline=notice_by,
        paternity_take_by=take_by,
        lower_earnings_limit=lower_limit,
        flat_rates=_flat_rate_spans(rates, due),
        birthing_parent=outcomes["birthing_parent"],
        partner=outcomes["partner"],
        needs_answers=asks,
    )


def _decide(
    household: HouseholdAnswers,
    answers: Answers,
    *,
    dates: ParentToolDates,
    lower_limit: Decimal,
    lower_rate: Decimal | None,
    notice_by: date,
    take_by: date,
) -> dict[str, ParentOutcome | None]:
    """Each parent's outcome from these answers (the same rules every time)."""
    household = replace(
        household,
        birthing_parent=answers["birthing_parent"],
        partner=answers["partner"],
    )
    mother = partner = None
    if household.birthing_parent is not None:
        mother = _birthing_parent(
            household.birthing_parent, household.partner, dates, lower_limit, lower_rate
        )
    if household.partner is not None:
        partner = _partner(
            household.partner, household, dates, lower_limit, notice_by, take_by
        )
    if mother is not None and partner is not None:
        mother, partner = _with_shared_parental(household, mother, partner)
    return {"birthing_parent": mother, "partner": partner}


def _limits_for(
    rates: RateTable, due: date, dates: ParentToolDates
) -> tuple[Decimal, Decimal | None]:
    """The Lower Earnings Limit of the tax year that holds the end of the qualifying
    week, and the lower MA rate of the due date's rate year (None before it existed).
    Raises LeavePayError on `due_date` when the table does not cover them."""
    try:
        lower_limit = rates.tax_year_lower_earnings_limit(dates.lower_earnings_end)
        lower_rate = rates.year_of(due).ma_lower_rate
    except LeavePayError as error:
        raise LeavePayError("due_date", error.message) from None
    return lower_limit, lower_rate


def _with_shared_parental(
    household: HouseholdAnswers, mother: ParentOutcome, partner: ParentOutcome
) -> tuple[ParentOutcome, ParentOutcome]:
    """Both parents' outcomes with Shared Parental Leave and Pay added, each judged
    against what the birthing parent is entitled to on their own."""
    assert household.birthing_parent is not None and household.partner is not None
    own = frozenset(mother.entitlements)
    due = household.due_date
    return (
        mother.with_(
            *shared_parental(
                household.birthing_parent,
                household.partner,
                is_birthing_parent=True,
                mother_entitlements=own,
                due_date=due,
            )
        ),
        partner.with_(
            *shared_parental(
                household.partner,
                household.birthing_parent,
                is_birthing_parent=False,
                mother_entitlements=own,
                due_date=due,
            )
        ),
    )


def _flat_rate_spans(rates: RateTable, due: date) -> tuple[RateSpan, ...]:
    """The statutory flat rate of each rate year the 39 pay weeks from `due` touch."""
    return tuple(
        RateSpan(row.rate_year, first, last, row.flat_rate)
        for row, first, last in rates.years_overlapping(
            due, due + timedelta(weeks=MATERNITY_PAY_WEEKS)
        )
    )
