"""How a nudge's push looks on a phone's lock screen: where its title and text are cut.

The cut-off points are typical, not exact: they vary by phone, font size and language.
They are roughly what Android shows in a collapsed notification and what iOS shows on
the lock screen (title on one line; text on two lines collapsed, four on iOS)."""

from __future__ import annotations

from dataclasses import dataclass

from parent_app.nudges.rules import render_body

# (where, title characters, text characters)
CUTS = (
    ("Android, collapsed", 40, 60),
    ("Android, expanded", 40, 120),
    ("iPhone lock screen", 45, 170),
)
ELLIPSIS = "…"


@dataclass(frozen=True)
class PushLook:
    where: str
    title: str
    body: str
    is_title_cut: bool
    is_body_cut: bool


def _cut(text: str, limit: int) -> tuple[str, bool]:
    if len(text) <= limit:
        return text, False
    return text[: limit - 1].rstrip() + ELLIPSIS, True


def push_looks(
    title: str, body: str, *, baby_name: str | None = None
) -> list[PushLook]:
    """The push as each kind of phone would show it ({baby_name} filled in)."""
    text = render_body(body, baby_name)
    looks = []
    for where, title_chars, body_chars in CUTS:
        shown_title, title_cut = _cut(title, title_chars)
        shown_body, body_cut = _cut(text, body_chars)
        looks.append(PushLook(where, shown_title, shown_body, title_cut, body_cut))
    return looks
