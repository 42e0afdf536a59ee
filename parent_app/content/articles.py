"""Articles: validation, Markdown to safe HTML, publishing, and the parent-facing
queries."""

from __future__ import annotations

import math
import re
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

import nh3
from markdown_it import MarkdownIt
from marshmallow import ValidationError, fields, validate
from sqlalchemy import Select, and_, false, func, or_, select

from parent_app.accounts.areas import area_and_wider
from parent_app.content.kinds import ContentKind, live_row, load_revision_data
from parent_app.content.sync import changed_since, mark_changed
from parent_app.content.vocab import (
    AGE_BASES,
    ARTICLE_TOPICS,
    AUDIENCES,
    LANGUAGES,
    MAX_SLUG_LENGTH,
    SLUG_PATTERN,
    StagedContentSchema,
)
from parent_app.domain.lifecycle import ItemStatus
from parent_app.errors import NotFound
from parent_app.extensions import db
from parent_app.models.accounts import NATIONAL_AREA
from parent_app.models.content import Article, ContentItem, ContentRevision

WORDS_PER_MINUTE = 200
MAX_BODY_CHARS = 60_000
_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
ALLOWED_TAGS = {
    "p",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "br",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
LINK_SCHEMES = {"https", "http", "mailto", "tel"}
# The same parser with raw HTML switched on and every link let through, only to find
# what an author wrote that the renderer would have to throw away: raw HTML, unsafe
# links, images.
_inspector = MarkdownIt("commonmark", {"html": True, "linkify": False}).enable("table")
_inspector.validateLink = lambda url: True  # type: ignore[method-assign]
# A tag, a closing tag, a comment or a declaration: text fields are plain text, never
# markup.
_MARKUP = re.compile(r"<\s*[A-Za-z/!?]")
# C0 controls other than tab, newline and carriage return (PostgreSQL cannot store NUL).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(value: str) -> None:
    """A field shown as text (title, summary, source name): no markup, no control
    characters."""
    if _CONTROL.search(value):
        raise ValidationError("Remove the control characters.")
    if _MARKUP.search(value):
        raise ValidationError("Write plain text: HTML tags are not allowed here.")


def markdown_body(value: str) -> None:
    """Markdown only: raw HTML, links other than https/http/mailto/tel, and images are
    refused (the renderer would drop them; saying so beats silently losing them)."""
    if _CONTROL.search(value):
        raise ValidationError("Remove the control characters.")
    problems: list[str] = []
    for token in _inspector.parse(value):
        for tok in [token, *(token.children or [])]:
            if tok.type in ("html_block", "html_inline"):
                problems.append("Raw HTML is not allowed: write Markdown.")
            elif tok.type == "image":
                problems.append("Images are not supported in articles.")
            elif tok.type == "link_open":
                href = re.sub(r"[\s\x00-\x1f]+", "", str(tok.attrs.get("href", "")))
                scheme = urlsplit(href).scheme.lower() if ":" in href else ""
                if scheme and scheme not in LINK_SCHEMES:
                    problems.append(
                        f"Links may only use {', '.join(sorted(LINK_SCHEMES))}."
                    )
    if problems:
        raise ValidationError(sorted(set(problems)))


class ArticleDataSchema(StagedContentSchema):
    """The fields of one article revision (the staff API and the catalogue share it)."""

    slug = fields.String(
        required=True,
        validate=[
            validate.Length(min=1, max=MAX_SLUG_LENGTH),
            validate.Regexp(
                SLUG_PATTERN, error="Use lowercase letters, digits and hyphens."
            ),
        ],
    )
    title = fields.String(
        required=True, validate=[validate.Length(min=3, max=120), plain_text]
    )
    summary = fields.String(
        required=True, validate=[validate.Length(min=3, max=240), plain_text]
    )
    body = fields.String(
        required=True,
        validate=[validate.Length(min=1, max=MAX_BODY_CHARS), markdown_body],
    )
    topic = fields.String(required=True, validate=validate.OneOf(list(ARTICLE_TOPICS)))
    audience = fields.String(
        load_default="everyone", validate=validate.OneOf(AUDIENCES)
    )
    age_basis = fields.String(
        load_default="chronological", validate=validate.OneOf(AGE_BASES)
    )
    area = fields.String(
        load_default=NATIONAL_AREA,
        validate=[
            validate.Length(min=1, max=64),
            validate.Regexp(SLUG_PATTERN, error="Unknown area."),
        ],
    )
    language = fields.String(load_default="en", validate=validate.OneOf(LANGUAGES))
    source_name = fields.String(
        required=True, validate=[validate.Length(min=2, max=200), plain_text]
    )
    source_url = fields.Url(
        required=True, schemes={"https", "http"}, validate=validate.Length(max=500)
    )
    review_by = fields.Date(required=True)


def validate_article(data: dict[str, Any]) -> dict[str, Any]:
    """Clean article data (JSON-ready) or raise a 422 naming each field."""
    cleaned = load_revision_data(ArticleDataSchema(), data)
    cleaned["review_by"] = cleaned["review_by"].isoformat()
    return cleaned


def render_markdown(markdown: str) -> str:
    """Markdown to HTML that cannot run script: raw HTML is escaped by the parser, then
    the output is cleaned by nh3 (tags and attributes allow-listed, links kept,
    rel=noopener)."""
    html = _markdown.render(markdown)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"https", "http", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )


def _plain_text(markdown: str) -> str:
    return re.sub(r"[#*_>`\[\]()!|-]+", " ", markdown)


def reading_minutes(markdown: str) -> int:
    return max(1, math.ceil(len(_plain_text(markdown).split()) / WORDS_PER_MINUTE))


def _publish(item: ContentItem, revision: ContentRevision, now: datetime) -> None:
    data = revision.data
    article = live_row(
        Article,
        item,
        revision,
        copy=(
            "title",
            "summary",
            "topic",
            "audience",
            "age_basis",
            "language",
            "source_name",
            "source_url",
        ),
        published_at=now,
    )
    article.body_markdown = data["body"]
    article.body_html = render_markdown(data["body"])
    article.search_text = " ".join(
        [data["title"], data["summary"], _plain_text(data["body"])]
    ).lower()
    article.is_preconception = data.get("stage") == "preconception"
    article.stage_from_day = data.get("stage_from_day")
    article.stage_to_day = data.get("stage_to_day")
    article.review_by = datetime.fromisoformat(data["review_by"]).date()
    article.reading_minutes = reading_minutes(data["body"])
    mark_changed(article, now)
    db.session.add(article)


def _archive(item: ContentItem, now: datetime) -> None:
    article = db.session.get(Article, item.id)
    if article is not None:
        article.status = ItemStatus.ARCHIVED
        mark_changed(article, now)


ARTICLE_KIND = ContentKind("article", validate_article, _publish, _archive)


def visible_areas(area_id: str | None) -> list[str]:
    """National, the area, and the wider areas it belongs to."""
    if not area_id or area_id == NATIONAL_AREA:
        return [NATIONAL_AREA]
    return [NATIONAL_AREA, *area_and_wider(area_id)]


def reader_areas(user: Any) -> list[str] | None:
    """The areas whose content a signed-in reader sees: national and their household's
    area (a partner who joined a family reads that family's area); staff see their own
    areas. None for an anonymous reader, who sees national content or picks one area."""
    if user is None:
        return None
    if user.is_staff:
        return sorted({NATIONAL_AREA, *user.staff_area_ids})
    return visible_areas(user.household.area_id if user.household else user.area_id)


def _areas(readable: list[str] | None, area: str | None) -> list[str]:
    """An `area` filter narrows what the reader may see; it never widens it."""
    if readable is None:
        return [area] if area else [NATIONAL_AREA]
    return [a for a in readable if a == area] if area else readable


def search_terms(q: str | None) -> list[str]:
    """Words to look for, normalised exactly as the stored search text is."""
    return _plain_text(q or "").lower().split()[:8]


def list_articles(
    *,
    readable: list[str] | None,
    topic: str | None = None,
    audience: str | None = None,
    area: str | None = None,
    stage_day: int | None = None,
    q: str | None = None,
    updated_since: int | datetime | None = None,
    after_id: int | None = None,
) -> Select[tuple[Article]]:
    """Published articles in the `readable` areas (see reader_areas), in a stable id
    order; with `updated_since` (a change number from `latest_change`, or for older
    clients an instant), the ones changed since, archived ones too (as tombstones) so
    offline caches can drop them."""
    query = select(Article)
    if updated_since is not None:
        query = query.where(changed_since(Article, updated_since))
    else:
        query = query.where(Article.status == ItemStatus.PUBLISHED)
    areas = _areas(readable, area)
    query = query.where(Article.area_id.in_(areas) if areas else false())
    if topic:
        query = query.where(Article.topic == topic)
    if audience:
        query = query.where(
            Article.audience.in_(["everyone", audience])
            if audience != "everyone"
            else Article.audience == "everyone"
        )
    if stage_day is not None:
        query = query.where(
            and_(Article.stage_from_day <= stage_day, Article.stage_to_day >= stage_day)
        )
    # A portable search (LIKE over a lower-cased plain-text column) that behaves the
    # same on SQLite and PostgreSQL: every word must appear in the title, summary or
    # body.
    for term in search_terms(q):
        escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        query = query.where(Article.search_text.like(f"%{escaped}%", escape="\\"))
    if after_id is not None:
        query = query.where(Article.id > after_id)
    return query.order_by(Article.id)


def latest_change(readable: list[str] | None, area: str | None = None) -> int:
    """The newest change number (published or archived) in the areas a reader lists: a
    client that syncs from it misses nothing there (read it before the page, so a
    change committed in between comes again next time rather than never), and a change
    elsewhere leaves its ETag alone."""
    areas = _areas(readable, area)
    if not areas:
        return 0
    return int(
        db.session.scalar(
            select(func.max(Article.change_seq)).where(Article.area_id.in_(areas))
        )
        or 0
    )


def get_published_article(slug: str, readable: list[str] | None = None) -> Article:
    """A published article by slug; for a signed-in reader only in their areas (404
    else)."""
    if len(slug) > MAX_SLUG_LENGTH or not re.match(SLUG_PATTERN, slug):
        raise NotFound("No published article with this slug.")
    query = select(Article).where(
        Article.slug == slug, Article.status == ItemStatus.PUBLISHED
    )
    if readable is not None:
        query = query.where(Article.area_id.in_(readable))
    article = db.session.scalar(query)
    if article is None:
        raise NotFound("No published article with this slug.")
    return article


def phase_filter(*, is_born: bool) -> Any:
    """Articles for the side of the birth the family is on. A window that ends on or
    before the due date (`stage_to_day <= 0`) is about pregnancy, one that starts on or
    after it (`stage_from_day >= 0`) about a baby: a born baby never gets the first,
    even on the birth day, and a pregnancy (even overdue) never gets the second."""
    if is_born:
        return or_(Article.stage_from_day >= 0, Article.stage_to_day > 0)
    return Article.stage_from_day < 0


def stage_filter(stage_day: int, corrected_stage_day: int | None) -> Any:
    """Articles whose window holds the baby's stage, judged by corrected age where they
    ask."""
    chronological = and_(
        Article.stage_from_day <= stage_day, Article.stage_to_day >= stage_day
    )
    if corrected_stage_day is None:
        return chronological
    corrected = and_(
        Article.stage_from_day <= corrected_stage_day,
        Article.stage_to_day >= corrected_stage_day,
    )
    return or_(
        and_(Article.age_basis == "chronological", chronological),
        and_(Article.age_basis == "corrected", corrected),
    )
