"""The personal feed: this week's content and the next key dates for one baby."""

from __future__ import annotations

from marshmallow import RAISE, Schema, fields, validate

from parent_app.api.articles import ArticleListItemSchema
from parent_app.api.common import (
    MAX_ID,
    Blueprint,
    current_user,
    parent_required,
    parent_today,
)
from parent_app.content.feed import build_feed
from parent_app.families.babies import get_baby_for
from parent_app.nudges.timeline import upcoming_key_dates

blp = Blueprint("feed", __name__, description="What matters this week")


class FeedQuerySchema(Schema):
    baby_id = fields.Integer(
        load_default=None, validate=validate.Range(min=1, max=MAX_ID)
    )


class KeyDateSchema(Schema):
    date = fields.Date()
    title = fields.String()
    topic = fields.String()
    rule = fields.String()


class FeedSchema(Schema):
    stage = fields.Dict()
    articles = fields.List(fields.Nested(ArticleListItemSchema))
    key_dates = fields.List(fields.Nested(KeyDateSchema))


@blp.route("/feed")
@blp.etag
@parent_required
@blp.arguments(FeedQuerySchema, location="query", unknown=RAISE)
@blp.response(200, FeedSchema)
@blp.alt_response(404, description="not your baby")
def feed(args):  # type: ignore[no-untyped-def]
    """
    This week's articles for that baby, my role and my area, and the next key dates
    """
    user = current_user()
    baby = (
        get_baby_for(user, args["baby_id"]) if args.get("baby_id") is not None else None
    )
    today = parent_today()
    feed = build_feed(user, baby, today=today)
    if baby is not None:
        feed.key_dates = [
            {"date": e.date, "title": e.title, "topic": e.topic, "rule": e.slug}
            for e in upcoming_key_dates(user, baby, today=today)
        ]
    return feed
