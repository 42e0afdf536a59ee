"""Anonymous uptake figures for staff and commissioners, with disclosure control."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from flask import Response, request
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from parent_app.api.common import Blueprint, auth_required, current_user
from parent_app.domain.disclosure import ROUND_TO, SUPPRESS_UP_TO
from parent_app.milestones.figures import read_figures, visible_areas

blp = Blueprint(
    "staff_figures",
    __name__,
    url_prefix="/staff/figures",
    description="Staff: anonymous milestone figures",
)

MONTH = validate.Regexp(r"^\d{4}-(0[1-9]|1[0-2])$", error="Use a month as YYYY-MM.")
RULE = (
    f"Counts from 1 to {SUPPRESS_UP_TO} are suppressed (null); others are rounded to "
    f"the nearest {ROUND_TO}. Figures are per area and calendar month only."
)
CSV_COLUMNS = ["area", "month", "milestone", "measure", "role", "count", "suppressed"]


class FiguresQuerySchema(Schema):
    area = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        load_default=list,
        metadata={"description": "repeat for several; default: every area you may see"},
    )
    milestone = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)), load_default=list
    )
    from_month = fields.String(
        data_key="from",
        validate=MONTH,
        load_default=None,
        metadata={"example": "2026-01"},
    )
    to_month = fields.String(
        data_key="to",
        validate=MONTH,
        load_default=None,
        metadata={"example": "2026-12"},
    )
    format = fields.String(
        load_default="json", validate=validate.OneOf(["json", "csv"])
    )

    @validates_schema
    def _order(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if (
            data["from_month"]
            and data["to_month"]
            and data["from_month"] > data["to_month"]
        ):
            raise ValidationError("from must not be after to.", "from")


class FigureRowSchema(Schema):
    area = fields.String()
    month = fields.String()
    milestone = fields.String()
    measure = fields.String(
        metadata={"description": "windows_opened, booked, done or not_for_us"}
    )
    role = fields.String(metadata={"description": "birthing_parent, partner or all"})
    count = fields.Integer(
        allow_none=True, metadata={"description": "null: suppressed"}
    )
    suppressed = fields.Boolean()


class FiguresSchema(Schema):
    areas = fields.List(fields.String())
    disclosure = fields.String()
    rows = fields.List(fields.Nested(FigureRowSchema))


@blp.route("", methods=["GET"])
@auth_required("editor", "admin")
@blp.arguments(FiguresQuerySchema, location="query")
@blp.response(
    200,
    FiguresSchema,
    content_type="application/json",
)
@blp.alt_response(403, description="an author, or an area that is not yours")
@blp.alt_response(
    200,
    success=True,
    description="the same rows as CSV (Accept: text/csv or format=csv)",
    content_type="text/csv",
)
def figures(args):  # type: ignore[no-untyped-def]
    """Milestone figures per area and month: windows opened and marks by status and
    role, with disclosure control"""
    areas = visible_areas(current_user(), args["area"])
    this_month = datetime.now(UTC).strftime("%Y-%m")
    rows = read_figures(
        areas=areas,
        first_month=args["from_month"] or "0000-01",
        last_month=args["to_month"] or this_month,
        milestones=args["milestone"],
    )
    wants_csv = args["format"] == "csv" or (
        request.accept_mimetypes.best_match(["application/json", "text/csv"])
        == "text/csv"
    )
    if wants_csv:
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(
                [
                    row.area,
                    row.month,
                    row.milestone,
                    row.measure,
                    row.role,
                    "" if row.count is None else row.count,
                    "yes" if row.suppressed else "no",
                ]
            )
        return Response(out.getvalue(), mimetype="text/csv")
    return {"areas": areas, "disclosure": RULE, "rows": rows}
