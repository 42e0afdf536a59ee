"""My sign-ins (apps and web sessions): list them, sign out one or all the others."""

from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from parent_app.accounts import sessions
from parent_app.accounts.tokens import write_last_uses
from parent_app.api.common import (
    Blueprint,
    IsoDateTime,
    auth_required,
    current_token_id,
    current_user,
    now_utc,
)
from parent_app.extensions import db

blp = Blueprint(
    "sessions", __name__, url_prefix="/me/sessions", description="My sign-ins"
)


class SignInSchema(Schema):
    id = fields.Integer(required=True)
    device_hint = fields.String(
        allow_none=True, metadata={"description": 'e.g. "Firefox on Android (web)"'}
    )
    created_at = IsoDateTime(required=True)
    last_used_at = IsoDateTime(
        allow_none=True,
        metadata={
            "description": "to the minute; another server process may take up to "
            "15 s (LAST_USE_WRITE_SECONDS) to write a use it served"
        },
    )
    expires_at = IsoDateTime(required=True)
    current = fields.Boolean(
        required=True, metadata={"description": "the sign-in this request used"}
    )


class SignInListSchema(Schema):
    items = fields.List(fields.Nested(SignInSchema), required=True)


class RevokedSchema(Schema):
    revoked = fields.Integer(required=True)


@blp.route("")
class Sessions(MethodView):
    @auth_required()
    @blp.response(200, SignInListSchema)
    @blp.alt_response(401, description="no valid token")
    def get(self):  # type: ignore[no-untyped-def]
        """My live sign-ins: when each began and was last used, and on what"""
        now = now_utc()
        current = current_token_id()
        # This worker's unwritten last uses first, so the list is up to date.
        if write_last_uses(now=now):
            db.session.commit()
        rows = db.session.scalars(sessions.list_sessions(current_user(), now=now))
        items = [
            {
                "id": t.id,
                "device_hint": t.device_hint,
                "created_at": t.created_at,
                "last_used_at": t.last_used_at,
                "expires_at": t.expires_at,
                "current": t.id == current,
            }
            for t in rows
        ]
        return {"items": items}

    @auth_required()
    @blp.response(200, RevokedSchema)
    @blp.alt_response(401, description="no valid token")
    def delete(self):  # type: ignore[no-untyped-def]
        """Sign out everywhere else: every sign-in but this one ends at once"""
        revoked = sessions.revoke_other_sessions(
            current_user(), keep_id=current_token_id(), now=now_utc()
        )
        db.session.commit()
        return {"revoked": revoked}


@blp.route("/<int:session_id>", methods=["DELETE"])
@auth_required()
@blp.response(204)
@blp.alt_response(401, description="no valid token")
@blp.alt_response(404, description="not one of my live sign-ins")
def revoke(session_id: int):  # type: ignore[no-untyped-def]
    """Sign out one of my sign-ins at once (this one too, if it is this one)"""
    sessions.revoke_session(current_user(), session_id, now=now_utc())
    db.session.commit()
    return ""
