"""Shared API pieces: the blueprint class, bearer auth, cursor pages, common schemas."""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import flask_smorest
from flask import Response, current_app, g, has_app_context, request
from marshmallow import Schema, ValidationError, fields, validate
from webargs.flaskparser import FlaskParser
from werkzeug.routing import IntegerConverter

from parent_app.accounts.tokens import authenticate, record_use
from parent_app.api.strict_json import strict_type_errors
from parent_app.domain.reminders import local_today
from parent_app.domain.words import one_of
from parent_app.errors import AppError, Forbidden, Unauthorized, ValidationFailed
from parent_app.extensions import db
from parent_app.models.board_writes import current_board

# Every id column is a 32-bit integer on PostgreSQL; a larger number cannot name a row.
MAX_ID = 2**31 - 1

BODY_REQUIRED = (
    "Send a JSON object (Content-Type: application/json), even if empty: {}."
)

PARENT_ROLES = ("birthing_parent", "partner")
STAFF_ROLES = ("author", "editor", "admin")


class SafeParser(FlaskParser):
    """Our request parser: deeply nested JSON (a RecursionError in the stdlib decoder)
    is a 400, and JSON types are strict."""

    def _raw_load_json(self, req):  # type: ignore[no-untyped-def]
        try:
            return super()._raw_load_json(req)
        except RecursionError as exc:
            raise json.JSONDecodeError("JSON nested too deeply", "<nested>", 0) from exc

    def _load_location_data(self, *, schema, req, location):  # type: ignore[no-untyped-def]
        """A JSON body's booleans and numbers must be JSON booleans and numbers (see
        strict_json); query strings stay text."""
        data = super()._load_location_data(schema=schema, req=req, location=location)
        if location in ("json", "json_or_form"):
            errors = strict_type_errors(schema, data)
            if errors:
                raise ValidationError(errors)
        return data


class RowIdConverter(IntegerConverter):
    """`<int:...>` in every route: an id past what the database can hold is a 404, not
    an out-of-range error from the driver."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):  # type: ignore[no-untyped-def]
        super().__init__(
            map, fixed_digits=fixed_digits, min=min, max=max, signed=signed
        )


def row_id_param_schema(converter: RowIdConverter) -> dict[str, Any]:
    return {"type": "integer", "minimum": 0, "maximum": converter.max}


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = SafeParser()

    def arguments(self, schema, *, location="json", required=True, **kwargs):  # type: ignore[no-untyped-def]
        """As flask-smorest's, and a JSON body the document calls required must be
        sent: webargs would read a missing body as `{}` and let an all-optional schema
        through (pass `required=False` where an empty body is fine)."""
        decorate = super().arguments(
            schema, location=location, required=required, **kwargs
        )
        if location != "json" or not required:
            return decorate

        def decorator(func):  # type: ignore[no-untyped-def]
            parsed = decorate(func)

            @functools.wraps(parsed)
            def wrapper(*args, **kw):  # type: ignore[no-untyped-def]
                if not request.is_json or not request.get_data(cache=True).strip():
                    raise ValidationFailed(
                        {"_json": [BODY_REQUIRED]}, "This request needs a JSON body."
                    )
                return parsed(*args, **kw)

            return wrapper

        return decorator


class EmptySchema(Schema):
    pass


class CursorQuerySchema(Schema):
    limit = fields.Integer(load_default=20, validate=validate.Range(min=1, max=100))
    cursor = fields.String(load_default=None)


def encode_cursor(values: list[Any]) -> str:
    raw = json.dumps(values, separators=(",", ":"), default=str).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def invalid_cursor() -> AppError:
    """The 400 for a cursor this API did not issue."""
    return AppError(
        "The cursor is not valid; start again without it.",
        code="invalid_cursor",
        fields={"cursor": ["Not a cursor this API issued."]},
    )


def decode_cursor(cursor: str | None, arity: int) -> list[Any] | None:
    """Decode an opaque cursor or raise a 400 naming the field."""
    if cursor is None:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        values = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError, RecursionError):
        values = None
    if not isinstance(values, list) or len(values) != arity:
        raise invalid_cursor()
    return values


def decode_id_cursor(cursor: str | None) -> int | None:
    """A cursor that carries the last id of the previous page."""
    values = decode_cursor(cursor, 1)
    if values is None:
        return None
    value = values[0]
    if (
        not isinstance(value, int)
        or isinstance(value, bool)
        or not 0 <= value <= MAX_ID
    ):
        raise invalid_cursor()
    return value


def current_user():  # type: ignore[no-untyped-def]
    return g.current_user


def current_token_id() -> int:
    """The id of the token this request was signed in with."""
    return int(g.current_token_id)


def _authenticate() -> Any:
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise Unauthorized("Send a bearer token: Authorization: Bearer <token>.")
    # Only a request that writes nothing may read a sign-in this worker keeps.
    board = current_board() if g.get("read_only") else None
    sign_in = authenticate(raw.strip(), now=datetime.now(UTC), board=board)
    if sign_in is None:
        raise Unauthorized("The token is not valid, has expired or was revoked.")
    g.current_token_id = sign_in.token_id
    g.current_sign_in = sign_in
    every = timedelta(seconds=current_app.config["LAST_USE_WRITE_SECONDS"])
    if record_use(sign_in, now=datetime.now(UTC), write_every=every):
        db.session.commit()
    return sign_in.user


def read_only(view: Callable[..., Any]) -> Callable[..., Any]:
    """For a view that only reads: its statements run outside a transaction, each one
    on its own, which is what PostgreSQL's READ COMMITTED shows them anyway. That saves
    the BEGIN and ROLLBACK round trips, two of the three a one-query read would
    make; and a read the worker answers from memory takes no connection from the pool
    at all (the session asks for one at its first statement, see
    `install_read_only_sessions`). Put it above the sign-in decorator, so the sign-in
    query runs that way too, and the sign-in may come from memory."""

    @functools.wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        g.read_only = g.read_only_unconnected = True
        return view(*args, **kwargs)

    return wrapper


def install_read_only_sessions() -> None:
    """A session of a read-only view takes its connection, without a transaction, at
    its first statement (once per process)."""
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    if not event.contains(Session, "do_orm_execute", _connect_read_only):
        event.listen(Session, "do_orm_execute", _connect_read_only)


def _connect_read_only(state: Any) -> None:
    if has_app_context() and g.pop("read_only_unconnected", False):
        session = state.session
        if not session.in_transaction():
            session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})


def auth_required(*roles: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Require a bearer token, and one of `roles` when given (403 otherwise)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = _authenticate()
            if roles and user.role not in roles:
                raise Forbidden(
                    f"This needs {one_of([r.replace('_', ' ') for r in roles])} "
                    "account."
                )
            g.current_user = user
            return view(*args, **kwargs)

        wrapper._apidoc = getattr(view, "_apidoc", {})  # type: ignore[attr-defined]
        security = wrapper._apidoc.setdefault("manual_doc", {})  # type: ignore[attr-defined]
        security["security"] = [{"bearerAuth": []}]
        return wrapper

    return decorator


parent_required = auth_required(*PARENT_ROLES)
staff_required = auth_required(*STAFF_ROLES)


class IsoDateTime(fields.DateTime):
    """Instants are always sent in UTC with an offset."""

    def _serialize(self, value, attr, obj, **kwargs):  # type: ignore[no-untyped-def]
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def validation_error(field: str, message: str) -> ValidationError:
    return ValidationError({field: [message]})


def optional_user():  # type: ignore[no-untyped-def]
    """The signed-in user when a valid token is sent, else None (for public reads)."""
    if not request.headers.get("Authorization"):
        return None
    return _authenticate()


class PageSchema(Schema):
    next_cursor = fields.String(
        allow_none=True, metadata={"description": "pass as ?cursor= for the next page"}
    )
    sync_since = fields.Integer(
        metadata={
            "description": (
                "the newest change number held (read before the page); pass it as "
                "updated_since to get only what changed after it"
            )
        },
    )


MAX_CHANGE_SEQ = 2**63 - 1


class SyncToken(fields.Field):
    """`updated_since`: a `sync_since` change number; an ISO 8601 instant (what
    `sync_since` was before 0.3.0) is still understood, as UTC."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "metadata",
            {
                "description": "a sync_since change number (or, from older apps, an "
                "ISO 8601 instant): only what changed after it",
                "oneOf": [
                    {"type": "integer", "minimum": 0},
                    {"type": "string", "format": "date-time"},
                ],
            },
        )
        super().__init__(**kwargs)

    def _deserialize(self, value, attr, data, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(value, str) and value.isascii() and value.isdigit():
            number = int(value)
            if number > MAX_CHANGE_SEQ:
                raise ValidationError("Not a change number we gave out.")
            return number
        instant = fields.AwareDateTime(default_timezone=UTC)
        try:
            return instant.deserialize(value).astimezone(UTC)
        except (ValidationError, OverflowError) as exc:
            raise ValidationError(
                "Use the sync_since number of an earlier answer."
            ) from exc


def page_of(
    rows: list[Any], limit: int, key: Callable[[Any], list[Any]]
) -> tuple[list[Any], str | None]:
    """Cut a limit+1 fetch into a page and the cursor of the next one."""
    if len(rows) > limit:
        rows = rows[:limit]
        return rows, encode_cursor(key(rows[-1]))
    return rows, None


def paginate(
    query: Any, args: dict[str, Any], key: Callable[[Any], Any], **extra: Any
) -> dict[str, Any]:
    """One page of a list endpoint: `query` (ordered, already after the cursor) cut at
    `args["limit"]`, and the cursor of the next page made from `key(last row)` (one
    value, or a list of them). `extra` joins the page (e.g. `sync_since`)."""
    rows = list(db.session.scalars(query.limit(args["limit"] + 1)))

    def values(row: Any) -> list[Any]:
        value = key(row)
        return value if isinstance(value, list) else [value]

    items, cursor = page_of(rows, args["limit"], values)
    return {"items": items, "next_cursor": cursor, **extra}


def now_utc() -> datetime:
    return datetime.now(UTC)


def parent_today() -> date:
    """Today where the signed-in parent is (their time zone), not where the server is:
    "born today" and "due in 6 weeks" are the family's dates."""
    return local_today(now_utc(), current_user().timezone)


def calendar_response(description: str) -> dict[str, Any]:
    """The OpenAPI 200 response of an iCalendar (.ics) download."""
    return {
        "description": description,
        "content": {"text/calendar": {"schema": {"type": "string"}}},
    }


def json_body(data: Any) -> tuple[bytes, str]:
    """A response body as the app would send it, and its ETag (a hash of the body): what
    the read caches keep, so a cached read neither serialises nor hashes again."""
    body = current_app.json.response(data).get_data()
    return body, hashlib.sha1(body).hexdigest()  # noqa: S324 - an ETag, not security


def json_response(blp: flask_smorest.Blueprint, body: bytes, etag: str) -> Response:
    """Send a prepared body with its ETag; 304 when the client already holds it."""
    blp.set_etag(etag)
    return current_app.response_class(body, mimetype="application/json")
