"""The error body schema, documented on every endpoint."""

from marshmallow import Schema, fields


class ErrorDetailSchema(Schema):
    code = fields.String(
        required=True, metadata={"description": "stable snake_case code"}
    )
    message = fields.String(required=True)
    fields = fields.Dict(
        keys=fields.String(),
        values=fields.List(fields.String()),
        required=True,
        metadata={
            "description": "messages by field, always present ({} when no field is "
            "to blame); a nested field is named by its dotted path (keys.auth, "
            "items.0.title)"
        },
    )


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)
