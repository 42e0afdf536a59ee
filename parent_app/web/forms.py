"""What both sides' forms share: CSRF on every POST of a web blueprint."""

from __future__ import annotations

from flask import request

from parent_app.extensions import csrf

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def check_csrf() -> None:
    """Refuse a state-changing request without this session's CSRF token (400), also
    for forms that have no fields but a button (sign out, cancel)."""
    if request.method not in SAFE_METHODS:
        csrf.protect()
