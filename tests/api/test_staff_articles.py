"""Staff publish articles for their area through draft, review and approval."""

import pytest

from tests.factories import article_data, assert_error, make_parent, make_staff


@pytest.fixture
def dorset(app, client):
    return {
        "author": make_staff(app, client, role="author", areas=("dorset",)),
        "editor": make_staff(app, client, role="editor", areas=("dorset",)),
    }


def _create(client, staff, **overrides):
    response = client.post(
        "/api/v1/staff/articles",
        json=article_data(**overrides),
        headers=staff["headers"],
    )
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _act(client, staff, item_id, action, **body):
    return client.post(
        f"/api/v1/staff/articles/{item_id}/{action}",
        json=body,
        headers=staff["headers"],
    )


def _publish(client, dorset, **overrides):
    item = _create(client, dorset["author"], **overrides)
    assert _act(client, dorset["author"], item["id"], "submit").status_code == 200
    response = _act(client, dorset["editor"], item["id"], "approve")
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_dorset_article_reaches_dorset_parents_and_not_hampshire(client, dorset):
    _publish(client, dorset)
    dorset_parent = make_parent(client, area="dorset")
    hampshire_parent = make_parent(client, area="hampshire")
    seen = client.get("/api/v1/articles", headers=dorset_parent["headers"]).get_json()[
        "items"
    ]
    unseen = client.get(
        "/api/v1/articles", headers=hampshire_parent["headers"]
    ).get_json()["items"]
    assert [a["slug"] for a in seen] == ["dorset-baby-groups"]
    assert unseen == []


def test_a_draft_is_not_served_to_parents(client, dorset):
    item = _create(client, dorset["author"])
    assert item["status"] == "draft"
    assert client.get("/api/v1/articles/dorset-baby-groups").status_code == 404


def test_author_cannot_approve_their_own_revision(client, app):
    editor = make_staff(app, client, role="editor", areas=("dorset",))
    item = _create(client, editor)
    _act(client, editor, item["id"], "submit")
    assert_error(_act(client, editor, item["id"], "approve"), 403, "self_approval")


def test_an_author_cannot_approve_at_all(client, dorset, app):
    other_author = make_staff(app, client, role="author", areas=("dorset",))
    item = _create(client, dorset["author"])
    _act(client, dorset["author"], item["id"], "submit")
    assert_error(
        _act(client, other_author, item["id"], "approve"), 403, "editor_required"
    )


def test_other_areas_staff_cannot_see_or_act(client, dorset, app):
    hampshire_editor = make_staff(app, client, role="editor", areas=("hampshire",))
    item = _create(client, dorset["author"])
    _act(client, dorset["author"], item["id"], "submit")
    assert_error(_act(client, hampshire_editor, item["id"], "approve"), 404)
    assert_error(
        client.get(
            f"/api/v1/staff/articles/{item['id']}", headers=hampshire_editor["headers"]
        ),
        404,
    )
    assert (
        client.get(
            "/api/v1/staff/review-queue", headers=hampshire_editor["headers"]
        ).get_json()["items"]
        == []
    )


def test_staff_cannot_write_for_another_area(client, dorset):
    response = client.post(
        "/api/v1/staff/articles",
        json=article_data(area="hampshire"),
        headers=dorset["author"]["headers"],
    )
    assert_error(response, 403, "area_forbidden")


def test_national_content_needs_the_national_role(client, dorset, app):
    assert_error(
        client.post(
            "/api/v1/staff/articles",
            json=article_data(area="national"),
            headers=dorset["author"]["headers"],
        ),
        403,
    )
    national = make_staff(app, client, role="author", areas=("national",))
    assert (
        client.post(
            "/api/v1/staff/articles",
            json=article_data(area="national"),
            headers=national["headers"],
        ).status_code
        == 201
    )


def test_parents_cannot_use_staff_endpoints(client):
    parent = make_parent(client)
    assert_error(
        client.post(
            "/api/v1/staff/articles", json=article_data(), headers=parent["headers"]
        ),
        403,
    )


def test_editing_a_live_article_keeps_it_served_until_approved(client, dorset):
    item = _publish(client, dorset)
    edit = client.patch(
        f"/api/v1/staff/articles/{item['id']}",
        json={"title": "Baby groups near you"},
        headers=dorset["author"]["headers"],
    )
    body = edit.get_json()
    assert (body["status"], body["has_pending_draft"]) == ("published", True)
    assert (
        client.get("/api/v1/articles/dorset-baby-groups").get_json()["title"]
        == "Baby groups in Dorset"
    )
    _act(client, dorset["author"], item["id"], "submit")
    assert (
        client.get("/api/v1/articles/dorset-baby-groups").get_json()["title"]
        == "Baby groups in Dorset"
    )
    _act(client, dorset["editor"], item["id"], "approve")
    served = client.get("/api/v1/articles/dorset-baby-groups").get_json()
    assert (served["title"], served["revision"]) == ("Baby groups near you", 2)


def test_reject_sends_it_back_with_the_comment(client, dorset):
    item = _create(client, dorset["author"])
    _act(client, dorset["author"], item["id"], "submit")
    response = _act(
        client,
        dorset["editor"],
        item["id"],
        "reject",
        comment="Please add the opening times.",
    )
    assert response.get_json()["status"] == "draft"
    revisions = client.get(
        f"/api/v1/staff/articles/{item['id']}/revisions",
        headers=dorset["author"]["headers"],
    ).get_json()
    assert [r["state"] for r in revisions] == ["rejected", "draft"]
    assert revisions[0]["review_comment"] == "Please add the opening times."


@pytest.mark.parametrize(
    ("action", "expected_code"),
    [("approve", "invalid_state"), ("reject", "invalid_state")],
)
def test_reviewing_a_draft_that_was_not_submitted_is_a_409(
    client, dorset, action, expected_code
):
    item = _create(client, dorset["author"])
    body = {"comment": "x"} if action == "reject" else {}
    assert_error(
        _act(client, dorset["editor"], item["id"], action, **body), 409, expected_code
    )


def test_archive_turns_the_article_into_a_tombstone(client, dorset):
    item = _publish(client, dorset)
    before = client.get("/api/v1/articles?area=dorset").get_json()["sync_since"]
    assert (
        _act(client, dorset["editor"], item["id"], "archive").get_json()["status"]
        == "archived"
    )
    assert client.get("/api/v1/articles/dorset-baby-groups").status_code == 404
    changes = client.get(
        "/api/v1/articles", query_string={"area": "dorset", "updated_since": before}
    ).get_json()
    assert changes["items"] == [
        {
            "id": item["id"],
            "slug": "dorset-baby-groups",
            "status": "archived",
            "updated_at": changes["items"][0]["updated_at"],
        }
    ]
    assert_error(_act(client, dorset["editor"], item["id"], "archive"), 409)
    assert_error(
        client.patch(
            f"/api/v1/staff/articles/{item['id']}",
            json={"title": "x y z"},
            headers=dorset["editor"]["headers"],
        ),
        409,
    )


def test_every_action_is_in_the_audit_log(client, dorset, app):
    item = _publish(client, dorset)
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models import AuditEntry

    with app.app_context():
        entries = db.session.execute(
            select(AuditEntry.action, AuditEntry.revision)
            .where(AuditEntry.object_id == str(item["id"]))
            .order_by(AuditEntry.id)
        ).all()
    assert [tuple(e) for e in entries] == [
        ("article.create", 1),
        ("article.submit", 1),
        ("article.approve", 1),
    ]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"topic": "astrology"}, "topic"),
        ({"stage_from_day": 100, "stage_to_day": 10}, "stage_from_day"),
        ({"slug": "Not A Slug"}, "slug"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"review_by": "soon"}, "review_by"),
        ({"title": "x" * 121}, "title"),
    ],
)
def test_bad_article_fields_are_422(client, dorset, overrides, field):
    response = client.post(
        "/api/v1/staff/articles",
        json=article_data(**overrides),
        headers=dorset["author"]["headers"],
    )
    assert field in assert_error(response, 422)["fields"]


def test_duplicate_slug_is_a_409(client, dorset):
    _create(client, dorset["author"])
    response = client.post(
        "/api/v1/staff/articles",
        json=article_data(),
        headers=dorset["author"]["headers"],
    )
    assert_error(response, 409, "slug_taken")


def test_script_and_event_handlers_never_reach_the_html(client, dorset, app):
    """Raw HTML and script links are refused at the door (422); the renderer escapes and
    cleans whatever Markdown it is given in any case (defence in depth)."""
    from parent_app.content.articles import render_markdown

    body = (
        "Hello <script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n"
        "[click](javascript:alert(1)) and [NHS](https://www.nhs.uk)"
    )
    response = client.post(
        "/api/v1/staff/articles",
        json=article_data(body=body),
        headers=dorset["author"]["headers"],
    )
    assert "body" in assert_error(response, 422)["fields"]
    assert (
        client.get(
            "/api/v1/staff/articles", headers=dorset["author"]["headers"]
        ).get_json()["items"]
        == []
    )
    with app.app_context():
        html = render_markdown(body)
    assert "<script" not in html
    assert "<img" not in html and "onerror=alert" not in html.replace(
        "&lt;img src=x onerror=alert(1)&gt;", ""
    )
    assert 'href="javascript' not in html
    assert "&lt;script&gt;" in html  # shown as text, never run
    assert '<a href="https://www.nhs.uk" rel="noopener noreferrer">NHS</a>' in html


def test_an_author_who_leaves_out_the_area_writes_for_their_own(client, app):
    dorset_author = make_staff(app, client, role="author", areas=("dorset",))
    national_author = make_staff(app, client, role="author", areas=("national",))
    two_areas = make_staff(app, client, role="author", areas=("dorset", "hampshire"))
    data = article_data()
    del data["area"]
    created = client.post(
        "/api/v1/staff/articles", json=data, headers=dorset_author["headers"]
    )
    assert created.status_code == 201, created.get_json()
    assert created.get_json()["area"] == "dorset"
    national = client.post(
        "/api/v1/staff/articles",
        json={**data, "slug": "national-one"},
        headers=national_author["headers"],
    )
    assert national.status_code == 201 and national.get_json()["area"] == "national"
    either = client.post(
        "/api/v1/staff/articles",
        json={**data, "slug": "which-one"},
        headers=two_areas["headers"],
    )
    message = assert_error(either, 422)["fields"]["area"][0]
    assert "dorset" in message and "hampshire" in message
