"""The AppError family: what a service raises when the client did something wrong."""

from __future__ import annotations

from typing import Any


class AppError(Exception):
    """An error the client can act on; rendered as
    {"error": {code, message, fields}}."""

    status = 400
    code = "bad_request"
    message = "The request could not be processed."

    def __init__(
        self,
        message: str | None = None,
        *,
        fields: dict[str, Any] | None = None,
        code: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
        self.fields = fields
        if code:
            self.code = code
        self.headers = headers or {}


class NotFound(AppError):
    status = 404
    code = "not_found"
    message = "Not found."


class Unauthorized(AppError):
    status = 401
    code = "unauthorized"
    message = "Sign in to do this."


class Forbidden(AppError):
    status = 403
    code = "forbidden"
    message = "You are not allowed to do this."


class Conflict(AppError):
    status = 409
    code = "conflict"
    message = "That conflicts with what is already stored."


class ValidationFailed(AppError):
    status = 422
    code = "validation_failed"
    message = "Some fields are not valid."

    def __init__(self, fields: dict[str, Any], message: str | None = None) -> None:
        super().__init__(message, fields=fields)


class RateLimited(AppError):
    status = 429
    code = "rate_limited"
    message = "Too many requests. Please wait and try again."


def flatten_fields(fields: Any, prefix: str = "") -> dict[str, list[str]]:
    """Field messages as one flat map: a nested field is named by its dotted path
    (`keys.auth`, `items.0.title`), and every value is a list of strings."""
    if not isinstance(fields, dict):
        return {prefix or "_request": _messages(fields)}
    flat: dict[str, list[str]] = {}
    for name, value in fields.items():
        path = f"{prefix}.{name}" if prefix else str(name)
        if isinstance(value, dict):
            flat.update(flatten_fields(value, path))
        else:
            flat.setdefault(path, []).extend(_messages(value))
    return flat


def _messages(value: Any) -> list[str]:
    if isinstance(value, (list, tuple)):
        return [m for item in value for m in _messages(item)]
    if isinstance(value, dict):
        return [f"{k}: {m}" for k, v in value.items() for m in _messages(v)]
    return [str(value)]


def error_body(
    code: str, message: str, fields: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The one error shape every 4xx and 5xx uses: `fields` is always there (`{}`
    when no field is to blame), flat, each field with a list of messages."""
    return {
        "error": {
            "code": code,
            "message": message,
            "fields": flatten_fields(fields) if fields else {},
        }
    }
