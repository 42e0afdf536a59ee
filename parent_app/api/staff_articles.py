"""Staff: articles through draft, review and publication; the review queue."""

from __future__ import annotations

from parent_app.api.common import Blueprint, current_user, staff_required
from parent_app.api.staff_content import ReviewQueueItemSchema, add_lifecycle_routes
from parent_app.content import lifecycle
from parent_app.content.articles import ArticleDataSchema
from parent_app.extensions import db

blp = Blueprint("staff_articles", __name__, description="Staff: articles and the review queue")

add_lifecycle_routes(blp, "article", "articles", ArticleDataSchema)


@blp.route("/staff/review-queue")
@staff_required
@blp.response(200, ReviewQueueItemSchema(many=True))
def review_queue():  # type: ignore[no-untyped-def]
    """Revisions waiting for review in my areas, oldest first"""
    return db.session.scalars(lifecycle.review_queue(current_user())).all()
