"""A family's babies and pregnancies: add, change, record a birth or a loss."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from parent_app.api.common import (
    Blueprint,
    IsoDateTime,
    current_user,
    now_utc,
    parent_required,
    parent_today,
)
from parent_app.domain.pregnancy import MAX_GESTATION_WEEKS, MIN_GESTATION_WEEKS
from parent_app.extensions import db
from parent_app.families import babies

blp = Blueprint(
    "babies", __name__, url_prefix="/babies", description="Babies and pregnancies"
)

GESTATION = validate.Range(
    min=MIN_GESTATION_WEEKS,
    max=MAX_GESTATION_WEEKS,
    error=(
        f"Weeks of pregnancy at birth must be from {MIN_GESTATION_WEEKS} "
        f"to {MAX_GESTATION_WEEKS}."
    ),
)
NAME = validate.Length(min=1, max=60)
STAFF_REFUSED = "a staff account: parent routes are for parents"
GESTATION_DAYS = validate.Range(
    min=0, max=6, error="Extra days of gestation must be 0 to 6."
)


class BabySchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)
    status = fields.String(metadata={"description": "expected, born or lost"})
    due_date = fields.Date(attribute="due_on", allow_none=True)
    date_of_birth = fields.Date(attribute="born_on", allow_none=True)
    gestation_weeks = fields.Integer(allow_none=True)
    gestation_days = fields.Integer(allow_none=True)
    corrected_age_from = fields.Method("_corrected_from", allow_none=True)
    lost_on = fields.Date(allow_none=True)
    gestation_from = fields.Function(
        lambda baby: getattr(baby, "gestation_source", None),
        metadata={
            "description": "in the answer that set the birth details: where the weeks "
            "at birth came from (given, due_date, or default when there is neither); "
            "null otherwise",
            "enum": ["given", "due_date", "default", None],
        },
    )
    created_at = IsoDateTime()
    updated_at = IsoDateTime()

    def _corrected_from(self, baby):  # type: ignore[no-untyped-def]
        from parent_app.domain.daynum import from_day

        if (
            baby.corrected_birth_day is None
            or baby.corrected_birth_day == baby.birth_day
        ):
            return None
        return from_day(baby.corrected_birth_day).isoformat()


class BabyCreateSchema(Schema):
    name = fields.String(validate=NAME, allow_none=True)
    due_date = fields.Date()
    date_of_birth = fields.Date()
    gestation_weeks = fields.Integer(strict=True, validate=GESTATION)
    gestation_days = fields.Integer(strict=True, validate=GESTATION_DAYS)

    @validates_schema
    def _one_anchor(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if not data.get("due_date") and not data.get("date_of_birth"):
            raise ValidationError(
                "Give a due_date for a pregnancy or a date_of_birth for a baby.",
                "due_date",
            )
        if not data.get("date_of_birth"):
            for name in ("gestation_weeks", "gestation_days"):
                if name in data:
                    raise ValidationError(
                        "Only a born baby has a gestation at birth.", name
                    )


class BabyUpdateSchema(Schema):
    name = fields.String(validate=NAME, allow_none=True)
    due_date = fields.Date()
    date_of_birth = fields.Date()
    gestation_weeks = fields.Integer(strict=True, validate=GESTATION)
    gestation_days = fields.Integer(strict=True, validate=GESTATION_DAYS)

    @validates_schema
    def _not_empty(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if not data:
            raise ValidationError("Send at least one field to change.", "_schema")


class BirthSchema(Schema):
    date_of_birth = fields.Date(required=True)
    gestation_weeks = fields.Integer(
        strict=True,
        load_default=None,
        validate=GESTATION,
        metadata={
            "description": "default: worked out from the due date; given, it must "
            "agree with the due date within a week"
        },
    )
    gestation_days = fields.Integer(
        strict=True, load_default=None, validate=GESTATION_DAYS
    )


class LossSchema(Schema):
    date = fields.Date(load_default=None, metadata={"description": "default: today"})


@blp.route("")
class Babies(MethodView):
    @parent_required
    @blp.response(200, BabySchema(many=True))
    @blp.alt_response(403, description=STAFF_REFUSED)
    def get(self):  # type: ignore[no-untyped-def]
        """The babies and pregnancies in my family"""
        return db.session.scalars(babies.list_babies(current_user())).all()

    @parent_required
    @blp.arguments(BabyCreateSchema)
    @blp.response(201, BabySchema)
    @blp.alt_response(403, description=STAFF_REFUSED)
    @blp.alt_response(422, description="invalid dates")
    def post(self, data):  # type: ignore[no-untyped-def]
        """Add a pregnancy (due_date) or a born baby (date_of_birth, gestation_weeks)"""
        baby = babies.add_baby(
            current_user(), data, today=parent_today(), now=now_utc()
        )
        db.session.commit()
        return baby


@blp.route("/<int:baby_id>")
class BabyById(MethodView):
    @parent_required
    @blp.response(200, BabySchema)
    @blp.alt_response(403, description=STAFF_REFUSED)
    @blp.alt_response(404, description="not in your family")
    def get(self, baby_id):  # type: ignore[no-untyped-def]
        """One baby or pregnancy"""
        return babies.get_baby_for(current_user(), baby_id)

    @parent_required
    @blp.arguments(BabyUpdateSchema)
    @blp.response(200, BabySchema)
    @blp.alt_response(403, description=STAFF_REFUSED)
    @blp.alt_response(404, description="not in your family")
    @blp.alt_response(409, description="a loss was recorded")
    @blp.alt_response(422, description="invalid dates")
    def patch(self, changes, baby_id):  # type: ignore[no-untyped-def]
        """Rename, move the due date or correct birth details"""
        baby = babies.update_baby(
            current_user(), baby_id, changes, today=parent_today(), now=now_utc()
        )
        db.session.commit()
        return baby

    @parent_required
    @blp.response(204)
    @blp.alt_response(403, description=STAFF_REFUSED)
    @blp.alt_response(404, description="not in your family")
    def delete(self, baby_id):  # type: ignore[no-untyped-def]
        """Remove a baby added by mistake"""
        babies.delete_baby(current_user(), baby_id, today=parent_today(), now=now_utc())
        db.session.commit()
        return ""


@blp.route("/<int:baby_id>/birth", methods=["POST"])
@parent_required
@blp.arguments(BirthSchema)
@blp.response(200, BabySchema)
@blp.alt_response(403, description=STAFF_REFUSED)
@blp.alt_response(404, description="not in your family")
@blp.alt_response(409, description="already born or lost")
@blp.alt_response(422, description="invalid dates")
def record_birth(data, baby_id):  # type: ignore[no-untyped-def]
    """Record the birth of a pregnancy (the same id carries on)"""
    baby = babies.record_birth(
        current_user(),
        baby_id,
        born_on=data["date_of_birth"],
        gestation_weeks=data["gestation_weeks"],
        gestation_days=data["gestation_days"],
        today=parent_today(),
        now=now_utc(),
    )
    db.session.commit()
    return baby


@blp.route("/<int:baby_id>/loss", methods=["POST"])
@parent_required
@blp.arguments(LossSchema)
@blp.response(200, BabySchema)
@blp.alt_response(403, description=STAFF_REFUSED)
@blp.alt_response(404, description="not in your family")
@blp.alt_response(409, description="already recorded")
def record_loss(data, baby_id):  # type: ignore[no-untyped-def]
    """
    Record a loss: every reminder for this baby stops and the feed turns to support
    """
    today = parent_today()
    baby = babies.record_loss(
        current_user(),
        baby_id,
        lost_on=data["date"] or today,
        today=today,
        now=now_utc(),
    )
    db.session.commit()
    return baby
