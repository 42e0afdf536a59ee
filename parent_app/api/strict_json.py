"""Strict JSON types: a JSON body's booleans are `true`/`false` and its numbers are
numbers.

marshmallow reads `"yes"` as a boolean and `"500"` as an integer, which is right for a
query string (everything there is text) and wrong for JSON, where a client that sends a
string meant something else. The parser runs this over every JSON body against the
schema it is loaded with, before the schema sees it. Money fields (`fields.Decimal`)
keep taking a decimal string as well as a number: that is their documented format.
"""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields

NOT_BOOLEAN = "Not a valid boolean: use true or false."
NOT_NUMBER = "Not a valid number: send a JSON number, not text."


def _field_errors(field: fields.Field, value: Any) -> Any:
    """The messages for one value (nested as the schema nests), or None."""
    if value is None:
        return None
    if isinstance(field, fields.Boolean):
        return None if isinstance(value, bool) else [NOT_BOOLEAN]
    if isinstance(field, (fields.Integer, fields.Float)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return [NOT_NUMBER]
        return None
    if isinstance(field, fields.Nested) and isinstance(field.schema, Schema):
        if field.many and isinstance(value, list):
            return _items_errors(field.schema, value)
        if isinstance(value, dict):
            return strict_type_errors(field.schema, value) or None
        return None
    if isinstance(field, fields.List) and isinstance(value, list):
        inner = field.inner
        found = {
            index: errors
            for index, item in enumerate(value)
            if (errors := _field_errors(inner, item))
        }
        return found or None
    return None


def _items_errors(schema: Schema, items: list[Any]) -> dict[int, Any] | None:
    found = {
        index: errors
        for index, item in enumerate(items)
        if isinstance(item, dict) and (errors := strict_type_errors(schema, item))
    }
    return found or None


def strict_type_errors(schema: Schema, data: Any) -> dict[Any, Any]:
    """Messages by field (data key) for JSON values of the wrong type; {} when none."""
    if schema.many and isinstance(data, list):
        return _items_errors(schema, data) or {}
    if not isinstance(data, dict):
        return {}
    errors: dict[Any, Any] = {}
    for name, field in schema.fields.items():
        if field.dump_only:
            continue
        key = field.data_key or name
        if key in data and (found := _field_errors(field, data[key])):
            errors[key] = found
    return errors
