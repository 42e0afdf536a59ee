"""One question a page (the GOV.UK "question pages" pattern): the answers so far
live in the session cookie under one key per journey, until the journey's service
decides."""

from __future__ import annotations

from typing import Any

from flask import session


def answers_so_far(journey: str) -> dict[str, Any]:
    stored = session.get(journey)
    return dict(stored) if isinstance(stored, dict) else {}


def keep_answer(journey: str, name: str, value: Any) -> None:
    answers = answers_so_far(journey)
    answers[name] = value
    session[journey] = answers


def forget_answers(journey: str) -> None:
    session.pop(journey, None)


def next_step(steps: list[str], answers: dict[str, Any]) -> str | None:
    """The first question not answered yet, or None when all are."""
    return next((step for step in steps if step not in answers), None)


def step_before(steps: list[str], step: str) -> str | None:
    index = steps.index(step) if step in steps else 0
    return steps[index - 1] if index > 0 else None
