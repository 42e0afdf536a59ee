"""Issue 4, line by line: the content contract as clients and staff see it.

Each test names the contract item it proves; together with test_articles.py,
test_feed.py and test_staff_articles.py they cover the issue's list and its "Done when".
"""

from __future__ import annotations

import base64
import json
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.factories import (
    add_baby,
    article_data,
    assert_error,
    make_parent,
    make_staff,
    publish_article,
)

STAFF = "/api/v1/staff/articles"
TODAY = date.today()
BIG_IDS = [2**31, 2**31 + 7, 2**63, 10**30]


@pytest.fixture
def staff(app, client):
    return {
        "author": make_staff(app, client, role="author", areas=("dorset",)),
        "editor": make_staff(app, client, role="editor", areas=("dorset",)),
        "editor2": make_staff(app, client, role="editor", areas=("dorset",)),
        "hampshire_editor": make_staff(
            app, client, role="editor", areas=("hampshire",)
        ),
        "hampshire_author": make_staff(
            app, client, role="author", areas=("hampshire",)
        ),
        "national_editor": make_staff(app, client, role="editor", areas=("national",)),
        "national_author": make_staff(app, client, role="author", areas=("national",)),
    }


def create(client, who, **overrides):
    response = client.post(
        STAFF, json=article_data(**overrides), headers=who["headers"]
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def act(client, who, item_id, action, **body):
    return client.post(f"{STAFF}/{item_id}/{action}", json=body, headers=who["headers"])


def patch(client, who, item_id, changes):
    return client.patch(f"{STAFF}/{item_id}", json=changes, headers=who["headers"])


def published(client, staff, **overrides):
    item = create(client, staff["author"], **overrides)
    assert act(client, staff["author"], item["id"], "submit").status_code == 200
    response = act(client, staff["editor"], item["id"], "approve")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def snapshot(app, item_id):
    """Everything a failed request must leave as it was: the item, its revisions, the
    live row and the audit log."""
    from parent_app.extensions import db
    from parent_app.models import AuditEntry
    from parent_app.models.content import Article, ContentItem, ContentRevision

    with app.app_context():
        item = db.session.get(ContentItem, item_id)
        revisions = db.session.execute(
            select(ContentRevision.number, ContentRevision.state, ContentRevision.data)
            .where(ContentRevision.item_id == item_id)
            .order_by(ContentRevision.number)
        ).all()
        article = db.session.get(Article, item_id)
        audit = db.session.scalar(select(func.count()).select_from(AuditEntry))
        return (
            (
                item.status,
                item.area_id,
                item.live_revision_id,
                item.pending_revision_id,
                item.updated_at,
            ),
            [tuple(r) for r in revisions],
            (article.title, article.revision, article.area_id, article.updated_at)
            if article
            else None,
            audit,
        )


def slugs(response):
    assert response.status_code == 200, response.get_data(as_text=True)
    return [a["slug"] for a in response.get_json()["items"]]


def cursor_of(values):
    return base64.urlsafe_b64encode(json.dumps(values).encode()).decode().rstrip("=")


# --- 1. Articles: fields, validation, rendering ---------------------------------------


def test_a_staff_draft_carries_every_field_of_the_issue(client, staff):
    item = create(client, staff["author"], language="cy")
    assert (item["kind"], item["slug"], item["area"], item["status"]) == (
        "article",
        "dorset-baby-groups",
        "dorset",
        "draft",
    )
    assert item["has_pending_draft"] is False and item["live_revision"] is None
    data = item["pending_revision"]["data"]
    assert (
        item["pending_revision"]["number"] == 1
        and item["pending_revision"]["state"] == "draft"
    )
    assert {
        "slug",
        "title",
        "summary",
        "body",
        "topic",
        "audience",
        "stage",
        "stage_from_day",
        "stage_to_day",
        "age_basis",
        "area",
        "language",
        "source_name",
        "source_url",
        "review_by",
    } <= set(data)
    assert data["language"] == "cy"


def test_language_defaults_to_english_and_the_served_article_has_the_parent_fields(
    client, staff
):
    published(client, staff)
    parent = make_parent(client, area="dorset")
    article = client.get(
        "/api/v1/articles/dorset-baby-groups", headers=parent["headers"]
    ).get_json()
    assert set(article) == {
        "id",
        "slug",
        "status",
        "revision",
        "title",
        "summary",
        "body_html",
        "topic",
        "audience",
        "stage",
        "stage_from_day",
        "stage_to_day",
        "age_basis",
        "area",
        "language",
        "source",
        "review_by",
        "reading_minutes",
        "updated_at",
    }
    assert article["language"] == "en"
    assert article["source"] == {
        "name": "Dorset Council",
        "url": "https://www.dorsetcouncil.gov.uk/family-hubs",
    }
    assert article["review_by"] == "2027-06-01"
    assert article["reading_minutes"] == 1
    assert article["body_html"].startswith("<h2>Come along</h2>")
    listed = client.get("/api/v1/articles", headers=parent["headers"]).get_json()[
        "items"
    ][0]
    assert "body_html" not in listed and listed["slug"] == "dorset-baby-groups"


def test_reading_time_is_computed_from_the_body(client, staff):
    published(client, staff, body=" ".join(["word"] * 1000))
    assert (
        client.get("/api/v1/articles?area=dorset").get_json()["items"][0][
            "reading_minutes"
        ]
        == 5
    )


def test_preconception_articles_have_no_stage_days(client, staff):
    item = create(
        client,
        staff["author"],
        stage="preconception",
        stage_from_day=None,
        stage_to_day=None,
    )
    assert item["pending_revision"]["data"]["stage"] == "preconception"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"topic": "astrology"}, "topic"),
        ({"audience": "grandparents"}, "audience"),
        ({"age_basis": "lunar"}, "age_basis"),
        ({"language": "xx"}, "language"),
        ({"area": "atlantis"}, "area"),
        ({"stage_from_day": 100, "stage_to_day": 10}, "stage_from_day"),
        ({"stage_from_day": -281}, "stage_from_day"),
        ({"stage_to_day": 1002}, "stage_to_day"),
        ({"stage_from_day": None, "stage_to_day": None}, "stage_from_day"),
        ({"stage": "preconception"}, "stage"),
        ({"stage": "newborn"}, "stage"),
        ({"slug": "a" * 121}, "slug"),
        ({"slug": "-leading-hyphen"}, "slug"),
        ({"summary": "x" * 241}, "summary"),
        ({"body": "x" * 60_001}, "body"),
        ({"body": ""}, "body"),
        ({"source_name": ""}, "source_name"),
        ({"source_url": "ftp://example.org/x"}, "source_url"),
        ({"review_by": "2027-02-30"}, "review_by"),
        ({"title": None}, "title"),
        ({"title": 12345}, "title"),
        ({"stage_from_day": "ten"}, "stage_from_day"),
        ({"stage_from_day": 2**63}, "stage_from_day"),
        ({"unexpected": "field"}, "unexpected"),
    ],
)
def test_bad_article_fields_are_a_422_naming_the_field(client, staff, overrides, field):
    response = client.post(
        STAFF, json=article_data(**overrides), headers=staff["author"]["headers"]
    )
    assert field in assert_error(response, 422, "validation_failed")["fields"]


@pytest.mark.parametrize(
    "missing",
    [
        "slug",
        "title",
        "summary",
        "body",
        "topic",
        "source_name",
        "source_url",
        "review_by",
    ],
)
def test_required_fields_are_required(client, staff, missing):
    data = article_data()
    del data[missing]
    response = client.post(STAFF, json=data, headers=staff["author"]["headers"])
    assert missing in assert_error(response, 422)["fields"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"title": "Hello <script>alert(1)</script>"}, "title"),
        ({"summary": "<img src=x onerror=alert(1)>"}, "summary"),
        ({"source_name": "<b>NHS</b>"}, "source_name"),
        ({"body": "Hello <script>alert('x')</script>"}, "body"),
        ({"body": "<img src=x onerror=alert(1)>"}, "body"),
        ({"body": '<a href="https://nhs.uk" onclick="steal()">NHS</a>'}, "body"),
        ({"body": "<iframe src=https://evil.example></iframe>"}, "body"),
        ({"body": "[click](javascript:alert(1))"}, "body"),
        ({"body": "[click](JaVaScRiPt:alert(1))"}, "body"),
        ({"body": "![x](data:image/svg+xml;base64,PHN2Zz4=)"}, "body"),
        ({"title": "Nul\x00byte"}, "title"),
        ({"body": "Nul\x00byte"}, "body"),
    ],
)
def test_html_injection_is_refused_with_a_422(client, staff, overrides, field):
    response = client.post(
        STAFF, json=article_data(**overrides), headers=staff["author"]["headers"]
    )
    assert field in assert_error(response, 422, "validation_failed")["fields"]


def test_markdown_that_only_looks_like_html_is_accepted(client, staff):
    body = (
        "Babies < 6 months need only milk; 1 < 2 > 0.\n\n"
        "See <https://www.nhs.uk/start-for-life/> or [call 111](tel:111) or "
        "[email us](mailto:hub@example.org). Use `<br>` in code."
    )
    published(client, staff, body=body)
    html = client.get("/api/v1/articles/dorset-baby-groups").get_json()["body_html"]
    assert "Babies &lt; 6 months" in html
    assert (
        '<a href="https://www.nhs.uk/start-for-life/" rel="noopener noreferrer">'
        in html
    )
    assert '<a href="tel:111" rel="noopener noreferrer">call 111</a>' in html
    assert (
        '<a href="mailto:hub@example.org" rel="noopener noreferrer">email us</a>'
        in html
    )
    assert "<code>&lt;br&gt;</code>" in html


def test_the_renderer_neutralises_html_that_was_stored_before_validation(app):
    """Defence in depth: even raw HTML already in a revision never reaches the served
    HTML."""
    from parent_app.content.articles import render_markdown

    html = render_markdown(
        "Hello <script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[click](javascript:alert(1)) and [NHS](https://www.nhs.uk)\n\n"
        "<div onmouseover=alert(1)>x</div>"
    )
    assert "<script" not in html and "<img" not in html and "<div" not in html
    assert "javascript:" not in html.replace("[click](javascript:alert(1))", "")
    assert 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    assert '<a href="https://www.nhs.uk" rel="noopener noreferrer">NHS</a>' in html


@pytest.mark.parametrize(
    ("data", "content_type", "status"),
    [
        ("not json", "application/json", 400),
        ("[1, 2]", "application/json", 422),
        ('"just a string"', "application/json", 422),
        ("", "application/json", 422),
        ("[" * 100_000, "application/json", 400),
    ],
)
def test_malformed_bodies_are_a_4xx(client, staff, data, content_type, status):
    response = client.post(
        STAFF, data=data, content_type=content_type, headers=staff["author"]["headers"]
    )
    assert_error(response, status)


def test_a_request_body_over_the_limit_is_a_413(client, staff):
    response = client.post(
        STAFF, json=article_data(body="x" * 400_000), headers=staff["author"]["headers"]
    )
    assert_error(response, 413, "payload_too_large")


# --- 2. Lifecycle with revisions ------------------------------------------------------


def test_the_whole_lifecycle_with_revision_numbers(client, staff):
    item = create(client, staff["author"])
    assert (
        act(client, staff["author"], item["id"], "submit").get_json()["status"]
        == "in_review"
    )
    body = act(client, staff["editor"], item["id"], "approve").get_json()
    assert (
        body["status"],
        body["live_revision"]["number"],
        body["pending_revision"],
    ) == ("published", 1, None)
    body = patch(
        client, staff["author"], item["id"], {"title": "Baby groups near you"}
    ).get_json()
    assert (
        body["status"],
        body["has_pending_draft"],
        body["pending_revision"]["number"],
    ) == ("published", True, 2)
    assert (
        act(client, staff["author"], item["id"], "submit").get_json()["status"]
        == "published"
    )
    body = act(
        client, staff["editor"], item["id"], "reject", comment="Say which towns."
    ).get_json()
    assert (
        body["status"],
        body["has_pending_draft"],
        body["pending_revision"]["number"],
    ) == ("published", True, 3)
    act(client, staff["author"], item["id"], "submit")
    body = act(client, staff["editor"], item["id"], "approve").get_json()
    assert (body["live_revision"]["number"], body["has_pending_draft"]) == (3, False)
    body = act(client, staff["editor"], item["id"], "archive").get_json()
    assert body["status"] == "archived"
    revisions = client.get(
        f"{STAFF}/{item['id']}/revisions", headers=staff["author"]["headers"]
    ).get_json()
    assert [(r["number"], r["state"]) for r in revisions] == [
        (1, "superseded"),
        (2, "rejected"),
        (3, "approved"),
    ]
    assert revisions[1]["review_comment"] == "Say which towns."


@pytest.mark.parametrize(
    ("setup", "who", "action", "status", "code"),
    [
        ("draft", "editor", "approve", 409, "invalid_state"),
        ("draft", "editor", "reject", 409, "invalid_state"),
        ("in_review", "author", "submit", 409, "invalid_state"),
        ("published", "author", "submit", 409, "invalid_state"),
        ("published", "editor", "approve", 409, "invalid_state"),
        ("published", "editor", "reject", 409, "invalid_state"),
        ("archived", "author", "submit", 409, "invalid_state"),
        ("archived", "editor", "approve", 409, "invalid_state"),
        ("archived", "editor", "archive", 409, "invalid_state"),
        ("in_review", "author", "approve", 403, "editor_required"),
        ("in_review", "author", "reject", 403, "editor_required"),
        ("published", "author", "archive", 403, "editor_required"),
    ],
)
def test_refused_transitions(client, staff, setup, who, action, status, code):
    item = create(client, staff["author"])
    if setup in ("in_review", "published", "archived"):
        act(client, staff["author"], item["id"], "submit")
    if setup in ("published", "archived"):
        act(client, staff["editor"], item["id"], "approve")
    if setup == "archived":
        act(client, staff["editor"], item["id"], "archive")
    before = snapshot(client.application, item["id"])
    body = {"comment": "No."} if action == "reject" else {}
    assert_error(act(client, staff[who], item["id"], action, **body), status, code)
    assert snapshot(client.application, item["id"]) == before


def test_an_editor_may_archive_a_draft_and_nothing_is_served(client, staff):
    item = create(client, staff["author"])
    assert (
        act(client, staff["editor"], item["id"], "archive").get_json()["status"]
        == "archived"
    )
    assert (
        client.get(
            "/api/v1/articles?area=dorset&updated_since=2000-01-01T00:00:00Z"
        ).get_json()["items"]
        == []
    )


@pytest.mark.parametrize(
    "body",
    [{}, {"comment": ""}, {"comment": "x" * 2001}, {"comment": "ok", "extra": 1}],
)
def test_reject_needs_a_comment(client, staff, body):
    item = create(client, staff["author"])
    act(client, staff["author"], item["id"], "submit")
    assert_error(act(client, staff["editor"], item["id"], "reject", **body), 422)


def test_self_approval_is_a_403_self_approval_even_for_an_editor_who_edited_it(
    client, staff
):
    item = create(client, staff["author"])
    # The editor's edit makes them the author of revision 2: they may not approve it.
    patch(client, staff["editor"], item["id"], {"summary": "Free groups near you."})
    act(client, staff["editor"], item["id"], "submit")
    before = snapshot(client.application, item["id"])
    assert_error(
        act(client, staff["editor"], item["id"], "approve"), 403, "self_approval"
    )
    assert snapshot(client.application, item["id"]) == before
    # Another editor of the area may.
    assert (
        act(client, staff["editor2"], item["id"], "approve").get_json()["status"]
        == "published"
    )


def test_an_editor_cannot_approve_their_own_draft(client, staff):
    item = create(client, staff["editor"])
    act(client, staff["editor"], item["id"], "submit")
    assert_error(
        act(client, staff["editor"], item["id"], "approve"), 403, "self_approval"
    )


def test_a_rejected_revision_goes_back_to_its_author(client, staff):
    item = create(client, staff["author"])
    act(client, staff["author"], item["id"], "submit")
    body = act(
        client, staff["editor"], item["id"], "reject", comment="Add the times."
    ).get_json()
    assert body["status"] == "draft"
    revisions = client.get(
        f"{STAFF}/{item['id']}/revisions", headers=staff["author"]["headers"]
    ).get_json()
    assert (
        revisions[-1]["state"] == "draft"
        and revisions[-1]["author_id"] == revisions[0]["author_id"]
    )


def test_editing_a_revision_in_review_takes_it_out_of_review(client, staff):
    item = create(client, staff["author"])
    act(client, staff["author"], item["id"], "submit")
    body = patch(
        client, staff["author"], item["id"], {"title": "Baby groups in Dorset towns"}
    ).get_json()
    assert body["status"] == "draft" and body["pending_revision"]["number"] == 2
    queue = client.get(
        "/api/v1/staff/review-queue", headers=staff["editor"]["headers"]
    ).get_json()["items"]
    assert queue == []
    assert_error(
        act(client, staff["editor"], item["id"], "approve"), 409, "invalid_state"
    )


def test_a_patch_cannot_change_the_slug(client, staff):
    item = create(client, staff["author"])
    before = snapshot(client.application, item["id"])
    assert (
        "slug"
        in assert_error(
            patch(client, staff["author"], item["id"], {"slug": "new-slug"}), 422
        )["fields"]
    )
    assert snapshot(client.application, item["id"]) == before


def test_an_empty_patch_is_a_422_and_writes_nothing(client, staff):
    item = create(client, staff["author"])
    before = snapshot(client.application, item["id"])
    assert_error(patch(client, staff["author"], item["id"], {}), 422)
    assert snapshot(client.application, item["id"]) == before


def test_a_patch_can_turn_a_staged_article_into_a_preconception_one(client, staff):
    item = create(client, staff["author"])
    body = patch(
        client,
        staff["author"],
        item["id"],
        {"stage": "preconception", "stage_from_day": None, "stage_to_day": None},
    ).get_json()
    assert body["pending_revision"]["data"]["stage"] == "preconception"


@pytest.mark.parametrize(
    ("who", "changes", "status"),
    [
        ("author", {"title": "x"}, 422),
        ("author", {"stage_from_day": 400}, 422),
        ("author", {"topic": "astrology"}, 422),
        ("author", {"body": "<script>alert(1)</script>"}, 422),
        ("author", {"bogus": 1}, 422),
        ("author", {"area": "hampshire"}, 422),
        ("author", {"slug": "another-slug"}, 422),
        ("hampshire_editor", {"title": "Taken over"}, 404),
    ],
)
def test_a_failed_edit_of_a_live_article_writes_nothing(
    client, staff, who, changes, status
):
    item = published(client, staff)
    before = snapshot(client.application, item["id"])
    assert_error(patch(client, staff[who], item["id"], changes), status)
    assert snapshot(client.application, item["id"]) == before
    served = client.get("/api/v1/articles?area=dorset").get_json()["items"]
    assert [(a["title"], a["revision"]) for a in served] == [
        ("Baby groups in Dorset", 1)
    ]


def test_a_published_article_cannot_move_area(client, staff, app):
    both = make_staff(app, client, role="author", areas=("dorset", "hampshire"))
    item = published(client, staff)
    before = snapshot(app, item["id"])
    assert (
        "area"
        in assert_error(patch(client, both, item["id"], {"area": "hampshire"}), 422)[
            "fields"
        ]
    )
    assert snapshot(app, item["id"]) == before


def test_a_draft_may_move_between_the_authors_own_areas_only(client, app, staff):
    both = make_staff(app, client, role="author", areas=("dorset", "hampshire"))
    item = create(client, both)
    assert (
        patch(client, both, item["id"], {"area": "hampshire"}).get_json()["area"]
        == "hampshire"
    )
    draft = create(client, staff["author"], slug="stays-in-dorset")
    before = snapshot(app, draft["id"])
    assert_error(
        patch(client, staff["author"], draft["id"], {"area": "hampshire"}),
        403,
        "area_forbidden",
    )
    assert snapshot(app, draft["id"]) == before


def test_a_patch_that_changes_nothing_makes_no_revision(client, staff):
    item = published(client, staff)
    before = snapshot(client.application, item["id"])
    response = patch(
        client,
        staff["author"],
        item["id"],
        {"title": "Baby groups in Dorset", "slug": "dorset-baby-groups"},
    )
    assert (
        response.status_code == 200
        and response.get_json()["has_pending_draft"] is False
    )
    assert snapshot(client.application, item["id"]) == before


def test_the_live_revision_stays_served_until_the_pending_one_is_approved(
    client, staff
):
    item = published(client, staff)
    parent = make_parent(client, area="dorset")
    etag = client.get(
        "/api/v1/articles/dorset-baby-groups", headers=parent["headers"]
    ).headers["ETag"]

    def served():
        response = client.get(
            "/api/v1/articles/dorset-baby-groups", headers=parent["headers"]
        )
        return response.get_json()["title"], response.get_json()["revision"]

    patch(client, staff["author"], item["id"], {"title": "Baby groups near you"})
    assert served() == ("Baby groups in Dorset", 1)
    act(client, staff["author"], item["id"], "submit")
    assert served() == ("Baby groups in Dorset", 1)
    assert (
        client.get(
            "/api/v1/articles/dorset-baby-groups",
            headers={**parent["headers"], "If-None-Match": etag},
        ).status_code
        == 304
    )
    act(client, staff["editor"], item["id"], "reject", comment="Not yet.")
    assert served() == ("Baby groups in Dorset", 1)
    act(client, staff["author"], item["id"], "submit")
    act(client, staff["editor"], item["id"], "approve")
    assert served() == ("Baby groups near you", 3)
    assert (
        client.get(
            "/api/v1/articles/dorset-baby-groups",
            headers={**parent["headers"], "If-None-Match": etag},
        ).status_code
        == 200
    )


def test_every_staff_action_is_audited_with_who_what_when_and_revision(
    client, staff, app
):
    from parent_app.extensions import db
    from parent_app.models import AuditEntry, User

    item = published(client, staff)
    patch(client, staff["author"], item["id"], {"title": "Baby groups near you"})
    act(client, staff["author"], item["id"], "submit")
    act(client, staff["editor"], item["id"], "reject", comment="Not yet.")
    act(client, staff["editor"], item["id"], "archive")
    with app.app_context():
        rows = db.session.execute(
            select(
                User.email,
                AuditEntry.action,
                AuditEntry.revision,
                AuditEntry.at,
                AuditEntry.detail,
            )
            .join(User, User.id == AuditEntry.actor_id)
            .where(
                AuditEntry.object_type == "article",
                AuditEntry.object_id == str(item["id"]),
            )
            .order_by(AuditEntry.id)
        ).all()
    author, editor = staff["author"]["email"], staff["editor"]["email"]
    assert [(r[0], r[1], r[2]) for r in rows] == [
        (author, "article.create", 1),
        (author, "article.submit", 1),
        (editor, "article.approve", 1),
        (author, "article.edit", 2),
        (author, "article.submit", 2),
        (editor, "article.reject", 2),
        (editor, "article.archive", 1),
    ]
    assert all(r[3] is not None for r in rows)
    assert rows[5][4] == {"comment": "Not yet."}


# --- 2b. Area scoping for staff -------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("patch", "", {"title": "Taken over"}),
        ("get", "/revisions", None),
        ("post", "/submit", {}),
        ("post", "/approve", {}),
        ("post", "/reject", {"comment": "No."}),
        ("post", "/archive", {}),
    ],
)
def test_another_areas_staff_get_a_404_for_every_action(
    client, staff, method, suffix, body
):
    """An item outside your areas is answered as if it did not exist (the house rule for
    ownership); writing into an area you do not hold is a 403 (next test)."""
    item = create(client, staff["author"])
    act(client, staff["author"], item["id"], "submit")
    before = snapshot(client.application, item["id"])
    for who in ("hampshire_editor", "hampshire_author", "national_editor"):
        response = getattr(client, method)(
            f"{STAFF}/{item['id']}{suffix}", json=body, headers=staff[who]["headers"]
        )
        assert_error(response, 404, "not_found")
    assert snapshot(client.application, item["id"]) == before


@pytest.mark.parametrize(
    ("who", "area"),
    [
        ("author", "hampshire"),
        ("author", "national"),
        ("editor", "national"),
        ("hampshire_author", "dorset"),
        ("national_author", "dorset"),
    ],
)
def test_writing_for_an_area_you_do_not_hold_is_a_403(client, staff, who, area):
    response = client.post(
        STAFF, json=article_data(area=area), headers=staff[who]["headers"]
    )
    assert_error(response, 403, "area_forbidden")


def test_national_content_is_written_and_approved_by_national_staff(client, staff):
    item = create(
        client, staff["national_author"], area="national", slug="national-article"
    )
    act(client, staff["national_author"], item["id"], "submit")
    queue = client.get(
        "/api/v1/staff/review-queue", headers=staff["editor"]["headers"]
    ).get_json()["items"]
    assert queue == []
    assert_error(act(client, staff["editor"], item["id"], "approve"), 404)
    assert (
        act(client, staff["national_editor"], item["id"], "approve").get_json()[
            "status"
        ]
        == "published"
    )


def test_staff_lists_and_the_review_queue_hold_only_my_areas(client, staff):
    dorset = create(client, staff["author"])
    hampshire = create(
        client, staff["hampshire_author"], area="hampshire", slug="hampshire-groups"
    )
    for item, who in ((dorset, "author"), (hampshire, "hampshire_author")):
        act(client, staff[who], item["id"], "submit")
    mine = client.get(STAFF, headers=staff["editor"]["headers"]).get_json()
    assert [i["slug"] for i in mine["items"]] == ["dorset-baby-groups"] and mine[
        "next_cursor"
    ] is None
    queue = client.get(
        "/api/v1/staff/review-queue", headers=staff["editor"]["headers"]
    ).get_json()
    assert [(q["slug"], q["number"], q["state"]) for q in queue["items"]] == [
        ("dorset-baby-groups", 1, "in_review")
    ]
    in_review = client.get(
        f"{STAFF}?status=in_review", headers=staff["hampshire_editor"]["headers"]
    ).get_json()
    assert [i["slug"] for i in in_review["items"]] == ["hampshire-groups"]
    assert_error(
        client.get(f"{STAFF}?status=bogus", headers=staff["editor"]["headers"]), 422
    )


def test_staff_lists_are_cursor_paginated(client, staff):
    for n in range(5):
        item = create(client, staff["author"], slug=f"article-{n}")
        act(client, staff["author"], item["id"], "submit")
    seen, queue_seen, cursor, queue_cursor = [], [], None, None
    for _ in range(3):
        page = client.get(
            STAFF,
            query_string={"limit": 2, **({"cursor": cursor} if cursor else {})},
            headers=staff["editor"]["headers"],
        ).get_json()
        seen += [i["slug"] for i in page["items"]]
        cursor = page["next_cursor"]
        queue = client.get(
            "/api/v1/staff/review-queue",
            query_string={
                "limit": 2,
                **({"cursor": queue_cursor} if queue_cursor else {}),
            },
            headers=staff["editor"]["headers"],
        ).get_json()
        queue_seen += [q["slug"] for q in queue["items"]]
        queue_cursor = queue["next_cursor"]
    expected = [f"article-{n}" for n in range(5)]
    assert (
        seen == expected
        and queue_seen == expected
        and cursor is None
        and queue_cursor is None
    )
    assert_error(
        client.get(f"{STAFF}?limit=101", headers=staff["editor"]["headers"]), 422
    )
    assert_error(
        client.get(f"{STAFF}?cursor=nope!", headers=staff["editor"]["headers"]),
        400,
        "invalid_cursor",
    )


def test_parents_and_strangers_cannot_use_staff_endpoints(client, staff):
    item = create(client, staff["author"])
    parent = make_parent(client)
    assert_error(client.get(STAFF, headers=parent["headers"]), 403)
    assert_error(act(client, parent, item["id"], "submit"), 403)
    assert_error(
        client.get("/api/v1/staff/review-queue", headers=parent["headers"]), 403
    )
    assert_error(client.get(STAFF), 401)
    assert_error(client.post(f"{STAFF}/{item['id']}/approve"), 401)


@pytest.mark.parametrize("big", BIG_IDS)
@pytest.mark.parametrize("suffix", ["", "/revisions", "/submit"])
def test_ids_past_the_integer_range_are_a_404_not_a_500(client, staff, big, suffix):
    method = client.post if suffix == "/submit" else client.get
    assert_error(
        method(f"{STAFF}/{big}{suffix}", json={}, headers=staff["editor"]["headers"]),
        404,
    )


# --- 3. Parent reads ------------------------------------------------------------------


def test_parents_see_published_articles_for_their_area_and_national_only(
    client, staff, app
):
    published(client, staff)  # dorset
    publish_article(app, "national-one")
    publish_article(app, "hampshire-one", area="hampshire")
    create(client, staff["author"], slug="dorset-draft")
    in_review = create(client, staff["author"], slug="dorset-in-review")
    act(client, staff["author"], in_review["id"], "submit")
    dorset = make_parent(client, area="dorset")
    hampshire = make_parent(client, area="hampshire")
    assert slugs(client.get("/api/v1/articles", headers=dorset["headers"])) == [
        "dorset-baby-groups",
        "national-one",
    ]
    assert sorted(
        slugs(client.get("/api/v1/articles", headers=hampshire["headers"]))
    ) == ["hampshire-one", "national-one"]
    # An `area` filter narrows within what the reader may see; it never widens it.
    assert (
        slugs(client.get("/api/v1/articles?area=dorset", headers=hampshire["headers"]))
        == []
    )
    assert slugs(
        client.get("/api/v1/articles?area=national", headers=hampshire["headers"])
    ) == ["national-one"]
    assert slugs(
        client.get("/api/v1/articles?area=hampshire", headers=hampshire["headers"])
    ) == ["hampshire-one"]
    # The same holds for one article by slug.
    assert_error(
        client.get("/api/v1/articles/dorset-baby-groups", headers=hampshire["headers"]),
        404,
    )
    assert (
        client.get(
            "/api/v1/articles/dorset-baby-groups", headers=dorset["headers"]
        ).status_code
        == 200
    )
    for slug in ("dorset-draft", "dorset-in-review"):
        assert_error(
            client.get(f"/api/v1/articles/{slug}", headers=dorset["headers"]), 404
        )


def test_a_partner_who_joined_a_household_reads_the_households_area(client, app):
    publish_article(app, "dorset-one", area="dorset")
    publish_article(app, "hampshire-one", area="hampshire")
    mum = make_parent(client, area="dorset")
    partner = make_parent(client, role="partner", area="hampshire")
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    assert (
        client.post(
            "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
        ).status_code
        == 200
    )
    assert slugs(client.get("/api/v1/articles", headers=partner["headers"])) == [
        "dorset-one"
    ]


def test_anonymous_readers_choose_an_area(client, app):
    publish_article(app, "national-one")
    publish_article(app, "dorset-one", area="dorset")
    assert slugs(client.get("/api/v1/articles")) == ["national-one"]
    assert slugs(client.get("/api/v1/articles?area=dorset")) == ["dorset-one"]
    assert client.get("/api/v1/articles/dorset-one").status_code == 200


def test_partner_content_is_listed_for_partners_and_birthing_parent_content_is_not(
    client, app
):
    publish_article(app, "for-everyone")
    publish_article(app, "for-partners", audience="partner")
    publish_article(app, "for-mums", audience="birthing_parent")
    assert slugs(client.get("/api/v1/articles?audience=partner")) == [
        "for-everyone",
        "for-partners",
    ]
    assert slugs(client.get("/api/v1/articles?audience=birthing_parent")) == [
        "for-everyone",
        "for-mums",
    ]
    assert slugs(client.get("/api/v1/articles?audience=everyone")) == ["for-everyone"]
    assert slugs(client.get("/api/v1/articles")) == [
        "for-everyone",
        "for-partners",
        "for-mums",
    ]


def test_search_covers_title_summary_and_body_and_combines_with_filters(client, app):
    publish_article(
        app,
        "one",
        title="Colostrum first",
        summary="Early milk.",
        body="Nothing else.",
        topic="feeding",
    )
    publish_article(
        app,
        "two",
        title="Sleep",
        summary="About colostrum too.",
        body="Back to sleep.",
        topic="sleep-and-safety",
    )
    publish_article(
        app,
        "three",
        title="Pay",
        summary="Money.",
        body="Claim colostrum_pay 50% now.",
        topic="money",
    )
    assert slugs(client.get("/api/v1/articles?q=colostrum")) == ["one", "two", "three"]
    assert slugs(client.get("/api/v1/articles?q=colostrum&topic=feeding")) == ["one"]
    assert slugs(client.get("/api/v1/articles?q=50%25")) == ["three"]
    # The query is normalised as the text is (Markdown punctuation is not searched), and
    # LIKE wildcards in it are literal.
    assert slugs(client.get("/api/v1/articles?q=colostrum_pay")) == ["three"]
    assert slugs(client.get("/api/v1/articles?q=c%25m")) == []
    assert slugs(client.get("/api/v1/articles?q=zzz")) == []


@pytest.mark.parametrize(
    "query",
    [
        "topic=astrology",
        "audience=cat",
        "area=x" + "y" * 100,
        "stage_day=1002",
        "stage_day=-281",
        "stage_day=99999999999999999999",
        "limit=0",
        "limit=101",
        "limit=99999999999999999999",
        "q=",
        "q=" + "a" * 101,
        "updated_since=yesterday",
        "updated_since=2026-13-01T00:00:00Z",
        "unknown_filter=1",
    ],
)
def test_bad_list_parameters_are_a_422(client, query):
    assert_error(client.get(f"/api/v1/articles?{query}"), 422)


@pytest.mark.parametrize(
    "query",
    [
        "q=%00",
        "q=a%00b",
        "area=%00",
        "updated_since=9999-12-31T23:59:59-14:00",
        "updated_since=0001-01-01T00:00:00%2B14:00",
        "q=%F0%9F%8D%BC",
        "q=%25%25%5C%5C",
    ],
)
def test_odd_list_parameters_never_give_a_500(client, query):
    response = client.get(f"/api/v1/articles?{query}")
    assert response.status_code in (200, 400, 422), response.get_data(as_text=True)
    if response.status_code != 200:
        assert_error(response, response.status_code)


@pytest.mark.parametrize("slug", ["a" * 5000, "a%00b", "%F0%9F%8D%BC", "..%2F..%2Fetc"])
def test_odd_slugs_are_a_404(client, slug):
    assert_error(client.get(f"/api/v1/articles/{slug}"), 404)


@pytest.mark.parametrize(
    "values",
    [
        [2**31],
        [2**63],
        [10**30],
        [-(2**63) - 1],
        [1.5],
        ["1"],
        [None],
        [True],
        [1, 2],
        [],
    ],
)
def test_cursors_past_the_integer_range_or_of_the_wrong_type_are_a_4xx(
    client, app, values
):
    publish_article(app, "one")
    response = client.get(f"/api/v1/articles?cursor={cursor_of(values)}")
    assert response.status_code in (400, 422), response.get_data(as_text=True)
    assert_error(response, response.status_code)


def test_a_limit_of_100_is_allowed(client, app):
    publish_article(app, "one")
    assert slugs(client.get("/api/v1/articles?limit=100")) == ["one"]


def test_cursor_pages_do_not_skip_or_repeat_when_articles_change(client, app, staff):
    for n in range(6):
        publish_article(app, f"article-{n}")
    first = client.get("/api/v1/articles?limit=3").get_json()
    publish_article(
        app, "article-2", title="Changed while paging"
    )  # an update to an earlier page
    publish_article(app, "article-new")
    second = client.get(
        f"/api/v1/articles?limit=3&cursor={first['next_cursor']}"
    ).get_json()
    third = client.get(
        f"/api/v1/articles?limit=3&cursor={second['next_cursor']}"
    ).get_json()
    seen = [a["slug"] for p in (first, second, third) for a in p["items"]]
    assert seen == [f"article-{n}" for n in range(6)] + ["article-new"]
    assert third["next_cursor"] is None


def test_sync_returns_changes_and_tombstones_since_the_watermark(client, staff):
    item = published(client, staff)
    other = published(client, staff, slug="dorset-walks")
    parent = make_parent(client, area="dorset")
    first = client.get("/api/v1/articles", headers=parent["headers"]).get_json()
    watermark = first["sync_since"]
    assert (
        client.get(
            "/api/v1/articles",
            query_string={"updated_since": watermark},
            headers=parent["headers"],
        ).get_json()["items"]
        == []
    )
    act(client, staff["editor"], item["id"], "archive")
    patch(client, staff["author"], other["id"], {"title": "Walks in Dorset"})
    act(client, staff["author"], other["id"], "submit")
    act(client, staff["editor"], other["id"], "approve")
    changes = client.get(
        "/api/v1/articles",
        query_string={"updated_since": watermark},
        headers=parent["headers"],
    ).get_json()
    by_slug = {a["slug"]: a for a in changes["items"]}
    assert set(by_slug) == {"dorset-baby-groups", "dorset-walks"}
    assert set(by_slug["dorset-baby-groups"]) == {"id", "slug", "status", "updated_at"}
    assert by_slug["dorset-baby-groups"]["status"] == "archived"
    assert by_slug["dorset-walks"]["title"] == "Walks in Dorset"
    # Another area's parent never hears of Dorset's archive.
    hampshire = make_parent(client, area="hampshire")
    assert (
        client.get(
            "/api/v1/articles",
            query_string={"updated_since": watermark},
            headers=hampshire["headers"],
        ).get_json()["items"]
        == []
    )
    # Without updated_since an archived article is simply gone.
    assert slugs(client.get("/api/v1/articles", headers=parent["headers"])) == [
        "dorset-walks"
    ]


def test_a_naive_updated_since_is_taken_as_utc(client, app):
    publish_article(app, "one")
    assert slugs(client.get("/api/v1/articles?updated_since=2000-01-01T00:00:00")) == [
        "one"
    ]
    assert (
        slugs(client.get("/api/v1/articles?updated_since=2999-01-01T00:00:00Z")) == []
    )


@pytest.mark.parametrize(
    "path",
    ["/api/v1/articles", "/api/v1/articles/one", "/api/v1/topics", "/api/v1/areas"],
)
def test_every_parent_read_has_an_etag_and_honours_if_none_match(client, app, path):
    publish_article(app, "one")
    first = client.get(path)
    etag = first.headers["ETag"]
    assert client.get(path, headers={"If-None-Match": etag}).status_code == 304
    assert (
        client.get(path, headers={"If-None-Match": '"something-else"'}).status_code
        == 200
    )


def test_the_list_etag_changes_when_an_article_is_archived(client, staff):
    item = published(client, staff)
    etag = client.get("/api/v1/articles?area=dorset").headers["ETag"]
    act(client, staff["editor"], item["id"], "archive")
    assert (
        client.get(
            "/api/v1/articles?area=dorset", headers={"If-None-Match": etag}
        ).status_code
        == 200
    )


def test_topics_are_the_issues_vocabulary(client):
    assert [t["id"] for t in client.get("/api/v1/topics").get_json()] == [
        "feeding",
        "leave-and-pay",
        "money",
        "wellbeing",
        "relationships",
        "health-checks",
        "immunisations",
        "development",
        "sleep-and-safety",
        "pregnancy",
        "loss-support",
    ]


# --- 4. The feed ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "baby_id", ["abc", "1.5", "-1", "0", *[str(b) for b in BIG_IDS]]
)
def test_a_bad_or_huge_baby_id_is_a_4xx(client, baby_id):
    parent = make_parent(client)
    response = client.get(f"/api/v1/feed?baby_id={baby_id}", headers=parent["headers"])
    assert response.status_code in (404, 422), response.get_data(as_text=True)
    assert_error(response, response.status_code)


def test_the_feed_is_for_parents_only(client, staff):
    assert_error(client.get("/api/v1/feed"), 401)
    assert_error(client.get("/api/v1/feed", headers=staff["editor"]["headers"]), 403)


def test_the_feed_has_an_etag(client, app):
    publish_article(
        app, "one", stage="preconception", stage_from_day=None, stage_to_day=None
    )
    parent = make_parent(client)
    etag = client.get("/api/v1/feed", headers=parent["headers"]).headers["ETag"]
    assert (
        client.get(
            "/api/v1/feed", headers={**parent["headers"], "If-None-Match": etag}
        ).status_code
        == 304
    )


def test_the_feed_drops_archived_articles_and_keeps_other_areas_out(client, staff, app):
    item = published(client, staff, stage_from_day=-280, stage_to_day=900)
    publish_article(
        app, "hampshire-one", area="hampshire", stage_from_day=-280, stage_to_day=900
    )
    parent = make_parent(client, area="dorset")
    baby = add_baby(client, parent, date_of_birth=TODAY - timedelta(weeks=8))
    feed = client.get(
        f"/api/v1/feed?baby_id={baby['id']}", headers=parent["headers"]
    ).get_json()
    assert [a["slug"] for a in feed["articles"]] == ["dorset-baby-groups"]
    act(client, staff["editor"], item["id"], "archive")
    feed = client.get(
        f"/api/v1/feed?baby_id={baby['id']}", headers=parent["headers"]
    ).get_json()
    assert feed["articles"] == []


# --- "Done when", end to end ----------------------------------------------------------


def test_done_when_dorset_author_drafts_editor_approves_dorset_parents_read_it(
    client, staff
):
    item = create(client, staff["author"])
    act(client, staff["author"], item["id"], "submit")
    assert_error(act(client, staff["author"], item["id"], "approve"), 403)
    assert act(client, staff["editor"], item["id"], "approve").status_code == 200
    dorset, hampshire = (
        make_parent(client, area="dorset"),
        make_parent(client, area="hampshire"),
    )
    assert slugs(client.get("/api/v1/articles", headers=dorset["headers"])) == [
        "dorset-baby-groups"
    ]
    assert slugs(client.get("/api/v1/articles", headers=hampshire["headers"])) == []
    assert_error(
        client.get("/api/v1/articles/dorset-baby-groups", headers=hampshire["headers"]),
        404,
    )
    baby = add_baby(client, dorset, date_of_birth=TODAY - timedelta(weeks=8))
    feed = client.get(
        f"/api/v1/feed?baby_id={baby['id']}", headers=dorset["headers"]
    ).get_json()
    assert "dorset-baby-groups" in [a["slug"] for a in feed["articles"]]


def test_an_editor_who_wrote_any_unreviewed_change_cannot_approve(client, staff):
    """Self-approval covers every revision since the live one, not only the last: an
    editor's own edit cannot pass review because someone else made a later small
    change."""
    item = published(client, staff)
    patch(
        client,
        staff["editor"],
        item["id"],
        {"summary": "Free groups in every Dorset town."},
    )
    patch(client, staff["author"], item["id"], {"title": "Baby groups across Dorset"})
    act(client, staff["author"], item["id"], "submit")
    before = snapshot(client.application, item["id"])
    assert_error(
        act(client, staff["editor"], item["id"], "approve"), 403, "self_approval"
    )
    assert snapshot(client.application, item["id"]) == before
    body = act(client, staff["editor2"], item["id"], "approve").get_json()
    assert (
        body["live_revision"]["data"]["summary"] == "Free groups in every Dorset town."
    )
    # Once published, the editor may review the next author's change again.
    patch(client, staff["author"], item["id"], {"title": "Baby groups in Dorset towns"})
    act(client, staff["author"], item["id"], "submit")
    assert act(client, staff["editor"], item["id"], "approve").status_code == 200
