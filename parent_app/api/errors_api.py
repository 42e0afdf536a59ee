"""Our flask-smorest Api: every error, whatever raised it, in the one JSON shape."""

from __future__ import annotations

import logging
from typing import Any

import flask_smorest
from flask import current_app, jsonify
from werkzeug.exceptions import HTTPException, InternalServerError

from parent_app.errors import AppError, error_body

from parent_app.api.schemas_error import ErrorSchema

log = logging.getLogger(__name__)

HTTP_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    409: "conflict",
    412: "precondition_failed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "validation_failed",
    428: "precondition_required",
    429: "rate_limited",
}

MESSAGES = {
    400: "The request body is not valid JSON.",
    404: "Nothing exists at this address.",
    405: "This method is not allowed here.",
    413: "The request body is too large.",
    422: "Some fields are not valid.",
    429: "Too many requests. Please wait and try again.",
}


def _flatten_webargs_messages(messages: Any) -> dict[str, Any]:
    """webargs nests messages by location ({"json": {...}}); clients want fields only."""
    fields: dict[str, Any] = {}
    if not isinstance(messages, dict):
        return {"_request": messages}
    for location, value in messages.items():
        if isinstance(value, dict):
            for name, msgs in value.items():
                fields[str(name)] = msgs
        else:
            fields[f"_{location}"] = value
    return fields


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ErrorSchema

    def _register_error_handlers(self) -> None:
        super()._register_error_handlers()
        self._app.register_error_handler(AppError, self.handle_app_error)
        self._app.register_error_handler(Exception, self.handle_unexpected)

    def _rollback(self) -> None:
        from parent_app.extensions import db

        try:
            db.session.rollback()
        except Exception:  # the session itself may be broken; the error still renders
            log.exception("rollback after an error failed")

    def handle_app_error(self, error: AppError):  # type: ignore[no-untyped-def]
        self._rollback()
        response = jsonify(error_body(error.code, error.message, error.fields))
        response.status_code = error.status
        response.headers.update(error.headers)
        return response

    def handle_http_exception(self, error: HTTPException):  # type: ignore[override]
        self._rollback()
        status = error.code or 500
        if status >= 500:
            original = getattr(error, "original_exception", None)
            if original is not None:
                log.error("unhandled error", exc_info=original)
            return self._render(500, "internal_error", "Something went wrong on our side.")
        data = getattr(error, "data", None) or {}
        fields = None
        message = MESSAGES.get(status) or error.description or error.name
        if "messages" in data:
            fields = _flatten_webargs_messages(data["messages"])
            if status == 400:
                message = MESSAGES[400]
        elif data.get("message"):
            message = data["message"]
        if status == 429:
            message = f"{MESSAGES[429]} Limit: {error.description}."
        code = HTTP_CODES.get(status, "http_error")
        if status == 400 and fields and "_json" in fields:
            code = "invalid_json"
        response = self._render(status, code, message, fields)
        headers = data.get("headers") or {}
        if status == 405 and hasattr(error, "valid_methods") and error.valid_methods:
            headers = {**headers, "Allow": ", ".join(error.valid_methods)}
        response.headers.update(headers)
        if hasattr(error, "get_headers") and status == 429:
            for name, value in error.get_headers():
                if name.lower() != "content-type":
                    response.headers[name] = value
        return response

    def handle_unexpected(self, error: Exception):  # type: ignore[no-untyped-def]
        if isinstance(error, HTTPException):
            return self.handle_http_exception(error)
        if isinstance(error, AppError):
            return self.handle_app_error(error)
        current_app.logger.error("unhandled error", exc_info=error)
        return self.handle_http_exception(InternalServerError(original_exception=error))

    @staticmethod
    def _render(status: int, code: str, message: str, fields: Any = None):  # type: ignore[no-untyped-def]
        response = jsonify(error_body(code, message, fields))
        response.status_code = status
        return response
