"""Helpers for request tests of the web pages: real forms with their CSRF tokens."""

from __future__ import annotations

import re
from typing import Any

from flask.testing import FlaskClient
from werkzeug.test import TestResponse

_CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token_of(page: TestResponse) -> str:
    """The CSRF token in a rendered form (fails the test if the page has none)."""
    match = _CSRF.search(page.get_data(as_text=True))
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


def submit(
    client: FlaskClient, form_url: str, data: dict[str, Any], *, to: str | None = None
) -> TestResponse:
    """Open the form at `form_url` as a browser would, then post `data` with the
    page's CSRF token to `to` (default: the same URL)."""
    token = csrf_token_of(client.get(form_url))
    return client.post(to or form_url, data={**data, "csrf_token": token})


def text_of(page: TestResponse) -> str:
    """The page's visible words, tags removed and spaces collapsed."""
    body = re.sub(
        r"<script.*?</script>|<style.*?</style>",
        " ",
        page.get_data(as_text=True),
        flags=re.S,
    )
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip()
