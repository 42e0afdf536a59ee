"""The personal feed: this week's content and the next key dates for one baby."""

from __future__ import annotations

from typing import Any

from marshmallow import Schema, fields, validate

from parent_app.api.articles import ArticleListItemSchema
from parent_app.api.common import (
    MAX_ID,
    Blueprint,
    current_user,
    json_body,
    json_response,
    parent_required,
    parent_today,
    read_only,
)
from parent_app.api.read_cache import family_reads
from parent_app.content.feed import describe_stage, feed_areas, feed_articles
from parent_app.families.babies import find_youngest_baby
from parent_app.models.versions import CONTENT, VersionedCache
from parent_app.nudges.timeline import baby_with_outbox, upcoming_key_dates

blp = Blueprint("feed", __name__, description="What matters this week")


class FeedQuerySchema(Schema):
    baby_id = fields.Integer(
        load_default=None, validate=validate.Range(min=1, max=MAX_ID)
    )


class KeyDateSchema(Schema):
    date = fields.Date()
    title = fields.String()
    topic = fields.String()
    rule = fields.String(
        allow_none=True,
        metadata={"description": "the nudge rule's slug; null for my own reminders"},
    )
    milestone = fields.String(
        allow_none=True, metadata={"description": "the milestone it serves, if any"}
    )
    milestone_status = fields.String(
        allow_none=True,
        metadata={
            "description": "booked, done or not_for_us when the family ticked it "
            "(a done one is no longer due); null otherwise",
        },
    )


class FeedBabySchema(Schema):
    id = fields.Integer()
    name = fields.String(allow_none=True)
    status = fields.String()
    chosen = fields.String(
        metadata={
            "description": "asked (baby_id was given) or youngest (without baby_id: "
            "the household's youngest baby or pregnancy not lost; with none, the "
            "most recent loss)",
            "enum": ["asked", "youngest"],
        }
    )


class FeedSchema(Schema):
    baby = fields.Nested(
        FeedBabySchema,
        allow_none=True,
        metadata={"description": "whose feed this is; null: the household has none"},
    )
    stage = fields.Dict()
    articles = fields.List(fields.Nested(ArticleListItemSchema))
    key_dates = fields.List(fields.Nested(KeyDateSchema))


@blp.route("/feed")
@blp.etag
@read_only
@parent_required
# An instance, not the class: webargs would build a schema on every request.
@blp.arguments(FeedQuerySchema(), location="query")
@blp.response(200, FeedSchema)
@blp.alt_response(404, description="not your baby")
def feed(args):  # type: ignore[no-untyped-def]
    """
    This week's articles for that baby, my role and my area, and the next key dates

    Without `baby_id`, the feed is for the household's youngest baby or pregnancy
    (`baby.chosen: youngest`); preconception content only when there is none.
    """
    today = parent_today()
    body, etag = family_reads.get(
        ("feed", args.get("baby_id"), today),
        lambda: json_body(_feed_of(current_user(), args.get("baby_id"), today)),
    )
    return json_response(blp, body, etag)


def _feed_of(user: Any, baby_id: int | None, today: Any) -> dict[str, Any]:
    asked = baby_id is not None
    if asked:
        baby, outbox = baby_with_outbox(user, baby_id)  # type: ignore[arg-type]
    else:
        baby = find_youngest_baby(user)
        outbox = baby_with_outbox(user, baby.id)[1] if baby is not None else []
    stage = describe_stage(baby, today)
    articles = _articles_for(feed_areas(user), user.role.value, stage)
    key_dates = []
    if baby is not None:
        key_dates = [
            {
                "date": e.date.isoformat(),
                "title": e.title,
                "topic": e.topic,
                "rule": e.slug if e.kind == "nudge" else None,
                "milestone": e.milestone,
                "milestone_status": e.milestone_status,
            }
            for e in upcoming_key_dates(user, baby, today=today, outbox=outbox)
        ]
    return {
        "baby": None
        if baby is None
        else {
            "id": baby.id,
            "name": baby.name,
            "status": baby.status.value,
            "chosen": "asked" if asked else "youngest",
        },
        "stage": stage,
        "articles": articles,
        "key_dates": key_dates,
    }


# The feed's articles depend only on published content, the areas, the role and the
# stage: each worker keeps them, serialised, per content version.
_feed_articles: VersionedCache[list[dict[str, Any]]] = VersionedCache(
    CONTENT, max_entries=4096
)


def _articles_for(
    areas: list[str], role: str, stage: dict[str, Any]
) -> list[dict[str, Any]]:
    # The whole stage, so whatever the query reads of it is in the key.
    key = (tuple(areas), role, tuple(sorted(stage.items())))
    return _feed_articles.get(
        key,
        lambda: ArticleListItemSchema(many=True).dump(
            feed_articles(areas, role, stage)
        ),
    )
