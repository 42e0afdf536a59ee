"""Articles by topic, and an article page with its source and review date."""

from __future__ import annotations

from flask import g, render_template, request

from parent_app.content import articles
from parent_app.content.vocab import ARTICLE_TOPICS
from parent_app.domain.safeguarding import SAFEGUARDING_ARTICLES
from parent_app.extensions import db
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc
from parent_app.web.session import signed_in_user

PAGE_SIZE = 20


def _reader():  # type: ignore[no-untyped-def]
    """Articles are open to everyone; a signed-in parent also sees their area's."""
    user = signed_in_user("parent", now=now_utc())
    db.session.commit()
    g.current_user = user
    return user


@bp.route("/articles", endpoint="articles")
def article_list():  # type: ignore[no-untyped-def]
    user = _reader()
    topic = request.args.get("topic")
    if topic not in ARTICLE_TOPICS:
        topic = None
    after = request.args.get("after", type=int)
    rows = list(
        db.session.scalars(
            articles.list_articles(
                readable=articles.reader_areas(user), topic=topic, after_id=after
            ).limit(PAGE_SIZE + 1)
        )
    )
    return render_template(
        "parent/articles.html",
        title=ARTICLE_TOPICS[topic] if topic else "Articles",
        topics=ARTICLE_TOPICS,
        topic=topic,
        articles=rows[:PAGE_SIZE],
        next_after=rows[PAGE_SIZE - 1].id if len(rows) > PAGE_SIZE else None,
    )


@bp.route("/articles/<slug>", endpoint="article")
def article_page(slug: str):  # type: ignore[no-untyped-def]
    user = _reader()
    article = articles.get_published_article(slug, articles.reader_areas(user))
    return render_template(
        "parent/article.html",
        title=article.title,
        article=article,
        topic_name=ARTICLE_TOPICS.get(article.topic, article.topic),
        nav="parent.articles",
        quick_exit=article.slug in SAFEGUARDING_ARTICLES,
    )
