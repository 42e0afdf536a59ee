"""What each kind's page shows beside its fields: an article's rendered text and
reading check, a nudge's push (and follow-up) on a phone, a course's description."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from parent_app.content.articles import render_markdown
from parent_app.content.reading import (
    LONG_SENTENCE_WORDS,
    LONG_WORD_SYLLABLES,
    check_reading,
)
from parent_app.domain.milestones import STANDARD_FOLLOW_UP_BODY, follow_up_title
from parent_app.milestones.vocabulary import all_milestones
from parent_app.nudges.push_preview import push_looks


def preview_of(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    if kind == "article":
        return {
            # The API's renderer: Markdown to HTML cleaned by nh3, safe to show.
            "html": Markup(render_markdown(data.get("body", ""))),  # noqa: S704
            "reading": check_reading(data.get("body", "")),
            "long_sentence_words": LONG_SENTENCE_WORDS,
            "long_word_syllables": LONG_WORD_SYLLABLES,
        }
    if kind == "nudge_rule":
        return nudge_preview(data)
    if kind == "course":
        return {
            "html": Markup(render_markdown(data.get("description", ""))),  # noqa: S704
        }
    return {}


def nudge_preview(data: dict[str, Any]) -> dict[str, Any]:
    """The push on each kind of phone, and the follow-up's (None without one)."""
    title, body = data.get("title") or "", data.get("body") or ""
    return {"looks": push_looks(title, body), "follow_up": follow_up_preview(data)}


def follow_up_preview(data: dict[str, Any]) -> dict[str, Any] | None:
    """When a rule's follow-up goes, for which milestone (its name), and how it looks:
    the standard words where the rule gives none, as they are published."""
    days, key = data.get("follow_up_days"), data.get("milestone")
    if days is None or not key:
        return None
    names = {m.key: m.title for m in all_milestones()}
    title = data.get("follow_up_title") or follow_up_title(data.get("title") or "")
    body = data.get("follow_up_body") or STANDARD_FOLLOW_UP_BODY
    return {
        "days": days,
        "milestone": names.get(key, key),
        "looks": push_looks(title, body),
    }
