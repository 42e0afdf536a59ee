"""The household check: validated answers in, who gets what (as plain data) out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from parent_app.domain.leave_pay import (
    HouseholdAnswers,
    HouseholdCheck,
    LeavePayError,
    check_household,
    default_rates,
)
from parent_app.domain.leave_pay.answers import EmploymentStatus, ParentAnswers
from parent_app.domain.leave_pay.location import Location
from parent_app.domain.leave_pay.outcomes import Grant, ParentOutcome
from parent_app.domain.leave_pay.reasons import Reason
from parent_app.domain.leave_pay.unanswered import NeedsAnswer
from parent_app.domain.leave_pay.words import LabelledDate, question
from parent_app.entitlements.errors import validation_failed

ANSWERS = (
    "started_before_continuity_start",
    "still_working_on_continuity_end",
    "earned_more_than_lower_earnings_limit",
    "worked_at_least_26_weeks",
    "earned_at_least_390",
)


def _parent(data: Mapping[str, Any] | None) -> ParentAnswers | None:
    if data is None:
        return None
    return ParentAnswers(
        EmploymentStatus(data["employment_status"]),
        **{name: data.get(name) for name in ANSWERS},
        helps_unpaid_in_partners_business=data.get("helps_unpaid_in_partners_business"),
    )


def reason_dict(reason: Reason) -> dict[str, Any]:
    return {"code": reason.code, "message": reason.message, "instead": reason.instead}


def _grant(grant: Grant) -> dict[str, Any]:
    return {
        "entitlement": grant.entitlement.value,
        "weeks": grant.weeks,
        "starts_from": grant.starts_from,
        "notice_by": grant.notice_by,
        "claim_from": grant.claim_from,
        "take_by": grant.take_by,
        "weekly_amount": grant.weekly_amount,
        "total": grant.total,
        "is_day_one_right": grant.is_day_one_right,
        "weeks_must_be_consecutive": grant.weeks_must_be_consecutive,
    }


def _outcome(outcome: ParentOutcome | None) -> dict[str, Any] | None:
    if outcome is None:
        return None
    return {
        "entitlements": [name.value for name in outcome.entitlements],
        "grants": [_grant(grant) for grant in outcome.grants],
        "reasons": [
            {"entitlement": r.entitlement.value, **reason_dict(r.reason)}
            for r in outcome.refusals
        ],
    }


def labelled_date_dict(labelled: LabelledDate) -> dict[str, Any]:
    return {
        "key": labelled.key,
        "date": labelled.date,
        "label": labelled.label,
        "rule": labelled.rule,
        "source": labelled.source,
    }


def _needs_answer(check: HouseholdCheck, ask: NeedsAnswer) -> dict[str, Any]:
    return {
        "key": f"{ask.parent}.{ask.answer}",
        "parent": ask.parent,
        "question": question(
            ask.answer,
            ask.parent,
            dates=check.key_dates,
            lower_earnings_limit=check.lower_earnings_limit,
        ),
        "needed_for": [
            {"parent": parent, "entitlement": name.value}
            for parent, name in ask.needed_for
        ],
    }


def describe_check(check: HouseholdCheck) -> dict[str, Any]:
    """The check as plain data (dates and Decimals; the API formats them)."""
    return {
        "due_date": check.answers.due_date,
        "location": check.answers.location.value,
        "key_dates": check.key_dates,
        "dates": [labelled_date_dict(d) for d in check.labelled_dates],
        "needs_answer": [_needs_answer(check, ask) for ask in check.needs_answers],
        "lower_earnings_limit": check.lower_earnings_limit,
        "flat_rates": [
            {
                "rate_year": span.rate_year,
                "starts_on": span.starts_on,
                "ends_on": span.ends_on,
                "flat_rate": span.flat_rate,
            }
            for span in check.flat_rates
        ],
        "entitlements": [name.value for name in check.entitlements],
        "birthing_parent": _outcome(check.birthing_parent),
        "partner": _outcome(check.partner),
        "reasons": [
            {
                "parent": role,
                "entitlement": r.entitlement.value,
                **reason_dict(r.reason),
            }
            for role, r in check.refusals
        ],
    }


def household_check(data: Mapping[str, Any]) -> dict[str, Any]:
    """Who in the household can get which leave, pay or allowance, and by when to act.

    `data` is the validated request: due_date, location, birthing_parent and partner
    (each None or a dict of answers). A yes/no answer left out is never read as no:
    what it decides comes back in `needs_answer`, with the question to ask. Raises
    ValidationFailed when the rules cannot work with the due date.
    """
    answers = HouseholdAnswers(
        due_date=data["due_date"],
        birthing_parent=_parent(data.get("birthing_parent")),
        partner=_parent(data.get("partner")),
        location=Location(data.get("location") or Location.ENGLAND),
    )
    try:
        return describe_check(check_household(answers, default_rates()))
    except LeavePayError as error:
        raise validation_failed(error) from None
