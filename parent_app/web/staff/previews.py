"""What each kind's page shows beside its fields: an article's rendered text and
reading check, a nudge's push on a phone, a course's description."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from parent_app.content.articles import render_markdown
from parent_app.content.reading import (
    LONG_SENTENCE_WORDS,
    LONG_WORD_SYLLABLES,
    check_reading,
)
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
        return {"looks": push_looks(data.get("title", ""), data.get("body", ""))}
    if kind == "course":
        return {
            "html": Markup(render_markdown(data.get("description", ""))),  # noqa: S704
        }
    return {}
