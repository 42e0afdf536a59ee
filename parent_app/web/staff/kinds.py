"""The content kinds the console shows, by the collection name in their addresses."""

from __future__ import annotations

from dataclasses import dataclass

from werkzeug.exceptions import NotFound


@dataclass(frozen=True)
class KindPages:
    kind: str  # the content kind: article, nudge_rule, course, location
    collection: str  # its part of the address: /staff/<collection>/
    one: str  # "article", "nudge", "course"
    many: str  # "Articles"


KINDS = {
    "articles": KindPages("article", "articles", "article", "Articles"),
    "nudges": KindPages("nudge_rule", "nudges", "nudge", "Nudges"),
    "courses": KindPages("course", "courses", "course", "Courses"),
    "locations": KindPages("location", "locations", "location", "Locations"),
}
BY_KIND = {pages.kind: pages for pages in KINDS.values()}
COLLECTIONS = "any(articles, nudges, courses, locations)"

STATUS_LABELS = {
    "draft": "Draft",
    "in_review": "In review",
    "published": "Published",
    "archived": "Archived",
}
STATUS_COLOURS = {
    "draft": "govuk-tag--grey",
    "in_review": "govuk-tag--yellow",
    "published": "govuk-tag--green",
    "archived": "govuk-tag--red",
}
REVISION_LABELS = {
    "draft": "Draft",
    "in_review": "In review",
    "approved": "Approved",
    "rejected": "Changes requested",
    "superseded": "Replaced",
}


def pages_of(collection: str) -> KindPages:
    pages = KINDS.get(collection)
    if pages is None:
        raise NotFound()
    return pages
