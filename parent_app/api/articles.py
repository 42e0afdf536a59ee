"""Published articles, topics and areas, for parents and their apps (public reads)."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, ValidationError, fields, post_dump, validate

from parent_app.accounts.areas import list_areas
from parent_app.api.common import (
    Blueprint,
    CursorQuerySchema,
    IsoDateTime,
    PageSchema,
    SyncToken,
    decode_id_cursor,
    json_body,
    json_response,
    optional_user,
    paginate,
    read_only,
)
from parent_app.content import articles
from parent_app.content.vocab import (
    ARTICLE_TOPICS,
    AUDIENCES,
    MAX_STAGE_DAY,
    MIN_STAGE_DAY,
    SLUG_PATTERN,
)
from parent_app.errors import NotFound
from parent_app.models.versions import CONTENT, VersionedCache

blp = Blueprint("articles", __name__, description="Published articles and vocabularies")


class ArticleSchema(Schema):
    id = fields.Integer()
    slug = fields.String()
    status = fields.String()
    revision = fields.Integer()
    title = fields.String()
    summary = fields.String()
    body_html = fields.String()
    topic = fields.String()
    audience = fields.String()
    stage = fields.Method("_stage")
    stage_from_day = fields.Integer(allow_none=True)
    stage_to_day = fields.Integer(allow_none=True)
    age_basis = fields.String()
    area = fields.String(attribute="area_id")
    language = fields.String()
    source = fields.Method("_source")
    review_by = fields.Date()
    reading_minutes = fields.Integer()
    updated_at = IsoDateTime()

    def _stage(self, article):  # type: ignore[no-untyped-def]
        return "preconception" if article.is_preconception else None

    def _source(self, article):  # type: ignore[no-untyped-def]
        return {"name": article.source_name, "url": article.source_url}


class ArticleListItemSchema(ArticleSchema):
    class Meta:
        exclude = ("body_html",)

    @post_dump(pass_original=True)
    def _tombstone(self, data, original, **kwargs):  # type: ignore[no-untyped-def]
        if data["status"] == "archived":
            return {
                "id": data["id"],
                "slug": data["slug"],
                "status": "archived",
                "updated_at": data["updated_at"],
            }
        return data


class ArticlePageSchema(PageSchema):
    items = fields.List(fields.Nested(ArticleListItemSchema))


def _no_control_characters(value: str) -> None:
    if any(ord(c) < 32 or ord(c) == 127 for c in value):
        raise ValidationError("Remove the control characters.")


class ArticleQuerySchema(CursorQuerySchema):
    topic = fields.String(validate=validate.OneOf(list(ARTICLE_TOPICS)))
    audience = fields.String(validate=validate.OneOf(AUDIENCES))
    area = fields.String(
        validate=[
            validate.Length(max=64),
            validate.Regexp(SLUG_PATTERN, error="Unknown area."),
        ]
    )
    stage_day = fields.Integer(validate=validate.Range(MIN_STAGE_DAY, MAX_STAGE_DAY))
    q = fields.String(
        validate=[validate.Length(min=1, max=100), _no_control_characters]
    )
    updated_since = SyncToken()


class TopicSchema(Schema):
    id = fields.String()
    name = fields.String()


class AreaSchema(Schema):
    id = fields.String()
    name = fields.String()
    region = fields.String(allow_none=True)
    is_national = fields.Boolean()
    parent_code = fields.String(
        allow_none=True,
        metadata={"description": "The wider area this one belongs to, if any."},
    )


@blp.route("/articles")
@blp.etag
@read_only
# An instance, not the class: webargs would build a schema on every request.
@blp.arguments(ArticleQuerySchema(), location="query")
@blp.response(200, ArticlePageSchema)
@blp.alt_response(304, description="not modified (If-None-Match)")
@blp.alt_response(400, description="malformed cursor")
@blp.alt_response(422, description="invalid filter")
def list_articles(args):  # type: ignore[no-untyped-def]
    """
    Published articles, filtered; with updated_since, archived ones come as tombstones

    ---
    A signed-in parent sees national articles and their household's area; `area` narrows
    that, never widens it. Anonymous readers see national articles, or one `area`'s.
    Unknown query parameters are a 422.
    """
    readable = articles.reader_areas(optional_user())
    key = (
        tuple(readable) if readable is not None else None,
        tuple(sorted((name, str(value)) for name, value in args.items())),
    )
    body, etag = _pages.get(key, lambda: json_body(_article_page(readable, args)))
    return json_response(blp, body, etag)


# Published content, rendered once per content version in each worker: a page depends
# only on the areas the reader may see and the query, never on who is asking.
_pages: VersionedCache[tuple[bytes, str]] = VersionedCache(CONTENT)
_articles: VersionedCache[tuple[bytes, str] | None] = VersionedCache(
    CONTENT, max_entries=1024
)


def _article_page(readable: list[str] | None, args: dict[str, Any]) -> Any:
    sync_since = articles.latest_change(readable, args.get("area"))
    query = articles.list_articles(
        readable=readable,
        topic=args.get("topic"),
        audience=args.get("audience"),
        area=args.get("area"),
        stage_day=args.get("stage_day"),
        q=args.get("q"),
        updated_since=args.get("updated_since"),
        after_id=decode_id_cursor(args.get("cursor")),
    )
    return ArticlePageSchema().dump(
        paginate(query, args, lambda a: a.id, sync_since=sync_since)
    )


@blp.route("/articles/<string:slug>")
@blp.etag
@read_only
@blp.response(200, ArticleSchema)
@blp.alt_response(304, description="not modified (If-None-Match)")
@blp.alt_response(404, description="no published article")
def get_article(slug):  # type: ignore[no-untyped-def]
    """One published article, its body as sanitised HTML

    ---
    For a signed-in parent, only in their areas (another area's article is a 404).
    """
    readable = articles.reader_areas(optional_user())

    def build() -> tuple[bytes, str] | None:
        try:
            article = articles.get_published_article(slug, readable)
        except NotFound:
            return None
        return json_body(ArticleSchema().dump(article))

    found = _articles.get(
        (slug, tuple(readable) if readable is not None else None), build
    )
    if found is None:
        raise NotFound("No published article with this slug.")
    return json_response(blp, *found)


@blp.route("/topics")
@blp.etag
@blp.response(200, TopicSchema(many=True))
def list_topics():  # type: ignore[no-untyped-def]
    """The article topics"""
    return [{"id": key, "name": name} for key, name in ARTICLE_TOPICS.items()]


@blp.route("/areas")
@blp.etag
@blp.response(200, AreaSchema(many=True))
def get_areas():  # type: ignore[no-untyped-def]
    """The family hub areas (and the national pseudo-area)"""
    return list_areas()
