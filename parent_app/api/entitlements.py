"""Leave and pay entitlements: the household check, one parent's calculation (JSON or
an iCalendar of deadlines) and the statutory rates. No sign-in: people check before
they register."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from flask import Response, request
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from parent_app import entitlements
from parent_app.api.common import Blueprint, now_utc

blp = Blueprint(
    "entitlements",
    __name__,
    url_prefix="/entitlements",
    description="Maternity, paternity and shared parental leave and pay; MA",
)

EARLIEST, LATEST = date(2009, 1, 1), date(2100, 12, 31)
IN_RANGE = validate.Range(
    min=EARLIEST,
    max=LATEST,
    error="Give a date from 1 January 2009 to 31 December 2100.",
)
LOCATIONS = ("england", "wales", "scotland", "northern_ireland")
STATUSES = ("employee", "worker", "self_employed", "unemployed")
PAY_PATTERNS = ("weekly", "every_2_weeks", "every_4_weeks", "monthly")
PAY_METHODS = (
    "weekly_from_leave_start",
    "weekly_starting",
    "weekly",
    "every_2_weeks",
    "every_4_weeks",
    "first_day_of_the_month",
    "last_day_of_the_month",
    "specific_date_each_month",
    "monthly",
    "last_working_day_of_the_month",
    "a_certain_week_day_each_month",
)
WEEKS_OF_MONTH = ("first", "second", "third", "fourth", "last")
WEEKDAY = validate.Range(
    min=0, max=6, error="Weekdays go from 0 (Sunday) to 6 (Saturday)."
)


def one_of(choices: tuple[str, ...]) -> validate.OneOf:
    return validate.OneOf(choices, error="Must be one of: " + ", ".join(choices) + ".")


def _money_doc(description: str, kwargs: dict[str, Any], **extra: Any) -> None:
    """Money is a decimal string in the OpenAPI document, as in every response."""
    kwargs["metadata"] = {
        "type": "string",
        "format": "decimal",
        "description": description,
        **extra,
        **kwargs.get("metadata", {}),
    }


class Money(fields.Decimal):
    """Pounds as a string or a JSON number, read as Decimal(str(value)) (never float
    arithmetic); at most `max_places` decimal places, from 0 to `maximum`."""

    def __init__(self, *, max_places: int, maximum: Decimal, **kwargs: Any) -> None:
        _money_doc(
            f"Pounds as a decimal string from 0 to {maximum:,}, at most {max_places} "
            "decimal places (a JSON number is also accepted).",
            kwargs,
            pattern=rf"^[0-9]{{1,{len(str(int(maximum)))}}}(\.[0-9]{{1,{max_places}}})?$",
            example="512.40",
        )
        super().__init__(allow_nan=False, **kwargs)
        self.max_places = max_places
        self.maximum = maximum

    def _validated(self, value: Any) -> Decimal:
        number: Decimal = super()._validated(value)
        # Checked here rather than by a Range validator, whose bounds the document
        # would show as numbers on a string field.
        if not Decimal(0) <= number <= self.maximum:
            raise ValidationError(f"Give an amount from £0 to £{self.maximum:,}.")
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -self.max_places:
            raise ValidationError(f"Give at most {self.max_places} decimal places.")
        return number


class Pounds(fields.Decimal):
    """Money out: a string with 2 decimal places."""

    def __init__(self, **kwargs: Any) -> None:
        _money_doc("Pounds, a decimal string with 2 places.", kwargs, example="187.18")
        super().__init__(places=2, rounding=ROUND_HALF_UP, as_string=True, **kwargs)


class AwePounds(fields.Decimal):
    """Average weekly earnings out: a string with 7 decimal places."""

    def __init__(self, **kwargs: Any) -> None:
        _money_doc(
            "Average weekly earnings in pounds, a decimal string with 7 places.",
            kwargs,
            example="512.4000000",
        )
        super().__init__(places=7, as_string=True, **kwargs)


def Day(**kwargs: Any) -> fields.Date:  # noqa: N802 - a field factory, used like a class
    return fields.Date(validate=IN_RANGE, **kwargs)


# --- requests ---------------------------------------------------------------------


def YesNo(description: str) -> fields.Boolean:  # noqa: N802 - a field factory
    """A yes/no answer; left out (or null) it is not a "no": the check asks for it
    in `needs_answer` when the rules need it."""
    return fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={"description": f"{description} Leave it out if not asked yet."},
    )


class ParentAnswersSchema(Schema):
    employment_status = fields.String(required=True, validate=one_of(STATUSES))
    started_before_continuity_start = YesNo(
        "Started this job on or before key_dates.continuity_start."
    )
    still_working_on_continuity_end = YesNo(
        "Still in this job on key_dates.continuity_end."
    )
    earned_more_than_lower_earnings_limit = YesNo(
        "Earned more than the lower earnings limit a week on average between "
        "key_dates.lower_earnings_start and lower_earnings_end."
    )
    worked_at_least_26_weeks = YesNo(
        "Worked at least 26 weeks between key_dates.ma_test_start and ma_test_end."
    )
    earned_at_least_390 = YesNo("Earned £390 or more in any 13 of those weeks.")
    helps_unpaid_in_partners_business = fields.Boolean(
        load_default=None,
        allow_none=True,
        metadata={
            "description": "Birthing parent only: not employed or self-employed, and "
            "takes part without pay in the self-employed business of their husband, "
            "wife or civil partner (Maternity Allowance for 14 weeks). Leave it out "
            "if not asked."
        },
    )


class EntitlementCheckSchema(Schema):
    due_date = Day(required=True)
    location = fields.String(load_default="england", validate=one_of(LOCATIONS))
    birthing_parent = fields.Nested(
        ParentAnswersSchema, allow_none=True, load_default=None
    )
    partner = fields.Nested(ParentAnswersSchema, allow_none=True, load_default=None)


class EarningsSchema(Schema):
    average_weekly = Money(max_places=7, maximum=Decimal(1_000_000))
    total_in_relevant_period = Money(max_places=2, maximum=Decimal(13_000_000))
    pay_pattern = fields.String(validate=one_of(PAY_PATTERNS))
    number_of_payments = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=10, error="From 1 to 10.")
    )
    last_normal_payday = Day()
    payday_before_relevant_period = Day()

    @validates_schema
    def _one_form(self, data: dict[str, Any], **kwargs: Any) -> None:
        has_average = data.get("average_weekly") is not None
        if has_average == (data.get("total_in_relevant_period") is not None):
            raise ValidationError(
                "Give either average_weekly, or total_in_relevant_period with "
                "pay_pattern.",
                "average_weekly",
            )
        if not has_average and not data.get("pay_pattern"):
            raise ValidationError("Say how often you are paid.", "pay_pattern")


class PayScheduleSchema(Schema):
    method = fields.String(
        load_default="weekly_from_leave_start", validate=one_of(PAY_METHODS)
    )
    pay_date = Day()
    day_of_month = fields.Integer(
        strict=True, validate=validate.Range(min=1, max=31, error="From 1 to 31.")
    )
    weekday = fields.Integer(strict=True, validate=WEEKDAY)
    week_of_month = fields.String(validate=one_of(WEEKS_OF_MONTH))
    work_days = fields.List(
        fields.Integer(strict=True, validate=WEEKDAY),
        validate=validate.Length(min=1, max=7, error="Give 1 to 7 weekdays."),
    )


class LeaveCalculationSchema(Schema):
    leave_type = fields.String(
        required=True, validate=one_of(("maternity", "paternity"))
    )
    due_date = Day(required=True)
    date_of_birth = Day()
    leave_start = Day()
    location = fields.String(load_default="england", validate=one_of(LOCATIONS))
    employed_by_continuity_start = fields.Boolean(load_default=True)
    has_contract = fields.Boolean(load_default=True)
    on_payroll = fields.Boolean(load_default=True)
    still_employed_on_birth_date = fields.Boolean(load_default=True)
    paternity_leave_weeks = fields.Integer(
        strict=True,
        load_default=2,
        validate=validate.OneOf((1, 2), error="1 or 2 weeks."),
    )
    second_week_start = Day(
        metadata={
            "description": "paternity only: a second, separate week (from April 2024)"
        }
    )
    earnings = fields.Nested(EarningsSchema)
    pay_schedule = fields.Nested(PayScheduleSchema)

    @validates_schema
    def _paternity_only(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("second_week_start") and data.get("leave_type") != "paternity":
            raise ValidationError(
                "Only paternity leave is taken in separate weeks.", "second_week_start"
            )


class RatesQuerySchema(Schema):
    date = Day(metadata={"description": "the day; omit both for the whole table"})
    leave_start = Day(metadata={"description": "pay weeks start on this weekday"})

    @validates_schema
    def _date_with_leave_start(self, data: dict[str, Any], **kwargs: Any) -> None:
        if data.get("leave_start") and not data.get("date"):
            raise ValidationError("Give the date to look up.", "date")


# --- responses --------------------------------------------------------------------


class ReasonSchema(Schema):
    code = fields.String()
    message = fields.String()
    instead = fields.String(allow_none=True)


class RefusalSchema(ReasonSchema):
    entitlement = fields.String()


class HouseholdRefusalSchema(RefusalSchema):
    parent = fields.String(metadata={"description": "birthing_parent or partner"})


class GrantSchema(Schema):
    entitlement = fields.String()
    weeks = fields.Integer()
    starts_from = fields.Date(allow_none=True)
    notice_by = fields.Date(allow_none=True)
    claim_from = fields.Date(allow_none=True)
    take_by = fields.Date(allow_none=True)
    weekly_amount = Pounds(allow_none=True)
    total = Pounds(allow_none=True)
    is_day_one_right = fields.Boolean()
    weeks_must_be_consecutive = fields.Boolean(allow_none=True)


class LabelledDateSchema(Schema):
    key = fields.String(metadata={"description": "the name of the date in key_dates"})
    date = fields.Date()
    label = fields.String(
        metadata={"description": "what it is, in plain words, read before the date"}
    )
    rule = fields.String(metadata={"description": "the rule the date comes from"})
    source = fields.String(metadata={"description": "the GOV.UK page that says so"})


class NeededForSchema(Schema):
    parent = fields.String(metadata={"description": "birthing_parent or partner"})
    entitlement = fields.String()


class NeedsAnswerSchema(Schema):
    key = fields.String(
        metadata={
            "description": "the request field to send, e.g. partner.worked_at_"
            "least_26_weeks"
        }
    )
    parent = fields.String(metadata={"description": "whose answer it is"})
    question = fields.String(metadata={"description": "the question, dates included"})
    needed_for = fields.List(
        fields.Nested(NeededForSchema),
        metadata={"description": "what it decides (empty: the first question)"},
    )


class ParentOutcomeSchema(Schema):
    entitlements = fields.List(fields.String())
    grants = fields.List(fields.Nested(GrantSchema))
    reasons = fields.List(fields.Nested(RefusalSchema))


CHECK_DATES = (
    "qualifying_week_start", "qualifying_week_end", "continuity_start",
    "continuity_end", "lower_earnings_start", "lower_earnings_end",
    "earliest_leave_start",
    "maternity_notice_deadline", "ma_test_start", "ma_test_end", "ma_earliest_start",
    "ma_claim_from", "partner_due_date_notice", "paternity_notice_deadline",
    "paternity_take_by",
)  # fmt: skip
CheckKeyDatesSchema = Schema.from_dict(
    {name: fields.Date() for name in CHECK_DATES}, name="CheckKeyDatesSchema"
)


class FlatRateSpanSchema(Schema):
    rate_year = fields.String()
    starts_on = fields.Date()
    ends_on = fields.Date()
    flat_rate = Pounds()


class EntitlementCheckResultSchema(Schema):
    due_date = fields.Date()
    location = fields.String()
    key_dates = fields.Nested(CheckKeyDatesSchema)
    dates = fields.List(
        fields.Nested(LabelledDateSchema),
        metadata={"description": "every key date with its label, rule and source"},
    )
    needs_answer = fields.List(
        fields.Nested(NeedsAnswerSchema),
        metadata={
            "description": "answers the rules needed and did not get: what they "
            "decide is neither granted nor refused until they are answered"
        },
    )
    lower_earnings_limit = Pounds()
    flat_rates = fields.List(fields.Nested(FlatRateSpanSchema))
    entitlements = fields.List(fields.String())
    birthing_parent = fields.Nested(ParentOutcomeSchema, allow_none=True)
    partner = fields.Nested(ParentOutcomeSchema, allow_none=True)
    reasons = fields.List(fields.Nested(HouseholdRefusalSchema))


CALCULATION_DATES = (
    "expected_week_start", "expected_week_end", "qualifying_week_start",
    "qualifying_week_end", "employment_start_latest", "earliest_leave_start",
    "notice_deadline", "leave_start", "leave_end", "pay_start", "pay_end",
    "claim_pay_by",
)  # fmt: skip
CALCULATION_DATES_IF_ANY = (
    "pay_start_if_pregnancy_illness", "relevant_period_start", "relevant_period_end",
    "paternity_take_by", "ordinary_leave_end", "additional_leave_start",
    "ma_claim_from",
)  # fmt: skip
CalculationKeyDatesSchema = Schema.from_dict(
    {name: fields.Date() for name in CALCULATION_DATES}
    | {name: fields.Date(allow_none=True) for name in CALCULATION_DATES_IF_ANY},
    name="CalculationKeyDatesSchema",
)


class WeekSpanSchema(Schema):
    start = fields.Date()
    end = fields.Date()


class LeaveResultSchema(Schema):
    eligible = fields.Boolean()
    reasons = fields.List(fields.Nested(ReasonSchema))
    is_day_one_right = fields.Boolean()
    weeks_must_be_consecutive = fields.Boolean(allow_none=True)
    weeks = fields.List(fields.Nested(WeekSpanSchema))


class PaymentSchema(Schema):
    date = fields.Date()
    amount = Pounds()


class PayResultSchema(Schema):
    eligible = fields.Boolean(allow_none=True)
    reasons = fields.List(fields.Nested(ReasonSchema))
    payments = fields.List(fields.Nested(PaymentSchema))
    total = Pounds()
    earnings_related_rate = Pounds(
        allow_none=True, metadata={"description": "the 90% of earnings figure"}
    )
    uses_projected_rates = fields.Boolean()


class LeaveCalculationResultSchema(Schema):
    leave_type = fields.String()
    key_dates = fields.Nested(CalculationKeyDatesSchema)
    dates = fields.List(
        fields.Nested(LabelledDateSchema),
        metadata={"description": "every key date with its label, rule and source"},
    )
    average_weekly_earnings = Pounds(
        allow_none=True,
        metadata={"description": "pounds a week, to the penny, like every amount"},
    )
    average_weekly_earnings_exact = fields.Function(
        lambda result: AwePounds()._serialize(
            result["average_weekly_earnings"], "average_weekly_earnings", result
        ),
        allow_none=True,
        metadata={
            "description": "the same to 7 decimal places, as GOV.UK's calculator "
            "shows it (the 90% rate is worked out from this)"
        },
    )
    lower_earnings_limit = Pounds()
    leave = fields.Nested(LeaveResultSchema)
    pay = fields.Nested(PayResultSchema)


class RateYearSchema(Schema):
    rate_year = fields.String()
    flat_rate_from = fields.Date()
    flat_rate = Pounds()
    lower_earnings_limit = Pounds()
    tax_year_start = fields.Date()
    maternity_allowance_lower_rate = Pounds(allow_none=True)


class RatesSchema(Schema):
    date = fields.Date()
    leave_start = fields.Date(allow_none=True)
    rate_year = fields.String()
    flat_rate = Pounds()
    lower_earnings_limit = Pounds()
    is_projected = fields.Boolean()
    rate_years = fields.List(fields.Nested(RateYearSchema))


# --- views ------------------------------------------------------------------------


def _wants_calendar() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/calendar"])
    return best == "text/calendar"


@blp.route("/check", methods=["POST"])
@blp.arguments(EntitlementCheckSchema)
@blp.response(200, EntitlementCheckResultSchema)
@blp.alt_response(422, description="invalid fields")
def check_entitlements(data: dict[str, Any]) -> dict[str, Any]:
    """What leave, pay and allowances each parent can get, with reasons and key dates"""
    return entitlements.household_check(data)


@blp.route("/calculate", methods=["POST"])
@blp.arguments(LeaveCalculationSchema)
@blp.response(200, LeaveCalculationResultSchema)
@blp.alt_response(422, description="invalid fields, or inputs the rules refuse")
def calculate_leave(data: dict[str, Any]) -> Any:
    """One parent's leave and pay: key dates, eligibility with reasons, each payment
    ---
    Send `Accept: text/calendar` to get the deadlines as an iCalendar file instead.
    """
    calculation = entitlements.calculate_leave_pay(data)
    if not _wants_calendar():
        return entitlements.describe_calculation(calculation)
    scope = (
        f"calculate:{data['leave_type']}:{data['due_date']}:{data.get('leave_start')}"
    )
    body = entitlements.leave_dates_calendar(
        entitlements.leave_deadlines(calculation), scope=scope, now=now_utc()
    )
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="leave-dates.ics"'
    return response


@blp.route("/rates")
@blp.arguments(RatesQuerySchema, location="query")
@blp.response(200, RatesSchema)
@blp.alt_response(422, description="invalid date")
def statutory_rates(args: dict[str, Any]) -> dict[str, Any]:
    """The statutory flat rate and lower earnings limit on a date, or the whole table"""
    if args.get("date") is None:
        return {"rate_years": entitlements.rates_table()}
    return entitlements.rates_on(args["date"], args.get("leave_start"))
