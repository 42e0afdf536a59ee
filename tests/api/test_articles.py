"""Parents read published articles: filters, search, cursors, ETags and sync."""

import pytest

from tests.factories import assert_error, make_parent, publish_article


def _slugs(response):
    assert response.status_code == 200, response.get_json()
    return [a["slug"] for a in response.get_json()["items"]]


def test_filters_by_topic_audience_and_stage(client, app):
    publish_article(
        app,
        "breastfeeding-first-days",
        topic="feeding",
        stage_from_day=0,
        stage_to_day=14,
    )
    publish_article(
        app, "starting-solids", topic="feeding", stage_from_day=150, stage_to_day=240
    )
    publish_article(app, "paternity-leave", topic="leave-and-pay", audience="partner")
    assert _slugs(client.get("/api/v1/articles?topic=feeding")) == [
        "breastfeeding-first-days",
        "starting-solids",
    ]
    assert _slugs(client.get("/api/v1/articles?topic=feeding&stage_day=180")) == [
        "starting-solids"
    ]
    assert "paternity-leave" in _slugs(client.get("/api/v1/articles?audience=partner"))
    assert "paternity-leave" not in _slugs(
        client.get("/api/v1/articles?audience=birthing_parent")
    )


def test_search_matches_words_in_title_summary_and_body(client, app):
    publish_article(
        app, "colostrum", body="Colostrum is the first milk, rich in antibodies."
    )
    publish_article(app, "safer-sleep", body="Put your baby on their back to sleep.")
    assert _slugs(client.get("/api/v1/articles?q=ANTIBODIES")) == ["colostrum"]
    assert _slugs(client.get("/api/v1/articles?q=back sleep")) == ["safer-sleep"]
    assert _slugs(client.get("/api/v1/articles?q=100%25")) == []


def test_cursor_pages_are_stable_when_articles_are_added(client, app):
    for n in range(5):
        publish_article(app, f"article-{n}")
    first = client.get("/api/v1/articles?limit=2").get_json()
    publish_article(app, "article-new")
    second = client.get(
        f"/api/v1/articles?limit=2&cursor={first['next_cursor']}"
    ).get_json()
    third = client.get(
        f"/api/v1/articles?limit=10&cursor={second['next_cursor']}"
    ).get_json()
    seen = [a["slug"] for page in (first, second, third) for a in page["items"]]
    assert seen == [
        "article-0",
        "article-1",
        "article-2",
        "article-3",
        "article-4",
        "article-new",
    ]
    assert third["next_cursor"] is None


@pytest.mark.parametrize("cursor", ["not-base64!!", "W10", "WyJ4Il0", "e30"])
def test_malformed_cursor_is_a_4xx(client, cursor):
    assert_error(client.get(f"/api/v1/articles?cursor={cursor}"), 400, "invalid_cursor")


@pytest.mark.parametrize(
    "query",
    [
        "topic=astrology",
        "limit=0",
        "limit=101",
        "stage_day=abc",
        "updated_since=yesterday",
        "audience=cat",
    ],
)
def test_bad_filters_are_422(client, query):
    assert_error(client.get(f"/api/v1/articles?{query}"), 422)


def test_etag_gives_304_until_something_changes(client, app):
    publish_article(app, "one")
    first = client.get("/api/v1/articles")
    etag = first.headers["ETag"]
    assert (
        client.get("/api/v1/articles", headers={"If-None-Match": etag}).status_code
        == 304
    )
    publish_article(app, "two")
    assert (
        client.get("/api/v1/articles", headers={"If-None-Match": etag}).status_code
        == 200
    )
    single = client.get("/api/v1/articles/one")
    assert (
        client.get(
            "/api/v1/articles/one", headers={"If-None-Match": single.headers["ETag"]}
        ).status_code
        == 304
    )


def test_local_articles_need_the_area(client, app):
    publish_article(app, "hampshire-hubs", area="hampshire")
    assert _slugs(client.get("/api/v1/articles")) == []
    assert _slugs(client.get("/api/v1/articles?area=hampshire")) == ["hampshire-hubs"]
    parent = make_parent(client, area="hampshire")
    assert _slugs(client.get("/api/v1/articles", headers=parent["headers"])) == [
        "hampshire-hubs"
    ]


def test_topics_and_areas_vocabularies(client):
    topics = {t["id"] for t in client.get("/api/v1/topics").get_json()}
    assert {"feeding", "loss-support", "leave-and-pay"} <= topics
    areas = {a["id"] for a in client.get("/api/v1/areas").get_json()}
    assert {"dorset", "hampshire", "isle-of-wight", "national"} <= areas
