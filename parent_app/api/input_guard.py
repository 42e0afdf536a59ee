"""Input hygiene before any view runs: storable text and JSON every parser agrees on.

PostgreSQL cannot store NUL characters and no database can store an unpaired UTF-16
surrogate (JSON allows both as \\u escapes); the stdlib decoder turns a 5,000-digit
number into a ValueError and 1e400 into infinity. Each would otherwise surface deep in a
view as a 500, some on one database only. Checking once here covers every route,
including routes added later.
"""

from __future__ import annotations

import json
import math
from typing import Any

from flask import request
from webargs.core import is_json

from parent_app.errors import AppError, NotFound, ValidationFailed

NOT_ALLOWED = "Contains a character that is not allowed (NUL or an unpaired surrogate)."


class InvalidJson(AppError):
    status = 400
    code = "invalid_json"
    message = "The request body is not valid JSON."


def is_storable_text(text: str) -> bool:
    """True when `text` has no NUL and encodes to UTF-8 (no unpaired surrogate)."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reject_constant(name: str) -> float:
    raise ValueError(f"{name} is not a JSON number")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError("number out of range")
    return value


def parse_json_body(raw: bytes) -> Any:
    """The decoded JSON body; InvalidJson for what RFC 8259 and Python disagree on."""
    try:
        return json.loads(
            raw.decode("utf-8"),
            parse_constant=_reject_constant,
            parse_float=_finite_float,
        )
    except (
        ValueError,
        RecursionError,
    ) as exc:  # JSONDecodeError and UnicodeError are ValueErrors
        raise InvalidJson(fields={"_json": ["Invalid JSON body."]}) from exc


def _safe_key(key: str | int) -> str | int:
    """The key, made printable when it is itself the bad text."""
    if isinstance(key, int) or is_storable_text(key):
        return key
    return key.encode("utf-8", "replace").decode().replace("\x00", "\ufffd")


def bad_text_fields(document: Any) -> dict[str, Any]:
    """Messages nested like marshmallow's, for each key or string no DB can store."""
    errors: dict[str | int, Any] = {}
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(document, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                if not is_storable_text(key):
                    _put(errors, (*path, _safe_key(key)))
                else:
                    stack.append((value, (*path, key)))
        elif isinstance(node, list):
            stack.extend((value, (*path, index)) for index, value in enumerate(node))
        elif isinstance(node, str) and not is_storable_text(node):
            _put(errors, path or ("_json",))
    return errors  # type: ignore[return-value]


def _put(errors: dict[Any, Any], path: tuple[str | int, ...]) -> None:
    node = errors
    for key in path[:-1]:
        child = node.get(key)
        if not isinstance(child, dict):
            child = node[key] = {}
        node = child
    node[path[-1]] = [NOT_ALLOWED]


def check_request() -> None:
    """Flask before_request hook: refuse what no route can store or parse."""
    if request.routing_exception is not None:
        return  # 404 and 405 answer first
    for value in (request.view_args or {}).values():
        if isinstance(value, str) and not is_storable_text(value):
            raise NotFound("Nothing exists at this address.")
    query_errors = {
        _safe_key(key): [NOT_ALLOWED]
        for key, values in request.args.lists()
        if not is_storable_text(key) or not all(is_storable_text(v) for v in values)
    }
    if query_errors:
        raise ValidationFailed(query_errors)
    if not is_json(request.mimetype):
        return
    raw = request.get_data(cache=True)
    if not raw:
        return
    errors = bad_text_fields(parse_json_body(raw))
    if errors:
        raise ValidationFailed(errors)
