"""Unknown query parameters are refused on every API route, by one mechanism.

A misspelt filter (`?topc=feeding`) silently ignored gives a client the wrong answer
with a 200. Before any view runs, the query parameters sent are compared with the ones
the route declares (its `blp.arguments(..., location="query")` schemas, read from what
flask-smorest records for the OpenAPI document); any other is a 422 naming it. A route
that declares none accepts none.
"""

from __future__ import annotations

import functools
from typing import Any

from flask import current_app, request
from marshmallow import Schema

from parent_app.errors import ValidationFailed

UNKNOWN = "Unknown query parameter."
DOCS_BLUEPRINT = "api-docs"


def _view_function(endpoint: str, method: str) -> Any:
    view = current_app.view_functions.get(endpoint)
    view_class = getattr(view, "view_class", None)
    if view_class is None:
        return view
    handler = getattr(view_class, method.lower(), None)
    if handler is None and method == "HEAD":
        handler = getattr(view_class, "get", None)
    return handler


def _names(schema: Any) -> set[str]:
    instance = schema() if isinstance(schema, type) else schema
    if not isinstance(instance, Schema):
        return set()
    return {
        field.data_key or name
        for name, field in instance.fields.items()
        if not field.dump_only
    }


@functools.cache
def _declared(app_id: int, endpoint: str, method: str) -> frozenset[str]:
    """The query parameter names a route declares (cached per app, route and
    method)."""
    func = _view_function(endpoint, method)
    apidoc = getattr(func, "_apidoc", None) or {}
    names: set[str] = set()
    for parameter in apidoc.get("arguments", {}).get("parameters", []):
        if parameter.get("in", parameter.get("location")) == "query":
            names |= _names(parameter.get("schema"))
    return frozenset(names)


def refuse_unknown_query_parameters() -> None:
    """Flask before_request hook for the JSON API (`/api/v1/...`, docs excepted)."""
    if request.routing_exception is not None or not request.args:
        return
    prefix = current_app.config.get("OPENAPI_URL_PREFIX") or "/api/v1"
    if not request.path.startswith(prefix) or request.blueprint == DOCS_BLUEPRINT:
        return
    if request.endpoint is None:
        return
    allowed = _declared(id(current_app), request.endpoint, request.method)
    unknown = sorted(set(request.args) - allowed)
    if unknown:
        raise ValidationFailed({name: [UNKNOWN] for name in unknown})
