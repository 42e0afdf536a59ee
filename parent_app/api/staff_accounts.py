"""Staff account administration for admins: list, create, change role or areas,
switch off and on, mail a password reset link (each change in the audit log)."""

from __future__ import annotations

from flask import current_app
from flask.views import MethodView
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from parent_app.accounts import staff_admin
from parent_app.accounts.links import LinkSettings
from parent_app.api.common import (
    Blueprint,
    IsoDateTime,
    auth_required,
    current_user,
    now_utc,
)
from parent_app.api.me import AcceptedSchema
from parent_app.extensions import db

blp = Blueprint(
    "staff_accounts",
    __name__,
    url_prefix="/staff/accounts",
    description="Staff accounts (admins only)",
)
admin_required = auth_required("admin")
STAFF_ROLES = ("author", "editor", "admin")


class StaffAccountSchema(Schema):
    id = fields.Integer(required=True)
    email = fields.String(required=True)
    role = fields.String(required=True)
    areas = fields.Function(lambda u: sorted(u.staff_area_ids), required=True)
    disabled = fields.Function(lambda u: u.disabled_at is not None, required=True)
    disabled_at = IsoDateTime(allow_none=True)
    created_at = IsoDateTime(required=True)


class StaffAccountListSchema(Schema):
    items = fields.List(fields.Nested(StaffAccountSchema), required=True)


class StaffAccountCreateSchema(Schema):
    email = fields.Email(required=True, validate=validate.Length(max=254))
    password = fields.String(
        required=True,
        load_only=True,
        validate=validate.Length(min=10, max=256, error="Use 10 to 256 characters."),
    )
    role = fields.String(required=True, validate=validate.OneOf(STAFF_ROLES))
    areas = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        required=True,
        validate=validate.Length(min=1, max=20),
    )


class StaffAccountUpdateSchema(Schema):
    role = fields.String(validate=validate.OneOf(STAFF_ROLES))
    areas = fields.List(
        fields.String(validate=validate.Length(min=1, max=64)),
        validate=validate.Length(min=1, max=20),
    )
    disabled = fields.Boolean()

    @validates_schema
    def _not_empty(self, data, **kwargs):  # type: ignore[no-untyped-def]
        if not data:
            raise ValidationError("Send at least one field to change.", "_schema")


@blp.route("")
class StaffAccounts(MethodView):
    @admin_required
    @blp.response(200, StaffAccountListSchema)
    @blp.alt_response(401, description="no valid token")
    @blp.alt_response(403, description="not an admin")
    def get(self):  # type: ignore[no-untyped-def]
        """Every staff account, with role, areas and whether it is switched off"""
        return {"items": list(db.session.scalars(staff_admin.list_staff()))}

    @admin_required
    @blp.arguments(StaffAccountCreateSchema)
    @blp.response(201, StaffAccountSchema)
    @blp.alt_response(401, description="no valid token")
    @blp.alt_response(403, description="not an admin")
    @blp.alt_response(409, description="the email has an account (email_taken)")
    @blp.alt_response(422, description="invalid fields")
    def post(self, data):  # type: ignore[no-untyped-def]
        """Create a staff account for one or more areas"""
        user = staff_admin.add_staff(
            current_user(),
            email=data["email"],
            password=data["password"],
            role=data["role"],
            area_ids=data["areas"],
            now=now_utc(),
        )
        db.session.commit()
        return user


@blp.route("/<int:user_id>", methods=["PATCH"])
@admin_required
@blp.arguments(StaffAccountUpdateSchema)
@blp.response(200, StaffAccountSchema)
@blp.alt_response(401, description="no valid token")
@blp.alt_response(403, description="not an admin")
@blp.alt_response(404, description="no such staff account")
@blp.alt_response(422, description="invalid fields, or my own account")
def update(changes, user_id: int):  # type: ignore[no-untyped-def]
    """Change a staff account's role or areas, or switch it off or on

    ---
    Switching an account off ends its sessions and tokens at once. An admin cannot
    switch off or demote their own account.
    """
    user = staff_admin.update_staff(current_user(), user_id, changes, now=now_utc())
    db.session.commit()
    return user


@blp.route("/<int:user_id>/password-reset", methods=["POST"])
@admin_required
@blp.response(202, AcceptedSchema)
@blp.alt_response(401, description="no valid token")
@blp.alt_response(403, description="not an admin")
@blp.alt_response(404, description="no such staff account")
@blp.alt_response(422, description="the account is switched off")
@blp.alt_response(429, description="too many reset links for this account in an hour")
def send_password_reset(user_id: int):  # type: ignore[no-untyped-def]
    """Mail a staff member a link to choose a new password

    ---
    The link works once, for an hour, and opens the staff console's
    /staff/reset-password page; the password stays as it is until it is used.
    """
    user = staff_admin.send_password_reset(
        current_user(),
        staff_admin.get_staff(user_id),
        now=now_utc(),
        settings=LinkSettings.from_config(current_app.config),
    )
    db.session.commit()
    return {"message": f"We have sent a link to {user.email}."}
