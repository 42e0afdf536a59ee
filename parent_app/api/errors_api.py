"""Our flask-smorest Api: every error, whatever raised it, in the one JSON shape."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import flask_smorest
from apispec import BasePlugin
from flask import current_app, jsonify, make_response, request
from werkzeug.exceptions import HTTPException, InternalServerError

from parent_app.api.input_guard import check_request
from parent_app.api.query_params import refuse_unknown_query_parameters
from parent_app.api.schemas_error import ErrorSchema
from parent_app.errors import AppError, error_body
from parent_app.extensions import db

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
    """webargs nests messages by location ({"json": {...}}); clients want fields
    only."""
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


OPERATION_METHODS = {"get", "put", "post", "patch", "delete", "head", "options"}

# What any operation of a kind can answer, whatever its view declares.
IMPLIED_ERRORS = {
    "secured": {401: "No valid bearer token: missing, unknown, expired or revoked."},
    "path": {
        404: "Not found, or not yours (another family's object is never confirmed)."
    },
    "body": {
        400: "The body is not valid JSON (or is nested too deeply).",
        413: "The body is larger than the configured limit.",
        422: "Invalid fields: `fields` names each one with its messages.",
    },
    "query": {422: "Invalid query parameters: `fields` names each one."},
}


class ErrorResponsesPlugin(BasePlugin):
    """Document every operation's error responses, each in the one error shape.

    Runs before the marshmallow plugin, so the ErrorSchema placed here becomes a
    reference to the `Error` component like any other schema.
    """

    def operation_helper(self, path=None, operations=None, **kwargs):  # type: ignore[no-untyped-def]
        for method, operation in (operations or {}).items():
            if method not in OPERATION_METHODS:
                continue
            responses = operation.setdefault("responses", {})
            for kind in self._kinds(path or "", operation):
                for status, description in IMPLIED_ERRORS[kind].items():
                    responses.setdefault(str(status), {"description": description})
            for status, response in responses.items():
                if (
                    str(status).isdigit()
                    and int(status) >= 400
                    and isinstance(response, dict)
                    and "$ref" not in response
                    and not response.get("content")
                ):
                    response["content"] = {"application/json": {"schema": ErrorSchema}}

    @staticmethod
    def _kinds(path: str, operation: dict[str, Any]) -> list[str]:
        kinds = []
        if operation.get("security"):
            kinds.append("secured")
        if "{" in path:
            kinds.append("path")
        if "requestBody" in operation:
            kinds.append("body")
        if any(
            p.get("in") == "query"
            for p in operation.get("parameters", [])
            if isinstance(p, dict)
        ):
            kinds.append("query")
        return kinds


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ErrorSchema
    # Errors on pages outside the JSON API (the staff console, the parent app) are
    # rendered as HTML pages by this callable, which create_app plugs in from the web
    # layer: one handler decides every error's status and code, each side its look.
    page_error_renderer: Callable[[int, str, str], Any] | None = None

    def init_app(self, app, *, spec_kwargs=None):  # type: ignore[no-untyped-def]
        super().init_app(app, spec_kwargs=spec_kwargs)
        app.before_request(check_request)
        app.before_request(refuse_unknown_query_parameters)

    def _init_spec(self, **kwargs):  # type: ignore[no-untyped-def]
        super()._init_spec(**kwargs)
        plugin = ErrorResponsesPlugin()
        plugin.init_spec(self.spec)
        self.spec.plugins.insert(self.spec.plugins.index(self.ma_plugin), plugin)

    def _register_error_handlers(self) -> None:
        super()._register_error_handlers()
        self._app.register_error_handler(AppError, self.handle_app_error)
        self._app.register_error_handler(Exception, self.handle_unexpected)

    def _rollback(self) -> None:
        try:
            db.session.rollback()
        except Exception:  # the session itself may be broken; the error still renders
            log.exception("rollback after an error failed")

    def handle_app_error(self, error: AppError):  # type: ignore[no-untyped-def]
        self._rollback()
        response = self._render(error.status, error.code, error.message, error.fields)
        response.headers.update(error.headers)
        return response

    def handle_http_exception(self, error: HTTPException):  # type: ignore[override]
        self._rollback()
        status = error.code or 500
        if status >= 500:
            original = getattr(error, "original_exception", None)
            if original is not None:
                log.error("unhandled error", exc_info=original)
            return self._render(
                500, "internal_error", "Something went wrong on our side."
            )
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

    def _render(self, status: int, code: str, message: str, fields: Any = None):  # type: ignore[no-untyped-def]
        if self.page_error_renderer is not None and not request.path.startswith(
            self._app.config["OPENAPI_URL_PREFIX"]
        ):
            return make_response(self.page_error_renderer(status, code, message))
        response = jsonify(error_body(code, message, fields))
        response.status_code = status
        return response
