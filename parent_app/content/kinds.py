"""Content kinds plug into the one lifecycle: each validates its data and publishes it
into its own live table (articles, nudge rules, courses).

Each kind's module defines its ContentKind; create_app registers them by name
(`register_kind`), so the lifecycle can serve a kind without importing its package."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from parent_app.models.content import ContentItem, ContentRevision


@dataclass(frozen=True)
class ContentKind:
    name: str
    # Returns the cleaned data or raises ValidationFailed.
    validate: Callable[[dict[str, Any]], dict[str, Any]]
    # Writes the approved revision into the kind's live table.
    publish: Callable[[ContentItem, ContentRevision, datetime], None]
    # Marks the live row archived (kept as a tombstone for syncing clients).
    archive: Callable[[ContentItem, datetime], None]
    # Applies an edit's changes to the latest revision's data.
    merge: Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]] = (
        lambda base, changes: {
            **base,
            **changes,
        }
    )
    # Runs after the starter catalogue loads an item of this kind (courses turn their
    # session pattern into dated sessions).
    after_catalogue_load: (
        Callable[[ContentItem, dict[str, Any], datetime], None] | None
    ) = None


_kinds: dict[str, ContentKind] = {}


def register_kind(kind: ContentKind) -> ContentKind:
    _kinds[kind.name] = kind
    return kind


def get_kind(name: str) -> ContentKind:
    return _kinds[name]


def known_kinds() -> set[str]:
    """Every kind create_app registered."""
    return set(_kinds)
