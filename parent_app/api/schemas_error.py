"""The error body schema, documented on every endpoint."""

from marshmallow import Schema, fields


class ErrorDetailSchema(Schema):
    code = fields.String(
        required=True, metadata={"description": "stable snake_case code"}
    )
    message = fields.String(required=True)
    fields = fields.Dict(
        keys=fields.String(),
        metadata={"description": "per-field messages, for validation errors only"},
    )


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)
