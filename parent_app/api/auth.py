"""Registration, sign-in and sign-out."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Response, current_app, request
from flask_limiter.util import get_remote_address
from marshmallow import Schema, fields, pre_load, validate

from parent_app.accounts import password_reset, users, verification
from parent_app.accounts.links import LinkSettings
from parent_app.accounts.tokens import revoke_token
from parent_app.api.common import PARENT_ROLES, Blueprint, IsoDateTime, auth_required
from parent_app.api.me import AcceptedSchema, UserSchema
from parent_app.domain.device_hint import device_hint
from parent_app.extensions import db, limiter

blp = Blueprint("auth", __name__, url_prefix="/auth", description="Accounts and tokens")


def _auth_limit() -> str:
    return str(current_app.config["RATELIMIT_AUTH"])


def _login_address_limit() -> str:
    return str(current_app.config["RATELIMIT_LOGIN_ADDRESS"])


def _login_account_limit() -> str:
    return str(current_app.config["RATELIMIT_LOGIN_ACCOUNT"])


def _login_account_key() -> str:
    """Failed sign-ins count per account (the email asked for), so one parent's
    mistyped passwords never lock out another on the same home network."""
    body = request.get_json(silent=True)
    email = body.get("email") if isinstance(body, dict) else None
    if isinstance(email, str) and email.strip():
        return "account:" + email.strip().lower()[:254]
    return "address:" + get_remote_address()


def _failed_sign_in(response: Response) -> bool:
    return response.status_code == 401


class RegisterSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=10, max=256, error="Use 10 to 256 characters."),
    )
    role = fields.String(required=True, validate=validate.OneOf(PARENT_ROLES))
    area = fields.String(required=True, validate=validate.Length(min=1, max=64))

    @pre_load
    def _strip_email(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(data, dict) and isinstance(data.get("email"), str):
            data = {**data, "email": data["email"].strip()}
        return data


class LoginSchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))
    password = fields.String(
        required=True, load_only=True, validate=validate.Length(max=256)
    )


class TokenSchema(Schema):
    token = fields.String(required=True)
    expires_at = IsoDateTime(required=True)


class RegisteredSchema(TokenSchema):
    user = fields.Nested(UserSchema, required=True)


def _token_days() -> int:
    return int(current_app.config["TOKEN_LIFETIME_DAYS"])


@blp.route("/register", methods=["POST"])
@limiter.limit(_auth_limit)
@blp.arguments(RegisterSchema)
@blp.response(201, RegisteredSchema)
@blp.alt_response(409, description="email already registered")
@blp.alt_response(422, description="invalid fields")
@blp.alt_response(429, description="too many attempts")
def register(data):  # type: ignore[no-untyped-def]
    """Create a parent account (birthing parent or partner) and sign in"""
    now = datetime.now(UTC)
    user, token = users.register_parent(
        email=data["email"],
        password=data["password"],
        role=data["role"],
        area_id=data["area"],
        now=now,
        token_days=_token_days(),
        links=LinkSettings.from_config(current_app.config),
        device_hint=device_hint(request.user_agent.string),
    )
    db.session.commit()
    return {"user": user, "token": token, "expires_at": _expiry(now)}


def _expiry(now: datetime) -> datetime:
    from datetime import timedelta

    return now + timedelta(days=_token_days())


@blp.route("/login", methods=["POST"])
@limiter.limit(_login_address_limit)
@limiter.limit(
    _login_account_limit, key_func=_login_account_key, deduct_when=_failed_sign_in
)
@blp.arguments(LoginSchema)
@blp.response(200, RegisteredSchema)
@blp.alt_response(401, description="wrong email or password")
@blp.alt_response(429, description="too many attempts")
def login(data):  # type: ignore[no-untyped-def]
    """Sign in with email and password; returns the user and a new bearer token"""
    now = datetime.now(UTC)
    user, token = users.login(
        email=data["email"],
        password=data["password"],
        now=now,
        token_days=_token_days(),
        device_hint=device_hint(request.user_agent.string),
    )
    db.session.commit()
    return {"user": user, "token": token, "expires_at": _expiry(now)}


@blp.route("/logout", methods=["POST"])
@auth_required()
@blp.response(204)
@blp.alt_response(401, description="no valid token")
def logout():  # type: ignore[no-untyped-def]
    """Revoke the token this request was made with"""
    raw = request.headers["Authorization"].partition(" ")[2].strip()
    revoke_token(raw, now=datetime.now(UTC))
    db.session.commit()
    return ""


class VerifyEmailSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=200))


class VerifiedSchema(Schema):
    email = fields.String(required=True)
    email_verified = fields.Boolean(required=True)


class ResetRequestSchema(Schema):
    email = fields.String(required=True, validate=validate.Length(min=1, max=254))


class ResetConfirmSchema(Schema):
    token = fields.String(required=True, validate=validate.Length(min=1, max=200))
    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=10, max=256, error="Use 10 to 256 characters."),
    )


RESET_ACCEPTED = (
    "If this address has an account, we have sent it a link to choose a new password. "
    "The link works for one hour."
)


def _reset_limit() -> str:
    return str(current_app.config["RATELIMIT_RESET_REQUESTS"])


@blp.route("/verify-email", methods=["POST"])
@limiter.limit(_auth_limit)
@blp.arguments(VerifyEmailSchema)
@blp.response(200, VerifiedSchema)
@blp.alt_response(404, description="unknown, used or expired link (invalid_link)")
@blp.alt_response(429, description="too many attempts")
def verify_email(data):  # type: ignore[no-untyped-def]
    """Confirm an email address with the token from the verification mail"""
    user = verification.verify_email(data["token"], now=datetime.now(UTC))
    db.session.commit()
    return {"email": user.email, "email_verified": True}


@blp.route("/password-reset", methods=["POST"])
@limiter.limit(_reset_limit)
@blp.arguments(ResetRequestSchema)
@blp.response(202, AcceptedSchema)
@blp.alt_response(429, description="too many requests from this client")
def request_password_reset(data):  # type: ignore[no-untyped-def]
    """Mail a password reset link, if the address has an account

    ---
    Always 202 with the same message, whether or not the address has an account. One
    address gets at most RESETS_PER_ADDRESS_PER_HOUR mails an hour; the rest are
    dropped.
    """
    password_reset.request_password_reset(
        data["email"],
        now=datetime.now(UTC),
        settings=LinkSettings.from_config(current_app.config),
    )
    db.session.commit()
    return {"message": RESET_ACCEPTED}


@blp.route("/password-reset/confirm", methods=["POST"])
@limiter.limit(_auth_limit)
@blp.arguments(ResetConfirmSchema)
@blp.response(204)
@blp.alt_response(404, description="unknown, used or expired link (invalid_link)")
@blp.alt_response(422, description="the new password is refused")
@blp.alt_response(429, description="too many attempts")
def confirm_password_reset(data):  # type: ignore[no-untyped-def]
    """Set a new password with the token from the reset mail; signs out everywhere"""
    password_reset.confirm_password_reset(
        data["token"], password=data["password"], now=datetime.now(UTC)
    )
    db.session.commit()
    return ""
