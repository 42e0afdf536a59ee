"""Loads the starter catalogue (articles, nudge rules, locations, courses) by slug,
never over staff work."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from importlib import resources
from typing import Any

import frontmatter

from parent_app.content.kinds import get_kind, known_kinds
from parent_app.content.lifecycle import publish_from_catalogue
from parent_app.errors import ValidationFailed

# folder -> (content kind, the name the Markdown body is stored under)
FOLDERS: dict[str, tuple[str, str]] = {
    "articles": ("article", "body"),
    "nudges": ("nudge_rule", "body"),
    # Before the courses, which may be held at one of them.
    "locations": ("location", "description"),
    "courses": ("course", "description"),
}


@dataclass
class LoadReport:
    created_or_changed: dict[str, int] = field(default_factory=dict)
    unchanged: dict[str, int] = field(default_factory=dict)
    # "folder/file.md: why" for every item left alone because staff have it
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _json_ready(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_ready(v) for v in value]
    return value


def read_folder(folder: str) -> list[tuple[str, dict[str, Any]]]:
    """(file name, data) for every Markdown file of a catalogue folder, sorted by
    name."""
    kind_body = FOLDERS[folder][1]
    root = resources.files("parent_app.content.catalogue") / folder
    if not root.is_dir():
        return []
    items = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".md"):
            continue
        post = frontmatter.loads(entry.read_text(encoding="utf-8"))
        data = _json_ready(dict(post.metadata))
        data[kind_body] = post.content.strip()
        items.append((entry.name, data))
    return items


def load_catalogue(*, now: datetime, kinds: set[str] | None = None) -> LoadReport:
    """Create the catalogue items that are missing and update those still exactly as
    the catalogue last left them; an item staff have touched is skipped and reported,
    and a file that does not validate is reported, not loaded."""
    report = LoadReport()
    for folder, (kind, _) in FOLDERS.items():
        if kind not in known_kinds() or (kinds and kind not in kinds):
            continue
        for name, data in read_folder(folder):
            try:
                result = publish_from_catalogue(kind, data, now=now)
            except ValidationFailed as exc:
                report.errors.append(f"{folder}/{name}: {exc.fields}")
                continue
            if result.action == "skipped":
                report.skipped.append(f"{folder}/{name}: {result.reason}")
                continue
            hook = get_kind(kind).after_catalogue_load
            if hook is not None:
                hook(result.item, data, now)
            changed = result.action != "unchanged"
            bucket = report.created_or_changed if changed else report.unchanged
            bucket[kind] = bucket.get(kind, 0) + 1
    return report
