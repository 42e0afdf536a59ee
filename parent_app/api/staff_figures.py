"""Anonymous uptake figures for staff and commissioners, with disclosure control."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from typing import Any

from flask import Response, request
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from parent_app.api.common import Blueprint, auth_required, current_user
from parent_app.domain.disclosure import ROUND_TO, SUPPRESS_UP_TO
from parent_app.milestones.equity import CUTS, read_cuts
from parent_app.milestones.figures import read_figures, visible_areas
from parent_app.milestones.partner_share import read_partner_shares
from parent_app.nudges.reach import read_reach

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


class MonthsQuerySchema(Schema):
    """Areas and a range of months: what every figures query asks."""

    area = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        load_default=list,
        metadata={"description": "repeat for several; default: every area you may see"},
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


class FiguresQuerySchema(MonthsQuerySchema):
    milestone = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)), load_default=list
    )


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
    if _wants_csv(args):
        return _csv(CSV_COLUMNS, rows)
    return {"areas": areas, "disclosure": RULE, "rows": rows}


def _wants_csv(args: dict[str, Any]) -> bool:
    return bool(
        args["format"] == "csv"
        or request.accept_mimetypes.best_match(["application/json", "text/csv"])
        == "text/csv"
    )


def _csv(columns: list[str], rows: list[Any]) -> Response:
    """The rows as CSV, one column per attribute named; suppressed counts empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        values = []
        for column in columns:
            value = getattr(row, column)
            if value is None:
                value = ""
            elif column == "suppressed":
                value = "yes" if value else "no"
            values.append(value)
        writer.writerow(values)
    return Response(out.getvalue(), mimetype="text/csv")


class ReachQuerySchema(MonthsQuerySchema):
    rule = fields.List(
        fields.Integer(validate=validate.Range(min=1, max=2**31 - 1)),
        load_default=list,
        metadata={"description": "a nudge rule's id; repeat for several"},
    )


class ReachRowSchema(Schema):
    area = fields.String()
    month = fields.String(metadata={"description": "the month the nudges fell due"})
    rule_id = fields.Integer()
    rule = fields.String(metadata={"description": "the rule's title"})
    measure = fields.String(
        metadata={"description": "planned, in_inbox, pushed, read or acted"}
    )
    count = fields.Integer(
        allow_none=True, metadata={"description": "null: suppressed"}
    )
    suppressed = fields.Boolean()


class ReachSchema(Schema):
    areas = fields.List(fields.String())
    disclosure = fields.String()
    rows = fields.List(fields.Nested(ReachRowSchema))


REACH_CSV_COLUMNS = [
    "area",
    "month",
    "rule_id",
    "rule",
    "measure",
    "count",
    "suppressed",
]


@blp.route("/reach", methods=["GET"])
@auth_required("editor", "admin")
@blp.arguments(ReachQuerySchema, location="query")
@blp.response(200, ReachSchema, content_type="application/json")
@blp.alt_response(403, description="an author, or an area that is not yours")
@blp.alt_response(
    200,
    success=True,
    description="the same rows as CSV (Accept: text/csv or format=csv)",
    content_type="text/csv",
)
def reach(args):  # type: ignore[no-untyped-def]
    """Reach of nudge rules per area and month due: planned, in inboxes, pushed, read
    and acted on, with disclosure control"""
    areas = visible_areas(current_user(), args["area"])
    rows = read_reach(
        areas=areas,
        first_month=args["from_month"] or "0000-01",
        last_month=args["to_month"] or datetime.now(UTC).strftime("%Y-%m"),
        rule_ids=args["rule"],
    )
    if _wants_csv(args):
        return _csv(REACH_CSV_COLUMNS, rows)
    return {"areas": areas, "disclosure": RULE, "rows": rows}


class EquityQuerySchema(FiguresQuerySchema):
    by = fields.String(
        required=True,
        validate=validate.OneOf(CUTS),
        metadata={"description": "language, or partner (joined / not_joined)"},
    )


class CutRowSchema(Schema):
    area = fields.String()
    month = fields.String()
    milestone = fields.String()
    measure = fields.String(
        metadata={"description": "windows_opened, booked, done or not_for_us"}
    )
    by = fields.String(metadata={"description": "language or partner"})
    group = fields.String(
        metadata={"description": "a language code, or joined / not_joined"}
    )
    count = fields.Integer(
        allow_none=True, metadata={"description": "null: suppressed"}
    )
    suppressed = fields.Boolean()


class EquitySchema(Schema):
    areas = fields.List(fields.String())
    disclosure = fields.String()
    rows = fields.List(fields.Nested(CutRowSchema))


EQUITY_CSV_COLUMNS = [
    "area",
    "month",
    "milestone",
    "measure",
    "by",
    "group",
    "count",
    "suppressed",
]


@blp.route("/equity", methods=["GET"])
@auth_required("editor", "admin")
@blp.arguments(EquityQuerySchema, location="query")
@blp.response(200, EquitySchema, content_type="application/json")
@blp.alt_response(403, description="an author, or an area that is not yours")
@blp.alt_response(
    200,
    success=True,
    description="the same rows as CSV (Accept: text/csv or format=csv)",
    content_type="text/csv",
)
def equity(args):  # type: ignore[no-untyped-def]
    """Milestone figures by the parent's chosen language, or by whether a partner has
    joined the household, with disclosure control"""
    areas = visible_areas(current_user(), args["area"])
    rows = read_cuts(
        areas=areas,
        first_month=args["from_month"] or "0000-01",
        last_month=args["to_month"] or datetime.now(UTC).strftime("%Y-%m"),
        milestones=args["milestone"],
        by=args["by"],
    )
    if _wants_csv(args):
        return _csv(EQUITY_CSV_COLUMNS, rows)
    return {"areas": areas, "disclosure": RULE, "rows": rows}


class ShareRowSchema(Schema):
    area = fields.String()
    month = fields.String()
    milestone = fields.String(
        allow_none=True, metadata={"description": "null for the households share"}
    )
    measure = fields.String(
        metadata={
            "description": "partner_share_of_marks (of a milestone's marks, those "
            "partners made) or households_with_partner (of the households with a "
            "baby as the month began, those a partner has joined)"
        }
    )
    part = fields.Integer(allow_none=True)
    whole = fields.Integer(allow_none=True)
    percent = fields.Integer(
        allow_none=True, metadata={"description": "null: suppressed, or no whole"}
    )
    suppressed = fields.Boolean()


class SharesSchema(Schema):
    areas = fields.List(fields.String())
    disclosure = fields.String()
    rows = fields.List(fields.Nested(ShareRowSchema))


SHARE_CSV_COLUMNS = [
    "area",
    "month",
    "milestone",
    "measure",
    "part",
    "whole",
    "percent",
    "suppressed",
]


@blp.route("/partners", methods=["GET"])
@auth_required("editor", "admin")
@blp.arguments(FiguresQuerySchema, location="query")
@blp.response(200, SharesSchema, content_type="application/json")
@blp.alt_response(403, description="an author, or an area that is not yours")
@blp.alt_response(
    200,
    success=True,
    description="the same rows as CSV (Accept: text/csv or format=csv)",
    content_type="text/csv",
)
def partners(args):  # type: ignore[no-untyped-def]
    """Partner shares per area and month: of each milestone's marks, and of the
    households, worked out from the disclosed counts"""
    areas = visible_areas(current_user(), args["area"])
    rows = read_partner_shares(
        areas=areas,
        first_month=args["from_month"] or "0000-01",
        last_month=args["to_month"] or datetime.now(UTC).strftime("%Y-%m"),
        milestones=args["milestone"],
    )
    if _wants_csv(args):
        return _csv(SHARE_CSV_COLUMNS, rows)
    return {"areas": areas, "disclosure": RULE, "rows": rows}
