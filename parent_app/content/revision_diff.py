"""A side-by-side diff of two revisions of a content item, field by field, with the
changed words marked (difflib). Text stays text: the template escapes every piece."""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from parent_app.domain.stage_input import describe_window

FIELD_LABELS: dict[str, dict[str, str]] = {
    "article": {
        "title": "Title",
        "summary": "Summary",
        "body": "Body",
        "stage": "Stage",
        "topic": "Topic",
        "audience": "Audience",
        "age_basis": "Age basis",
        "area": "Area",
        "language": "Language",
        "source_name": "Source name",
        "source_url": "Source link",
        "review_by": "Review by",
    },
    "nudge_rule": {
        "title": "Push title",
        "body": "Push text",
        "timing": "Timing",
        "age_basis": "Age basis",
        "corrected_until_days": "Corrected age used until (days)",
        "cohort": "Babies born",
        "audience": "Audience",
        "area": "Area",
        "topic": "Topic",
        "send_window_days": "May still be sent for (days)",
        "ttl_seconds": "Push kept for (seconds)",
        "urgency": "Urgency",
        "article_slug": "Linked article",
        "milestone": "Milestone it serves",
        "follow_up_days": "Remind again after (days)",
        "follow_up_title": "Follow-up title",
        "follow_up_body": "Follow-up text",
    },
    "course": {
        "title": "Title",
        "summary": "Summary",
        "description": "Description",
        "stage": "Stage",
        "kind": "Kind",
        "topic": "Topic",
        "audience": "Audience",
        "area": "Area",
        "delivery": "Delivery",
        "location": "Location",
        "online_url": "Joining link",
        "provider": "Provider",
        "cost_pence": "Cost (pence)",
        "sessions": "Session pattern",
        "location_slug": "Held at (location)",
    },
    "location": {
        "name": "Name",
        "description": "About the place",
        "address_lines": "Address",
        "town": "Town",
        "postcode": "Postcode",
        "opening_times": "Opening times",
        "phone": "Phone",
        "accessibility": "Getting there and access",
        "area": "Area",
        "source_name": "Source",
        "source_url": "Source address",
        "review_by": "Check again by",
    },
}
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass(frozen=True)
class Piece:
    text: str
    is_changed: bool = False


@dataclass(frozen=True)
class DiffLine:
    left: tuple[Piece, ...] | None  # None: no line on this side
    right: tuple[Piece, ...] | None
    is_changed: bool


@dataclass(frozen=True)
class FieldDiff:
    label: str
    lines: tuple[DiffLine, ...]
    is_changed: bool


def stage_words(data: dict[str, Any]) -> str:
    if data.get("stage") == "preconception":
        return "Preconception"
    start, end = data.get("stage_from_day"), data.get("stage_to_day")
    if start is None or end is None:
        return ""
    return f"{describe_window(start, end)} (days {start} to {end})"


def _words(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dict | list):
        return json.dumps(value, indent=1, sort_keys=True, ensure_ascii=False)
    return str(value)


def display_fields(
    kind: str,
    data: dict[str, Any] | None,
    *,
    area_names: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """A revision's fields as the words staff read, in a fixed order; the area by its
    name in `area_names` (by id)."""
    if data is None:
        return {}
    shown = dict(data)
    if area_names and data.get("area") in area_names:
        shown["area"] = area_names[data["area"]]
    if kind in ("article", "course"):
        shown["stage"] = stage_words(data)
    if kind == "nudge_rule":
        anchor = "due date" if data.get("anchor") == "due_date" else "birth"
        shown["timing"] = f"{data.get('offset_days')} days from the {anchor}"
        cohort = [
            f"from {data['born_from']}" if data.get("born_from") else "",
            f"until {data['born_until']}" if data.get("born_until") else "",
        ]
        shown["cohort"] = " ".join(c for c in cohort if c) or "any date"
    labels = FIELD_LABELS.get(kind, {})
    return {label: _words(shown.get(name)) for name, label in labels.items()}


def _pieces(tokens: list[str], changed: set[int]) -> tuple[Piece, ...]:
    # A space between two changed words is part of the change (one mark, not many).
    changed = changed | {
        i
        for i, token in enumerate(tokens)
        if token.isspace() and i - 1 in changed and i + 1 in changed
    }
    pieces: list[Piece] = []
    for index, token in enumerate(tokens):
        flag = index in changed
        if pieces and pieces[-1].is_changed == flag:
            pieces[-1] = Piece(pieces[-1].text + token, flag)
        else:
            pieces.append(Piece(token, flag))
    return tuple(pieces)


def _line_pair(old: str, new: str) -> DiffLine:
    """Two versions of one line with the changed words marked on each side."""
    a, b = _TOKENS.findall(old), _TOKENS.findall(new)
    removed: set[int] = set()
    added: set[int] = set()
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed.update(range(i1, i2))
            added.update(range(j1, j2))
    return DiffLine(_pieces(a, removed), _pieces(b, added), old != new)


def diff_text(old: str, new: str) -> tuple[DiffLine, ...]:
    """Line by line; replaced lines are paired and their changed words marked."""
    a, b = old.splitlines() or [""], new.splitlines() or [""]
    lines: list[DiffLine] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            lines += [
                DiffLine((Piece(line),), (Piece(line),), False) for line in a[i1:i2]
            ]
            continue
        olds, news = a[i1:i2], b[j1:j2]
        for index in range(max(len(olds), len(news))):
            if index < len(olds) and index < len(news):
                lines.append(_line_pair(olds[index], news[index]))
            elif index < len(olds):
                lines.append(DiffLine((Piece(olds[index], True),), None, True))
            else:
                lines.append(DiffLine(None, (Piece(news[index], True),), True))
    return tuple(lines)


def diff_revisions(
    kind: str,
    old: dict[str, Any] | None,
    new: dict[str, Any],
    *,
    area_names: Mapping[str, str] | None = None,
) -> list[FieldDiff]:
    """Every field of `new` beside `old` (None: nothing is live yet)."""
    before = display_fields(kind, old, area_names=area_names)
    after = display_fields(kind, new, area_names=area_names)
    return [
        FieldDiff(
            label,
            diff_text(before.get(label, ""), text),
            before.get(label, "") != text,
        )
        for label, text in after.items()
    ]
