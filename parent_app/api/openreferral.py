"""Open Referral UK (HSDS 3.0 UK profile): published courses as services.

For family hubs directories: public, and open to any origin as the standard asks."""

from __future__ import annotations

from typing import Any

from flask import Response, url_for
from marshmallow import Schema, fields, validate

from parent_app.api.common import Blueprint, now_utc
from parent_app.courses import openreferral

blp = Blueprint(
    "openreferral",
    __name__,
    url_prefix="/openreferral",
    description="Open Referral UK: courses as HSDS 3.0 UK-profile services",
)


class ServicesQuerySchema(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(1, 100_000))
    per_page = fields.Integer(load_default=50, validate=validate.Range(1, 100))


def _course_url(course):  # type: ignore[no-untyped-def]
    return url_for("courses.get_course", course_id=course.id, _external=True)


def _location_url(location):  # type: ignore[no-untyped-def]
    return url_for("locations.get_location", slug=location.slug, _external=True)


@blp.after_request
def _open_to_any_origin(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


def oruk_response(description: str) -> dict[str, Any]:
    """ORUK's own JSON schema describes these bodies; we do not restate it here."""
    return {
        "description": description,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "externalDocs": {"url": "https://openreferraluk.org/"},
                }
            }
        },
    }


@blp.route("/services")
@blp.etag
@blp.arguments(ServicesQuerySchema, location="query")
@blp.response(200)
@blp.doc(responses={"200": oruk_response("an ORUK page: services fully nested")})
@blp.alt_response(304, description="not modified (If-None-Match)")
@blp.alt_response(422, description="invalid page")
def list_services(args):  # type: ignore[no-untyped-def]
    """A page of services (ORUK page envelope, services fully nested)"""
    return openreferral.list_services(
        page=args["page"],
        per_page=args["per_page"],
        now=now_utc(),
        course_url=_course_url,
        location_url=_location_url,
    )


@blp.route("/services/<string:service_id>")
@blp.etag
@blp.response(200)
@blp.doc(responses={"200": oruk_response("one ORUK service, fully nested")})
@blp.alt_response(304, description="not modified (If-None-Match)")
@blp.alt_response(404, description="no published service with this id")
def get_service(service_id):  # type: ignore[no-untyped-def]
    """One service, fully nested"""
    return openreferral.get_service(
        service_id, now=now_utc(), course_url=_course_url, location_url=_location_url
    )
