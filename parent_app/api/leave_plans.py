"""My saved leave plan for a baby, and my leave-and-pay deadlines as a calendar.

Each adult saves their own plan per baby (a partner's plan is theirs alone); the due
date and the birth always come from the baby, so the result follows the baby's dates.
"""

from __future__ import annotations

from typing import Any

from flask import Response
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, pre_load

from parent_app import entitlements
from parent_app.api.common import (
    Blueprint,
    IsoDateTime,
    calendar_response,
    current_user,
    now_utc,
    parent_required,
)
from parent_app.api.entitlements import (
    LeaveCalculationResultSchema,
    LeaveCalculationSchema,
)
from parent_app.entitlements import plans
from parent_app.extensions import db

blp = Blueprint(
    "leave_plans",
    __name__,
    url_prefix="/babies",
    description="My saved leave plan and leave-and-pay deadlines for a baby",
)

STAFF_REFUSED = "a staff account: parent routes are for parents"
CALENDAR = calendar_response("an iCalendar file, one all-day event per deadline")
FROM_THE_BABY = {
    "due_date": "The due date comes from the baby: change it on the baby.",
    "date_of_birth": "The birth comes from the baby: record the birth on the baby.",
}


class LeavePlanInputSchema(LeaveCalculationSchema):
    """The body of POST /entitlements/calculate without the baby's dates."""

    class Meta:
        exclude = ("due_date", "date_of_birth")

    @pre_load
    def _dates_from_the_baby(self, data: Any, **kwargs: Any) -> Any:
        if isinstance(data, dict):
            sent = {
                name: [message]
                for name, message in FROM_THE_BABY.items()
                if name in data
            }
            if sent:
                raise ValidationError(sent)
        return data


class LeavePlanSchema(Schema):
    baby_id = fields.Integer()
    inputs = fields.Dict(
        metadata={
            "description": "the LeavePlanInput as saved, defaults filled in "
            "(dates ISO, money as strings)"
        }
    )
    result = fields.Nested(
        LeaveCalculationResultSchema,
        metadata={
            "description": "what POST /entitlements/calculate answers for these inputs "
            "and the baby's due date and birth as they are now"
        },
    )
    saved_at = IsoDateTime()
    ignored_inputs = fields.List(
        fields.String(),
        metadata={
            "description": "chosen leave dates (leave_start, second_week_start) the "
            "baby's dates have since ruled out (e.g. maternity leave starts the day "
            "after an earlier birth); the rules' defaults are used until saved again"
        },
    )


def _plan(view: plans.LeavePlanView) -> dict[str, Any]:
    return {
        "baby_id": view.plan.baby_id,
        "inputs": view.plan.inputs,
        "result": entitlements.describe_calculation(view.calculation),
        "saved_at": view.plan.saved_at,
        "ignored_inputs": view.ignored_inputs,
    }


@blp.route("/<int:baby_id>/leave-plan")
class LeavePlanForBaby(MethodView):
    @parent_required
    @blp.response(200, LeavePlanSchema)
    @blp.alt_response(403, description=STAFF_REFUSED)
    @blp.alt_response(404, description="not in your family, or no plan saved")
    @blp.alt_response(
        409,
        description="a loss was recorded (baby_lost); the saved plan no longer fits "
        "the baby's dates (leave_plan_out_of_date) or the rules do not cover them "
        "(baby_dates_not_covered)",
    )
    def get(self, baby_id):  # type: ignore[no-untyped-def]
        """My saved leave plan, worked out again for the baby's dates now"""
        return _plan(plans.get_leave_plan(current_user(), baby_id))

    @parent_required
    @blp.arguments(LeavePlanInputSchema)
    @blp.response(200, LeavePlanSchema)
    @blp.alt_response(403, description=STAFF_REFUSED)
    @blp.alt_response(404, description="not in your family")
    @blp.alt_response(
        409,
        description="a loss was recorded (baby_lost), or the rules do not "
        "cover the baby's dates (baby_dates_not_covered)",
    )
    @blp.alt_response(422, description="invalid fields, or inputs the rules refuse")
    def put(self, data, baby_id):  # type: ignore[no-untyped-def]
        """Save my leave plan for this baby (replacing mine), with reminders
        ---
        The body is POST /entitlements/calculate's without due_date and date_of_birth,
        which come from the baby. Each deadline still ahead becomes a reminder two weeks
        before it (saving again replaces them). Nothing is stored on an error.
        """
        view = plans.save_leave_plan(current_user(), baby_id, data, now=now_utc())
        db.session.commit()
        return _plan(view)

    @parent_required
    @blp.response(204)
    @blp.alt_response(403, description=STAFF_REFUSED)
    @blp.alt_response(404, description="not in your family, or no plan saved")
    def delete(self, baby_id):  # type: ignore[no-untyped-def]
        """Delete my leave plan for this baby and cancel its reminders"""
        plans.delete_leave_plan(current_user(), baby_id)
        db.session.commit()
        return ""


@blp.route("/<int:baby_id>/leave-dates.ics")
@parent_required
@blp.response(200, content_type="text/calendar")
@blp.doc(responses={"200": CALENDAR})
@blp.alt_response(403, description=STAFF_REFUSED)
@blp.alt_response(404, description="not in your family")
@blp.alt_response(
    409,
    description="a loss was recorded (baby_lost); the saved plan no longer fits the "
    "baby's dates (leave_plan_out_of_date) or the rules do not cover them "
    "(baby_dates_not_covered)",
)
def leave_dates_calendar(baby_id):  # type: ignore[no-untyped-def]
    """My leave-and-pay deadlines for this baby as an iCalendar file
    ---
    From my saved plan, or without one from the dates alone: maternity leave for a
    birthing parent, paternity leave for a partner.
    """
    body = plans.leave_dates_file(current_user(), baby_id, now=now_utc())
    response = Response(body, mimetype="text/calendar")
    response.headers["Content-Disposition"] = 'attachment; filename="leave-dates.ics"'
    return response
