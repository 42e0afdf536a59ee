"""Staff: articles through draft, review and publication; the review queue."""

from __future__ import annotations

from parent_app.api.common import (
    Blueprint,
    CursorQuerySchema,
    current_user,
    decode_id_cursor,
    staff_required,
)
from parent_app.api.staff_content import (
    ReviewQueuePageSchema,
    add_lifecycle_routes,
    paginate,
)
from parent_app.content import lifecycle
from parent_app.content.articles import ArticleDataSchema

blp = Blueprint(
    "staff_articles", __name__, description="Staff: articles and the review queue"
)

add_lifecycle_routes(blp, "article", "articles", ArticleDataSchema)


@blp.route("/staff/review-queue")
@staff_required
@blp.arguments(CursorQuerySchema, location="query")
@blp.response(200, ReviewQueuePageSchema)
@blp.alt_response(400, description="malformed cursor")
def review_queue(args):  # type: ignore[no-untyped-def]
    """
    Revisions (articles, nudges, courses) waiting for review in my areas, oldest first
    """
    query = lifecycle.review_queue(
        current_user(), after_id=decode_id_cursor(args.get("cursor"))
    )
    return paginate(query, args, lambda revision: revision.id)
