"""Locations: the published family hubs and venues courses are held at (public)."""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from parent_app.api.common import Blueprint
from parent_app.courses import locations
from parent_app.extensions import db

blp = Blueprint(
    "locations",
    __name__,
    description="Family hubs and venues: address, opening times, access, source",
)


class VenueSchema(Schema):
    slug = fields.String()
    name = fields.String()
    description = fields.String(allow_none=True)
    address_lines = fields.List(fields.String())
    town = fields.String()
    postcode = fields.String()
    address = fields.String(metadata={"description": "street lines and town, one line"})
    opening_times = fields.String()
    phone = fields.String(allow_none=True)
    accessibility = fields.String(allow_none=True)
    area = fields.String(attribute="area_id")
    source_name = fields.String()
    source_url = fields.String()
    review_by = fields.Date()


class LocationQuerySchema(Schema):
    area = fields.String(validate=validate.Length(min=1, max=64))


@blp.route("/locations")
@blp.etag
@blp.arguments(LocationQuerySchema, location="query")
@blp.response(200, VenueSchema(many=True))
@blp.alt_response(304, description="not modified (If-None-Match)")
def list_locations(args):  # type: ignore[no-untyped-def]
    """Published locations, by name (optionally of one area)"""
    return db.session.scalars(locations.list_locations(area=args.get("area"))).all()


@blp.route("/locations/<string:slug>")
@blp.etag
@blp.response(200, VenueSchema)
@blp.alt_response(304, description="not modified (If-None-Match)")
@blp.alt_response(404, description="no published location with this slug")
def get_location(slug):  # type: ignore[no-untyped-def]
    """One published location"""
    return locations.get_location(slug)
