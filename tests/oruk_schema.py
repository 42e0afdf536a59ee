"""The official Open Referral UK profile schemas (tests/data/openreferral/), as
validators of our export: one service against service.json, a list's items against
service_list.json (and, since we nest them fully, against service.json too)."""

from __future__ import annotations

import copy
import json
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft202012Validator, FormatChecker

SCHEMAS = Path(__file__).resolve().parent / "data" / "openreferral"
# Fields of HSDS 3.0 core that the UK profile's compiled files leave out and we send
# (the RRULE end and count of a schedule; the entity an attribute links).
HSDS_CORE_EXTRAS = frozenset({"until", "count", "link_entity"})

_formats = FormatChecker()


@_formats.checks("uri", raises=ValueError)
def _is_absolute_uri(value: object) -> bool:
    # jsonschema checks "uri" only with an optional package; an absolute http(s)
    # address is what a directory can follow.
    if not isinstance(value, str):
        return True
    parts = urlsplit(value)
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def load_schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text())


def _closed(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema with every object closed to what the profile names: its properties,
    its required and tabular_required fields, and the HSDS core extras."""
    schema = copy.deepcopy(schema)

    def close(node: Any) -> None:
        if isinstance(node, dict):
            if node.get("type") == "object" and "properties" in node:
                named = {
                    *node["properties"],
                    *node.get("required", ()),
                    *node.get("tabular_required", ()),
                    *HSDS_CORE_EXTRAS,
                }
                node["propertyNames"] = {"enum": sorted(named)}
            for value in node.values():
                close(value)
        elif isinstance(node, list):
            for value in node:
                close(value)

    close(schema)
    return schema


@cache
def _validator(name: str, closed: bool) -> Draft202012Validator:
    schema = load_schema(name)
    return Draft202012Validator(
        _closed(schema) if closed else schema, format_checker=_formats
    )


def errors(instance: Any, schema: str, *, closed: bool = False) -> list[str]:
    """Each way `instance` breaks the official `schema` file, as "path: message"."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in _validator(schema, closed).iter_errors(instance)
    ]


def page_errors(page: dict[str, Any], *, closed: bool = False) -> list[str]:
    """The ORUK page envelope's fields, then each item against service_list.json and
    service.json (closed: every field named by service.json; the list schema names
    only the summary fields, as items may carry more)."""
    found = [
        f"{key}: missing"
        for key in (
            "total_items",
            "total_pages",
            "page_number",
            "size",
            "first_page",
            "last_page",
            "empty",
            "contents",
        )
        if key not in page
    ]
    for index, item in enumerate(page.get("contents", [])):
        found += [
            f"contents/{index}/{message}"
            for message in (
                *errors(item, "service_list.json"),
                *errors(item, "service.json", closed=closed),
            )
        ]
    return found
