"""The words for leave and pay dates and questions: the one place they are written.

Every date the check or the calculator gives has a label (what to do by it, or what it
is), the rule it comes from in plain words, and the GOV.UK page that says so. The
questions the household check asks are here too, with their dates written in. The
rules are said the way our articles say them ("the end of the 15th week before the
week your baby is due", "as soon as you reasonably can") and the dates the way GOV.UK's
calculator does ("on or before 6 September 2025"). Source: leave-and-pay-rules.md
§1-§2, §5, §7, §10, §11; reading age about 9 to 11.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

MATERNITY = "https://www.gov.uk/maternity-pay-leave"
MATERNITY_ELIGIBILITY = "https://www.gov.uk/maternity-pay-leave/eligibility"
MATERNITY_CLAIM = "https://www.gov.uk/maternity-pay-leave/how-to-claim"
PATERNITY = "https://www.gov.uk/paternity-pay-leave"
PATERNITY_CLAIM = "https://www.gov.uk/paternity-pay-leave/how-to-claim"
MATERNITY_ALLOWANCE = "https://www.gov.uk/maternity-allowance"
SHARED_PARENTAL = "https://www.gov.uk/shared-parental-leave-and-pay"
EMPLOYER_MATERNITY = "https://www.gov.uk/employers-maternity-pay-leave"

DUE_WEEK = "the week your baby is due"
QUALIFYING_WEEK = f"the 15th week before {DUE_WEEK}"
NOTICE_RULE = (
    f"The end of {QUALIFYING_WEEK} (about 25 weeks pregnant), or as soon as you "
    "reasonably can if you started the job after that."
)


def long_date(day: date) -> str:
    """ "6 September 2025"."""
    return f"{day:%-d %B %Y}"


def on_or_before(day: date) -> str:
    """ "on or before 6 September 2025", GOV.UK's calculator wording for a last day."""
    return f"on or before {long_date(day)}"


def pounds(amount: Decimal) -> str:
    return f"£{amount:,.2f}"


@dataclass(frozen=True)
class DateWords:
    """What a date means (`label`, read before the date), the rule it comes from, and
    the page that says so."""

    label: str
    rule: str
    source: str


@dataclass(frozen=True)
class LabelledDate:
    key: str
    date: date
    label: str
    rule: str
    source: str


_QW = DateWords(
    "",
    f"{QUALIFYING_WEEK[0].upper()}{QUALIFYING_WEEK[1:]}. Weeks run from Sunday to "
    "Saturday. Your right to pay is judged on this week.",
    MATERNITY_ELIGIBILITY,
)
_MA_TEST = (
    f"The 66 weeks up to {DUE_WEEK}. You need to have worked for at least 26 of "
    "them and earned £390 or more in any 13 of them."
)

WORDS: dict[str, DateWords] = {
    "expected_week_start": DateWords(
        "The week your baby is due starts on",
        "The Sunday to Saturday week with the due date in it.",
        EMPLOYER_MATERNITY,
    ),
    "expected_week_end": DateWords(
        "The week your baby is due ends on",
        "The Sunday to Saturday week with the due date in it.",
        EMPLOYER_MATERNITY,
    ),
    "qualifying_week_start": DateWords(
        "Your qualifying week starts on", _QW.rule, _QW.source
    ),
    "qualifying_week_end": DateWords(
        "Your qualifying week ends on", _QW.rule, _QW.source
    ),
    "continuity_start": DateWords(
        "For maternity or paternity pay, you need to have started your job on or "
        "before",
        f"26 weeks in the same job by the end of {QUALIFYING_WEEK}. A part week "
        "at the start counts as a whole week.",
        MATERNITY_ELIGIBILITY,
    ),
    "employment_start_latest": DateWords(
        "For pay, you need to have worked for this employer on or before",
        f"26 weeks in the same job by the end of {QUALIFYING_WEEK}. A part week "
        "at the start counts as a whole week.",
        MATERNITY_ELIGIBILITY,
    ),
    "continuity_end": DateWords(
        "You need to still be in your job on",
        f"The first day of {QUALIFYING_WEEK}.",
        MATERNITY_ELIGIBILITY,
    ),
    "lower_earnings_start": DateWords(
        "Your earnings are checked from",
        f"The 8 weeks up to the end of {QUALIFYING_WEEK}. On average you need to "
        "earn more than the lower earnings limit each week.",
        MATERNITY_ELIGIBILITY,
    ),
    "lower_earnings_end": DateWords(
        "Your earnings are checked up to",
        f"The 8 weeks up to the end of {QUALIFYING_WEEK}. On average you need to "
        "earn more than the lower earnings limit each week.",
        MATERNITY_ELIGIBILITY,
    ),
    "relevant_period_start": DateWords(
        "The pay used to work out your pay starts on",
        "The 8 weeks (or about 2 months) of pay up to your last normal payday on "
        f"or before the end of {QUALIFYING_WEEK}.",
        EMPLOYER_MATERNITY,
    ),
    "relevant_period_end": DateWords(
        "The pay used to work out your pay ends on",
        "The 8 weeks (or about 2 months) of pay up to your last normal payday on "
        f"or before the end of {QUALIFYING_WEEK}.",
        EMPLOYER_MATERNITY,
    ),
    "earliest_leave_start": DateWords(
        "The earliest your maternity leave can start is",
        f"The start of the 11th week before {DUE_WEEK}.",
        MATERNITY,
    ),
    "paternity.earliest_leave_start": DateWords(
        "The earliest your paternity leave can start is",
        "The day your baby is born (the due date until then).",
        PATERNITY,
    ),
    "maternity_notice_deadline": DateWords(
        "Tell your employer you are pregnant and when you want your leave to start by",
        NOTICE_RULE,
        MATERNITY_CLAIM,
    ),
    "notice_deadline": DateWords(
        "Tell your employer you are pregnant and when you want your leave to start by",
        NOTICE_RULE,
        MATERNITY_CLAIM,
    ),
    "paternity.notice_deadline": DateWords(
        "Tell your employer you want paternity leave by", NOTICE_RULE, PATERNITY_CLAIM
    ),
    "paternity.notice_deadline.28_days_before_leave": DateWords(
        "Tell your employer you want paternity leave by",
        "28 days before your leave starts. For babies due up to 25 July 2026 the "
        "usual notice by the end of the 15th week before the due week was not "
        "needed for a new job.",
        PATERNITY_CLAIM,
    ),
    "paternity_notice_deadline": DateWords(
        "Tell your employer you want paternity leave by", NOTICE_RULE, PATERNITY_CLAIM
    ),
    "paternity_notice_deadline.28_days_before_leave": DateWords(
        "Tell your employer when your paternity leave will start by",
        "28 days before the leave starts: this date is for leave from the due date. "
        f"You also tell them you want paternity leave by the end of {QUALIFYING_WEEK}, "
        "or as soon as you reasonably can if you started the job after that.",
        PATERNITY_CLAIM,
    ),
    "partner_due_date_notice": DateWords(
        "Partner: tell your employer when the baby is due by",
        f"15 weeks before the due date. This falls in {QUALIFYING_WEEK}: tell them "
        "by the end of that week at the latest.",
        PATERNITY_CLAIM,
    ),
    "paternity_take_by": DateWords(
        "Take your paternity leave by",
        "Within 52 weeks of the birth (counted from the due date if that is later).",
        PATERNITY,
    ),
    "paternity_take_by.within_56_days": DateWords(
        "Take your paternity leave by",
        "Within 56 days of the birth (counted from the due date if that is later): "
        "the rule for babies due before 7 April 2024 and in Northern Ireland.",
        PATERNITY,
    ),
    "ma_test_start": DateWords(
        "For Maternity Allowance, your work is checked from",
        _MA_TEST,
        MATERNITY_ALLOWANCE,
    ),
    "ma_test_end": DateWords(
        "For Maternity Allowance, your work is checked up to",
        _MA_TEST,
        MATERNITY_ALLOWANCE,
    ),
    "ma_earliest_start": DateWords(
        "The earliest your Maternity Allowance can start is",
        f"The start of the 11th week before {DUE_WEEK}.",
        MATERNITY_ALLOWANCE,
    ),
    "ma_claim_from": DateWords(
        "You can claim Maternity Allowance from",
        "When you have been pregnant for 26 weeks (14 weeks before the due date).",
        MATERNITY_ALLOWANCE,
    ),
    "pay_start_if_pregnancy_illness": DateWords(
        "If you are off sick because of your pregnancy, your pay starts on",
        f"The start of the 4th week before {DUE_WEEK}.",
        MATERNITY,
    ),
    "leave_start": DateWords(
        "Your leave starts on",
        "The start date you gave us, or the earliest it can start if you gave none.",
        MATERNITY,
    ),
    "paternity.leave_start": DateWords(
        "Your leave starts on",
        "The start date you gave us, or the day the baby is born (the due date until "
        "then) if you gave none.",
        PATERNITY,
    ),
    "leave_end": DateWords(
        "Your maternity leave ends on", "52 weeks after it starts.", MATERNITY
    ),
    "paternity.leave_end": DateWords(
        "Your paternity leave ends on",
        "1 or 2 weeks after it starts, as you chose.",
        PATERNITY,
    ),
    "ordinary_leave_end": DateWords(
        "Ordinary maternity leave ends on",
        "26 weeks after your leave starts. Back by then, you return to the same job.",
        MATERNITY,
    ),
    "additional_leave_start": DateWords(
        "Additional maternity leave starts on",
        "The day after ordinary leave ends. It lasts 26 more weeks.",
        MATERNITY,
    ),
    "pay_start": DateWords(
        "Statutory Maternity Pay starts on",
        "The day your leave starts. It is paid for up to 39 weeks.",
        MATERNITY,
    ),
    "paternity.pay_start": DateWords(
        "Statutory Paternity Pay starts on",
        "The day your paternity leave starts.",
        PATERNITY,
    ),
    "pay_end": DateWords(
        "Statutory Maternity Pay ends on",
        "39 weeks after it starts.",
        MATERNITY,
    ),
    "paternity.pay_end": DateWords(
        "Statutory Paternity Pay ends on",
        "The last day of your paternity leave.",
        PATERNITY,
    ),
    "claim_pay_by": DateWords(
        "Ask your employer for Statutory Maternity Pay by",
        "28 days before you want it to start, in writing if they ask.",
        MATERNITY_CLAIM,
    ),
    "paternity.claim_pay_by": DateWords(
        "Ask your employer for Statutory Paternity Pay by",
        "28 days before you want it to start.",
        PATERNITY_CLAIM,
    ),
}


def date_words(
    key: str, *, leave_type: str | None = None, variant: str = ""
) -> DateWords:
    """The words for a date `key`: the leave type's own words and the rule variant
    that applied, where there are any. Raises KeyError for a key with no words (a
    test holds every date the API gives to having them)."""
    names = [key]
    if leave_type:
        names.insert(0, f"{leave_type}.{key}")
    if variant:
        names = [f"{name}.{variant}" for name in names] + names
    for name in names:
        if name in WORDS:
            return WORDS[name]
    raise KeyError(key)


def labelled_dates(
    dates: Mapping[str, date | None],
    *,
    leave_type: str | None = None,
    variants: Mapping[str, str] | None = None,
) -> list[LabelledDate]:
    """Each date with its label, rule and source, in the order given; dates that do
    not apply (None) are left out."""
    chosen = variants or {}
    found = []
    for key, day in dates.items():
        if day is None:
            continue
        words = date_words(key, leave_type=leave_type, variant=chosen.get(key, ""))
        found.append(LabelledDate(key, day, words.label, words.rule, words.source))
    return found


# The household check's questions, one per answer. `{who}` is "the partner", or "you"
# and "your partner" on the parent's own pages; the dates come from the check's key
# dates.
QUESTIONS: dict[str, str] = {
    "employment_status": (
        "Is {who} an employee, a worker (agency, casual or zero-hours), "
        "self-employed, or not working?"
    ),
    "started_before_continuity_start": (
        "Did {who} start working for this employer {continuity_start_on_or_before}?"
    ),
    "still_working_on_continuity_end": (
        "Will {who} still be working for them on {continuity_end}?"
    ),
    "earned_more_than_lower_earnings_limit": (
        "Between {lower_earnings_start} and {lower_earnings_end}, will {who} earn on "
        "average more than {lower_earnings_limit} a week before tax?"
    ),
    "worked_at_least_26_weeks": (
        "Between {ma_test_start} and {ma_test_end}, will {who} have worked for at "
        "least 26 weeks?"
    ),
    "earned_at_least_390": (
        "In any 13 of the weeks between {ma_test_start} and {ma_test_end}, will {who} "
        "have earned £390 or more in all?"
    ),
}
WHO = {"birthing_parent": "the birthing parent", "partner": "the partner"}


def question(
    answer: str,
    parent: str,
    *,
    dates: Mapping[str, date],
    lower_earnings_limit: Decimal,
    who: str | None = None,
) -> str:
    """The question for one parent's `answer`, with its dates written in; `who`
    names the parent ("you", "your partner") where the page speaks to them."""
    values = {key: long_date(day) for key, day in dates.items()}
    values["continuity_start_on_or_before"] = on_or_before(dates["continuity_start"])
    values["lower_earnings_limit"] = pounds(lower_earnings_limit)
    return QUESTIONS[answer].format(who=who or WHO[parent], **values)
