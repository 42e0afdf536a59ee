"""How many SQL statements each hot read makes, so the number cannot grow unnoticed.
The first read in a worker fills its copy of the published content; later ones reuse
it. If a change needs more queries, change the number here on purpose."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from sqlalchemy import event

from tests.factories import add_baby, make_parent, publish_article
from tests.nudge_helpers import plan, publish_rule

TODAY = date.today()


@contextmanager
def statements(app) -> Iterator[list[str]]:
    from parent_app.extensions import db

    seen: list[str] = []

    def record(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
        seen.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


@pytest.fixture
def family(app, client):
    for n in range(25):
        publish_article(app, f"article-{n}", stage_from_day=-280 + 40 * n)
    for n in range(10):
        publish_rule(app, f"rule-{n}", offset_days=7 * n)
    parent = make_parent(client, area="dorset")
    baby = add_baby(client, parent, date_of_birth=TODAY - timedelta(days=20))
    plan(app, TODAY)
    return parent, baby


# With the read board (the default). The first read of a token in a worker loads the
# sign-in and keeps it with what the read built (no write moved the board meanwhile);
# every later read of unchanged data makes no query at all. The first read of articles
# or the feed also reads the area tree (which wider area the reader's area belongs
# to), kept beside the published content. (path, first read, second read, every later
# read)
READS = {
    "me": ("/api/v1/me", 1, 0, 0),
    "articles": ("/api/v1/articles?limit=20", 4, 0, 0),
    "article": ("/api/v1/articles/article-3", 3, 0, 0),
    # sign-in, the baby with its outbox rows (+ on the first read: the area tree, the
    # feed's articles, the rules' slugs and the published rules)
    "feed": ("/api/v1/feed?baby_id={baby}", 6, 0, 0),
    "timeline": ("/api/v1/babies/{baby}/timeline", 4, 0, 0),
}

# With READ_BOARD off (a deployment on several hosts): the sign-in query also reads
# the content version, so a later read of published content costs that one query
# alone. (path, first read, every later read)
FALLBACK_READS = {
    "me": ("/api/v1/me", 1, 1),
    "articles": ("/api/v1/articles?limit=20", 4, 1),
    "article": ("/api/v1/articles/article-3", 3, 1),
    "feed": ("/api/v1/feed?baby_id={baby}", 6, 2),
    "timeline": ("/api/v1/babies/{baby}/timeline", 4, 2),
}


@pytest.mark.parametrize("name", list(READS))
def test_queries_per_read(app, client, family, name):
    parent, baby = family
    path, first, second, later = READS[name]
    path = path.format(baby=baby["id"])
    for expected in (first, second, later, later):
        with statements(app) as seen:
            response = client.get(path, headers=parent["headers"])
        assert response.status_code == 200, response.get_json()
        assert len(seen) == expected, seen


@pytest.fixture
def fallback_app(app):
    from config import TestingConfig
    from parent_app import create_app
    from parent_app.extensions import db

    fallback = create_app(
        {**app.config, "BASE_CONFIG": TestingConfig, "READ_BOARD": False}
    )
    assert "read_board" not in fallback.extensions
    yield fallback
    with fallback.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("name", list(FALLBACK_READS))
def test_queries_per_read_without_the_board(app, fallback_app, family, name):
    parent, baby = family
    path, first, later = FALLBACK_READS[name]
    path = path.format(baby=baby["id"])
    client = fallback_app.test_client()
    with statements(fallback_app) as seen:
        response = client.get(path, headers=parent["headers"])
    assert response.status_code == 200, response.get_json()
    assert len(seen) == first, seen
    for _ in range(2):
        with statements(fallback_app) as seen:
            assert client.get(path, headers=parent["headers"]).status_code == 200
        assert len(seen) == later, seen


def test_anonymous_reads_make_no_query_once_warm(app, client, family):
    for path in ["/api/v1/articles", "/api/v1/articles/article-3"]:
        client.get(path)
        with statements(app) as seen:
            assert client.get(path).status_code == 200
        assert seen == []


# Milestones the family ticks show in the feed's key dates and the timeline: one query
# reads every mark of the baby (without the board; with it, none once warm), so
# ticking more of them adds no query.
TICKED = [
    "review-6-8-weeks",
    "imms-8-weeks",
    "imms-12-weeks",
    "imms-16-weeks",
    "birth-registered",
]


@pytest.mark.parametrize("name", ["feed", "timeline"])
def test_ticked_milestones_add_no_queries(app, fallback_app, client, name):
    parent = make_parent(client, area="dorset")
    baby = add_baby(client, parent, date_of_birth=TODAY - timedelta(days=20))
    for n, key in enumerate(TICKED):
        publish_rule(app, f"rule-{key}", offset_days=30 + 7 * n, milestone=key)
    plan(app, TODAY)
    path, first, later = FALLBACK_READS[name]
    path = path.format(baby=baby["id"])
    reader = fallback_app.test_client()
    counts = []
    for ticked in (1, len(TICKED)):
        for key in TICKED[:ticked]:
            marked = client.put(
                f"/api/v1/babies/{baby['id']}/milestones/{key}",
                json={"status": "booked"},
                headers=parent["headers"],
            )
            assert marked.status_code == 200, marked.get_json()
        with statements(fallback_app) as seen:
            response = reader.get(path, headers=parent["headers"])
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        entries = body["key_dates"] if name == "feed" else body
        booked = {e["milestone"] for e in entries if e["milestone_status"] == "booked"}
        assert booked == set(TICKED[:ticked])
        with statements(fallback_app) as again:
            assert reader.get(path, headers=parent["headers"]).status_code == 200
        counts.append((len(seen), len(again)))
    # The first read also fills this worker's copy of the published content.
    assert counts[0][0] <= first + 1, counts
    assert [again for _, again in counts] == [later + 1, later + 1], counts
