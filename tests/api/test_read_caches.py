"""The read caches (published content kept per content version in each worker) never
show stale content after a publish or an archive, in this worker or another, and never
show one household what belongs to another."""

from datetime import date, timedelta

import pytest
from sqlalchemy import text

from tests.factories import (
    add_baby,
    article_data,
    assert_error,
    make_parent,
    make_staff,
    publish_article,
)
from tests.nudge_helpers import publish_rule

TODAY = date.today()


@pytest.fixture
def dorset(app, client):
    return {
        "author": make_staff(app, client, role="author", areas=("dorset",)),
        "editor": make_staff(app, client, role="editor", areas=("dorset",)),
    }


def _staff_publish(client, dorset, **overrides):
    created = client.post(
        "/api/v1/staff/articles",
        json=article_data(**overrides),
        headers=dorset["author"]["headers"],
    )
    assert created.status_code == 201, created.get_json()
    item_id = created.get_json()["id"]
    _act(client, dorset["author"], item_id, "submit")
    assert _act(client, dorset["editor"], item_id, "approve").status_code == 200
    return item_id


def _act(client, staff, item_id, action, **body):
    response = client.post(
        f"/api/v1/staff/articles/{item_id}/{action}",
        json=body,
        headers=staff["headers"],
    )
    assert response.status_code == 200, response.get_json()
    return response


def _titles(client, parent, path="/api/v1/articles"):
    body = client.get(path, headers=parent["headers"]).get_json()
    return [a.get("title") for a in body["items"]]


def test_an_edit_approved_by_staff_is_read_at_once_everywhere(client, dorset):
    parent = make_parent(client, area="dorset")
    baby = add_baby(client, parent, date_of_birth=TODAY - timedelta(days=30))
    item_id = _staff_publish(client, dorset, title="Baby groups in Dorset")
    feed_path = f"/api/v1/feed?baby_id={baby['id']}"
    before = {
        "list": client.get("/api/v1/articles", headers=parent["headers"]),
        "one": client.get(
            "/api/v1/articles/dorset-baby-groups", headers=parent["headers"]
        ),
        "feed": client.get(feed_path, headers=parent["headers"]),
    }
    assert before["one"].get_json()["title"] == "Baby groups in Dorset"

    edited = client.patch(
        f"/api/v1/staff/articles/{item_id}",
        json={"title": "Baby and toddler groups"},
        headers=dorset["author"]["headers"],
    )
    assert edited.status_code == 200, edited.get_json()
    # A draft changes nothing a parent reads.
    assert _titles(client, parent) == ["Baby groups in Dorset"]
    _act(client, dorset["author"], item_id, "submit")
    _act(client, dorset["editor"], item_id, "approve")

    assert _titles(client, parent) == ["Baby and toddler groups"]
    one = client.get("/api/v1/articles/dorset-baby-groups", headers=parent["headers"])
    assert one.get_json()["title"] == "Baby and toddler groups"
    feed = client.get(feed_path, headers=parent["headers"]).get_json()
    assert "Baby and toddler groups" in [a["title"] for a in feed["articles"]]
    # The old ETags no longer match: a client holding them gets the new body, not 304.
    for name, path in [
        ("list", "/api/v1/articles"),
        ("one", "/api/v1/articles/dorset-baby-groups"),
        ("feed", feed_path),
    ]:
        again = client.get(
            path,
            headers={
                **parent["headers"],
                "If-None-Match": before[name].headers["ETag"],
            },
        )
        assert again.status_code == 200, name


def test_an_unchanged_read_is_not_modified(client, dorset):
    parent = make_parent(client, area="dorset")
    _staff_publish(client, dorset)
    for path in ["/api/v1/articles", "/api/v1/articles/dorset-baby-groups"]:
        first = client.get(path, headers=parent["headers"])
        etag = first.headers["ETag"]
        again = client.get(path, headers={**parent["headers"], "If-None-Match": etag})
        assert again.status_code == 304


def test_an_archived_article_leaves_every_read(client, dorset):
    parent = make_parent(client, area="dorset")
    baby = add_baby(client, parent, date_of_birth=TODAY - timedelta(days=30))
    item_id = _staff_publish(client, dorset)
    feed_path = f"/api/v1/feed?baby_id={baby['id']}"
    assert _titles(client, parent) == ["Baby groups in Dorset"]
    assert client.get(feed_path, headers=parent["headers"]).get_json()["articles"]

    _act(client, dorset["editor"], item_id, "archive")

    assert _titles(client, parent) == []
    assert_error(
        client.get("/api/v1/articles/dorset-baby-groups", headers=parent["headers"]),
        404,
    )
    assert client.get(feed_path, headers=parent["headers"]).get_json()["articles"] == []


def test_a_publish_by_another_worker_is_seen_by_this_one(app, client):
    """Another gunicorn worker publishes: this process's copy is not told, but the
    content version it reads with every request (the read board's content slot) has
    moved."""
    from parent_app.extensions import db

    publish_article(app, "sleep-safely", title="Sleep safely")
    parent = make_parent(client, area="dorset")
    assert _titles(client, parent) == ["Sleep safely"]
    assert (
        client.get(
            "/api/v1/articles/sleep-safely", headers=parent["headers"]
        ).get_json()["title"]
        == "Sleep safely"
    )

    def other_worker(sql):
        with app.app_context(), db.engine.begin() as conn:
            conn.execute(text(sql))

    # A row changed behind the cache's back, without the version: this worker's copy
    # stands (so the copy really is what is served) ...
    other_worker("UPDATE articles SET title = 'Sleep safely at night'")
    assert _titles(client, parent) == ["Sleep safely"]
    # ... and once the version moves with the change, as every publish does (it takes
    # the change counter), the next read is fresh.
    from parent_app.content.sync import next_change_seq

    with app.app_context():
        next_change_seq()
        db.session.commit()
    assert _titles(client, parent) == ["Sleep safely at night"]
    assert (
        client.get(
            "/api/v1/articles/sleep-safely", headers=parent["headers"]
        ).get_json()["title"]
        == "Sleep safely at night"
    )
    assert (
        client.get("/api/v1/articles/sleep-safely").get_json()["title"]
        == "Sleep safely at night"
    )


def test_households_never_see_each_others_area(app, client):
    publish_article(app, "dorset-groups", area="dorset", title="Dorset groups")
    publish_article(app, "hampshire-groups", area="hampshire", title="Hampshire groups")
    publish_article(app, "national-sleep", title="National sleep")
    publish_rule(
        app, "dorset-check", area="dorset", title="Dorset check", offset_days=60
    )
    publish_rule(
        app,
        "hampshire-check",
        area="hampshire",
        title="Hampshire check",
        offset_days=60,
    )
    dorset = make_parent(client, area="dorset")
    hampshire = make_parent(client, area="hampshire")
    babies = {
        "dorset": add_baby(client, dorset, date_of_birth=TODAY - timedelta(days=30)),
        "hampshire": add_baby(
            client, hampshire, date_of_birth=TODAY - timedelta(days=30)
        ),
    }
    # Alternate, twice over, so each read may come from a copy the other filled.
    for _ in range(2):
        for name, parent, other in [
            ("dorset", dorset, "hampshire"),
            ("hampshire", hampshire, "dorset"),
        ]:
            titles = set(_titles(client, parent))
            assert titles == {f"{name.capitalize()} groups", "National sleep"}
            assert_error(
                client.get(
                    f"/api/v1/articles/{other}-groups", headers=parent["headers"]
                ),
                404,
            )
            baby_id = babies[name]["id"]
            feed = client.get(
                f"/api/v1/feed?baby_id={baby_id}", headers=parent["headers"]
            ).get_json()
            assert {a["slug"] for a in feed["articles"]} == {
                f"{name}-groups",
                "national-sleep",
            }
            assert [k["rule"] for k in feed["key_dates"]] == [f"{name}-check"]
            timeline = client.get(
                f"/api/v1/babies/{baby_id}/timeline", headers=parent["headers"]
            ).get_json()
            assert [e["slug"] for e in timeline] == [f"{name}-check"]
            assert_error(
                client.get(
                    f"/api/v1/babies/{babies[other]['id']}/timeline",
                    headers=parent["headers"],
                ),
                404,
            )


def test_a_rule_published_after_a_read_reaches_the_timeline(app, client):
    parent = make_parent(client, area="dorset")
    baby = add_baby(client, parent, date_of_birth=TODAY - timedelta(days=30))
    path = f"/api/v1/babies/{baby['id']}/timeline"
    assert client.get(path, headers=parent["headers"]).get_json() == []
    publish_rule(app, "eight-weeks", offset_days=56)
    assert [e["slug"] for e in client.get(path, headers=parent["headers"]).json] == [
        "eight-weeks"
    ]


def test_a_signed_out_token_is_refused_at_once(client):
    parent = make_parent(client, area="dorset")
    assert client.get("/api/v1/me", headers=parent["headers"]).status_code == 200
    assert client.get("/api/v1/articles", headers=parent["headers"]).status_code == 200
    out = client.post("/api/v1/auth/logout", headers=parent["headers"])
    assert out.status_code == 204
    for path in ["/api/v1/me", "/api/v1/articles", "/api/v1/feed"]:
        assert_error(client.get(path, headers=parent["headers"]), 401)


def test_families_after_different_losses_get_their_own_support(app, client):
    """The feed's articles are kept per stage: two losses on the same day but at
    different stages must not share a copy."""
    publish_article(
        app, "early-loss", topic="loss-support", stage_from_day=-280, stage_to_day=-113
    )
    publish_article(
        app, "neonatal-loss", topic="loss-support", stage_from_day=0, stage_to_day=27
    )
    feeds = {}
    for name, baby_dates in [
        ("early", {"due_date": TODAY + timedelta(weeks=30)}),
        ("neonatal", {"date_of_birth": TODAY - timedelta(days=10)}),
    ]:
        parent = make_parent(client, area="dorset")
        baby = add_baby(client, parent, **baby_dates)
        lost = client.post(
            f"/api/v1/babies/{baby['id']}/loss", json={}, headers=parent["headers"]
        )
        assert lost.status_code == 200, lost.get_json()
        feeds[name] = client.get(
            f"/api/v1/feed?baby_id={baby['id']}", headers=parent["headers"]
        ).get_json()
    assert [a["slug"] for a in feeds["early"]["articles"]] == ["early-loss"]
    assert [a["slug"] for a in feeds["neonatal"]["articles"]] == ["neonatal-loss"]
