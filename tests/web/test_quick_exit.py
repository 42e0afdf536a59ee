""" "Leave this site": always on the domestic abuse article, and on every page for a
parent who keeps their notifications private; a plain link that works without
JavaScript, and no inline script (the CSP forbids it)."""

from __future__ import annotations

import re

from tests.factories import publish_article
from tests.web.helpers import submit, text_of
from tests.web.parent_helpers import sign_up

EXIT = "https://www.bbc.co.uk/weather"


def _exit_links(page) -> list[str]:
    return re.findall(
        r'<a href="([^"]+)"[^>]*data-quick-exit', page.get_data(as_text=True)
    )


def _settings(discreet: bool) -> dict[str, str]:
    fields = {"reminder_time": "10:00", "timezone": "Europe/London"}
    return {**fields, "discreet": "y"} if discreet else fields


def test_the_domestic_abuse_article_always_offers_a_quick_exit(app, client):
    publish_article(app, "domestic-abuse-help")
    publish_article(app, "sleep-safely")
    page = client.get("/articles/domestic-abuse-help")
    assert page.status_code == 200
    assert _exit_links(page) == [EXIT]
    assert "Leave this site" in text_of(page)
    assert "press Escape twice" in text_of(page)
    assert _exit_links(client.get("/articles/sleep-safely")) == []
    sign_up(client)
    assert _exit_links(client.get("/articles/domestic-abuse-help")) == [EXIT]
    assert _exit_links(client.get("/")) == []


def test_a_discreet_parent_gets_a_quick_exit_on_every_page(app, client):
    sign_up(client)
    assert _exit_links(client.get("/")) == []
    saved = submit(client, "/notifications/settings", _settings(discreet=True))
    assert saved.status_code == 302
    settings = client.get("/notifications/settings").get_data(as_text=True)
    assert re.search(r'name="discreet"[^>]*checked', settings)
    for path in ("/", "/articles", "/notifications", "/account"):
        assert _exit_links(client.get(path)) == [EXIT], path
    me = client.get("/api/v1/me")  # the web session is not an API token
    assert me.status_code == 401

    submit(client, "/notifications/settings", _settings(discreet=False))
    assert _exit_links(client.get("/")) == []


def test_quick_exit_pages_run_no_inline_script(app, client):
    publish_article(app, "domestic-abuse-help")
    page = client.get("/articles/domestic-abuse-help")
    nonce = re.search(
        r"'nonce-([^']+)'", page.headers["Content-Security-Policy"]
    ).group(1)
    for tag in re.findall(r"<script[^>]*>", page.get_data(as_text=True)):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag
    assert "/static/js/parent.js" in page.get_data(as_text=True)
