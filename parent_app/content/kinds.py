"""Content kinds plug into the one lifecycle: each validates its data and publishes it
into its own live table (articles, nudge rules, courses).

Each kind's module defines its ContentKind; create_app registers them by name
(`register_kind`), so the lifecycle can serve a kind without importing its package."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from marshmallow import Schema, ValidationError

from parent_app.domain.lifecycle import ItemStatus
from parent_app.errors import ValidationFailed
from parent_app.extensions import db
from parent_app.models.accounts import Area
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


def load_revision_data(schema: Schema, data: dict[str, Any]) -> dict[str, Any]:
    """The validation step every kind shares: `data` loaded by the kind's schema, or a
    422 naming each field; an area that does not exist is a 422 on `area`."""
    try:
        cleaned: dict[str, Any] = schema.load(data)
    except ValidationError as exc:
        raise ValidationFailed(exc.normalized_messages()) from exc  # type: ignore[arg-type]
    if db.session.get(Area, cleaned["area"]) is None:
        raise ValidationFailed({"area": ["Unknown area."]})
    return cleaned


def live_row(
    model: Any,
    item: ContentItem,
    revision: ContentRevision,
    *,
    copy: Iterable[str],
    **on_create: Any,
) -> Any:
    """The publish step every kind shares: the kind's live row for `item` (made on the
    first publish, with `on_create`), published at this revision, with its slug, its
    area and the `copy` fields taken from the revision. The kind adds the rest."""
    data = revision.data
    row = db.session.get(model, item.id) or model(id=item.id, **on_create)
    row.slug = item.slug
    row.status = ItemStatus.PUBLISHED
    row.revision = revision.number
    for name in copy:
        setattr(row, name, data.get(name))
    row.area_id = data["area"]
    return row
