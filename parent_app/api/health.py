"""Liveness: the app answers and the database is reachable."""

from __future__ import annotations

from marshmallow import Schema, fields
from sqlalchemy import text

from parent_app.api.common import Blueprint
from parent_app.errors import AppError
from parent_app.extensions import db

blp = Blueprint("health", __name__, description="Liveness and database reachability")


class HealthSchema(Schema):
    status = fields.String(required=True)
    database = fields.String(required=True)


class DatabaseDown(AppError):
    status = 503
    code = "database_unavailable"
    message = "The database cannot be reached."


@blp.route("/health")
@blp.response(200, HealthSchema)
@blp.alt_response(503, schema=None, description="database unreachable")
def health():  # type: ignore[no-untyped-def]
    """Check that the service and its database answer"""
    try:
        db.session.execute(text("SELECT 1"))
    except Exception as exc:
        raise DatabaseDown() from exc
    return {"status": "ok", "database": db.engine.dialect.name}
