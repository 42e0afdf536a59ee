"""The first load of "This week" stays light enough for a slow phone on a small data
plan: the page, its stylesheets and its scripts, gzip-compressed as a server sends
them, fonts and images excluded."""

from __future__ import annotations

import gzip
import re

from tests.factories import publish_article
from tests.web.parent_helpers import add_pregnancy, sign_up, weeks_ahead

BUDGET_BYTES = 150 * 1024


def _gzipped(client, url: str) -> tuple[int, str]:
    response = client.get(url)
    assert response.status_code == 200, url
    body = response.get_data()
    response.close()
    return len(gzip.compress(body, compresslevel=6)), body.decode("utf-8", "replace")


def first_load_bytes(client) -> dict[str, int]:
    """Compressed bytes of "/" and every stylesheet and script it loads, following
    the scripts' static imports."""
    sizes: dict[str, int] = {}
    size, page = _gzipped(client, "/")
    sizes["/"] = size
    queue = re.findall(r'<link rel="stylesheet" href="([^"]+)"', page)
    queue += re.findall(r'<script type="module" src="([^"]+)"', page)
    while queue:
        url = queue.pop(0)
        if url in sizes:
            continue
        sizes[url], text = _gzipped(client, url)
        if url.endswith(".js"):
            base = url.rsplit("/", 1)[0]
            for target in re.findall(r'import\s*[^"(]*?from\s*"([^"]+)"', text):
                queue.append(_resolve(base, target))
    return sizes


def _resolve(base: str, target: str) -> str:
    parts = base.split("/")
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        elif piece != ".":
            parts.append(piece)
    return "/".join(parts)


def test_this_week_first_load_is_under_150_kb_compressed(app, client):
    for n in range(12):
        publish_article(
            app, f"week-article-{n}", stage_from_day=-200, stage_to_day=-100
        )
    sign_up(client)
    add_pregnancy(client, weeks_ahead(20))
    sizes = first_load_bytes(client)
    assert "/static/nhsuk-frontend/nhsuk-frontend.min.js" in sizes
    assert "/static/nhsuk-frontend/nhsuk-frontend.min.css" in sizes
    total = sum(sizes.values())
    assert total <= BUDGET_BYTES, sizes
    print(f"This week, first load: {total / 1024:.1f} KB compressed: {sizes}")
