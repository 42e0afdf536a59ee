"""The finance and skills review: the questions, my plan, and ticking actions off."""

from __future__ import annotations

from flask import g
from flask.views import MethodView
from marshmallow import Schema, fields, validate

from parent_app.api.common import (
    MAX_ID,
    Blueprint,
    IsoDateTime,
    current_user,
    now_utc,
    parent_required,
    parent_today,
)
from parent_app.domain.safeguarding import domestic_abuse_signpost
from parent_app.extensions import db
from parent_app.finance import review as reviews

blp = Blueprint(
    "finance",
    __name__,
    url_prefix="/finance-review",
    description="Money and skills check",
)


def _signpost(_: object) -> dict[str, object]:
    """With the reader's local service when they are signed in (their family's area)."""
    user = g.get("current_user")
    household = user.household if user is not None else None
    area = household.area_id if household is not None else None
    return domestic_abuse_signpost(area or (user.area_id if user else None))


class QuestionnaireSchema(Schema):
    version = fields.Integer()
    title = fields.String()
    intro = fields.String()
    questions = fields.List(fields.Dict())
    safeguarding = fields.Function(
        _signpost,
        metadata={"description": "domestic abuse helplines, shown with the check"},
    )


class ReviewCreateSchema(Schema):
    version = fields.Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        metadata={
            "description": "the questionnaire version answered; refused if not current"
        },
    )
    answers = fields.Dict(
        required=True, metadata={"description": "question id -> answer"}
    )
    baby_id = fields.Integer(
        load_default=None,
        allow_none=True,
        strict=True,
        validate=validate.Range(1, MAX_ID),
        metadata={"description": "one of my babies; default: the newest not lost"},
    )


class WhereSchema(Schema):
    name = fields.String(attribute="where_name")
    url = fields.String(attribute="where_url", allow_none=True)


class ActionSchema(Schema):
    id = fields.Integer()
    key = fields.String()
    title = fields.String()
    why = fields.String()
    for_whom = fields.String(
        metadata={"description": "birthing_parent, partner or both"}
    )
    status = fields.Function(
        lambda action: action.status_on(parent_today()),
        metadata={
            "description": "open, not_yet, missed or done: worked out from the dates "
            "and the done mark on the day it is read",
            "enum": ["open", "not_yet", "missed", "done"],
        },
    )
    priority = fields.Integer()
    milestone = fields.String(
        allow_none=True,
        metadata={
            "description": "the milestone this action serves (GET "
            "/babies/{id}/milestones); marking it done ticks the action off"
        },
    )
    timing_note = fields.String()
    worth_pence = fields.Integer(allow_none=True)
    worth_period = fields.String(allow_none=True)
    worth_note = fields.String(allow_none=True)
    tax_year = fields.String(allow_none=True)
    opens_on = fields.Date(allow_none=True)
    deadline_on = fields.Date(allow_none=True)
    notice_on = fields.Date(allow_none=True)
    is_deadline_estimated = fields.Boolean()
    where = fields.Function(lambda a: WhereSchema().dump(a))
    instead = fields.String(allow_none=True)
    done_at = IsoDateTime(allow_none=True)
    is_shared = fields.Boolean(
        metadata={"description": "shared with the other adults of my family"}
    )
    shared_by = fields.Function(
        lambda a: a.review.submitted_by_id,
        metadata={"description": "the adult whose plan this action is in"},
    )


class ShareSchema(Schema):
    shared = fields.Boolean(required=True)


class SharedPlanSchema(Schema):
    actions = fields.List(fields.Nested(ActionSchema), required=True)


class ReviewSchema(Schema):
    id = fields.Integer()
    questionnaire_version = fields.Integer()
    baby_id = fields.Integer(allow_none=True)
    answers = fields.Dict()
    created_at = IsoDateTime()
    actions = fields.List(fields.Nested(ActionSchema))
    safeguarding = fields.Function(
        _signpost,
        metadata={"description": "domestic abuse helplines, shown with every plan"},
    )


@blp.route("/questions")
@blp.etag
@blp.response(200, QuestionnaireSchema)
def questions():  # type: ignore[no-untyped-def]
    """The questionnaire (versioned)"""
    return reviews.load_questionnaire()


@blp.route("", methods=["POST"])
@parent_required
@blp.arguments(ReviewCreateSchema)
@blp.response(201, ReviewSchema)
@blp.alt_response(404, description="not your baby")
@blp.alt_response(409, description="a loss is recorded for this baby")
@blp.alt_response(
    422, description="answers do not fit the questionnaire (or its version)"
)
def submit(data):  # type: ignore[no-untyped-def]
    """Answer the questions and get a personal action plan"""
    review = reviews.submit_review(
        current_user(),
        answers=data["answers"],
        version=data["version"],
        baby_id=data["baby_id"],
        today=parent_today(),
        now=now_utc(),
    )
    db.session.commit()
    return review


@blp.route("", methods=["GET"])
@parent_required
@blp.response(200, ReviewSchema)
@blp.alt_response(404, description="no review yet")
def latest():  # type: ignore[no-untyped-def]
    """My latest review and its plan (never another adult's: answers are private)"""
    return reviews.latest_review(current_user())


@blp.route("/actions/<int:action_id>/done")
class ActionDone(MethodView):
    @parent_required
    @blp.response(200, ActionSchema)
    @blp.alt_response(404, description="not in your plan")
    def post(self, action_id):  # type: ignore[no-untyped-def]
        """Tick an action off (its reminder stops for everyone)"""
        action = reviews.mark_action_done(current_user(), action_id, now=now_utc())
        db.session.commit()
        return action

    @parent_required
    @blp.response(200, ActionSchema)
    @blp.alt_response(404, description="not in your plan")
    def delete(self, action_id):  # type: ignore[no-untyped-def]
        """Untick an action ticked off by mistake (its reminder comes back)"""
        action = reviews.undo_action_done(
            current_user(), action_id, today=parent_today(), now=now_utc()
        )
        db.session.commit()
        return action


@blp.route("/household", methods=["GET"])
@parent_required
@blp.response(200, SharedPlanSchema)
def household_plan():  # type: ignore[no-untyped-def]
    """The household plan: the actions each adult of my family chose to share"""
    return {"actions": reviews.shared_plan(current_user())}


@blp.route("/actions/<int:action_id>/share", methods=["POST"])
@parent_required
@blp.arguments(ShareSchema)
@blp.response(200, ActionSchema)
@blp.alt_response(404, description="not in my own plan")
def share(data, action_id):  # type: ignore[no-untyped-def]
    """Share an action of my plan with my family, or stop sharing it"""
    action = reviews.share_action(
        current_user(),
        action_id,
        is_shared=data["shared"],
        today=parent_today(),
        now=now_utc(),
    )
    db.session.commit()
    return action


@blp.route("/actions/<int:action_id>/done", methods=["POST"])
@parent_required
@blp.response(200, ActionSchema)
@blp.alt_response(404, description="not in your plan")
def done(action_id):  # type: ignore[no-untyped-def]
    """Tick an action off (its reminder stops)"""
    action = reviews.mark_action_done(current_user(), action_id, now=now_utc())
    db.session.commit()
    return action
