"""The staff console's articles: write with a preview and reading check, submit, review
with a side-by-side diff, approve or request changes, history and audit, archive."""

from __future__ import annotations

import re

from tests.factories import make_parent
from tests.web.helpers import text_of
from tests.web.staff_helpers import action, article_form, post_form, signed_in_staff

HARD_BODY = (
    "Breastfeeding establishment necessitates considerable perseverance, "
    "particularly during the immediate postnatal period, when physiological "
    "adaptations, hormonal fluctuations, unfamiliar positioning and exhaustion "
    "can collectively undermine maternal confidence and complicate the "
    "professional recommendations that healthcare practitioners communicate."
)


def _create(client, **overrides):  # type: ignore[no-untyped-def]
    page = post_form(client, "/staff/articles/new", article_form(**overrides))
    assert page.status_code == 302, text_of(page)
    return page.headers["Location"]


def test_new_article_page_renders_for_an_author(app):
    client, _ = signed_in_staff(app)
    page = client.get("/staff/articles/new")
    assert page.status_code == 200
    words = text_of(page)
    assert "Write a new article" in words
    assert "Pregnancy week" in words and "Review by" in words


def test_preview_shows_the_rendered_article_and_a_reading_warning(app):
    client, _ = signed_in_staff(app)
    page = post_form(
        client,
        "/staff/articles/new",
        article_form(body=f"## Feeding\n\n{HARD_BODY}", action="preview"),
    )
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h2>Feeding</h2>" in html  # rendered by the API's Markdown renderer
    words = text_of(page)
    assert "is above the target of 9 to 11" in words
    assert 'class="staff-reading__long-sentence"' in html
    assert '<mark class="staff-reading__long-word">physiological</mark>' in html
    assert "Long sentences 1" in words
    # Previewing saves nothing.
    assert "Baby groups in Dorset" not in text_of(client.get("/staff/articles/"))


def test_preview_escapes_what_the_author_typed(app):
    client, _ = signed_in_staff(app)
    page = post_form(
        client,
        "/staff/articles/new",
        article_form(body="Hello <script>alert(1)</script> there.", action="preview"),
    )
    html = page.get_data(as_text=True)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_a_plain_text_gets_no_warning(app):
    client, _ = signed_in_staff(app)
    page = post_form(
        client,
        "/staff/articles/new",
        article_form(
            body="Come to our group. It is free. Bring your baby.", action="preview"
        ),
    )
    assert "within the target of 9 to 11" in text_of(page)


def test_saving_an_empty_form_shows_the_error_summary(app):
    client, _ = signed_in_staff(app)
    page = post_form(
        client,
        "/staff/articles/new",
        article_form(title="", summary="", stage_from_number="", source_url=""),
    )
    assert page.status_code == 200
    words = text_of(page)
    assert "There is a problem" in words
    assert "Enter a title" in words and "Enter a summary" in words
    assert "<title>Error:" in page.get_data(as_text=True)


def test_the_services_own_rules_show_on_the_form(app):
    client, _ = signed_in_staff(app)
    page = post_form(
        client,
        "/staff/articles/new",
        article_form(slug="Not A Slug", source_url="ftp://example.com/x"),
    )
    words = text_of(page)
    assert "Use lowercase letters, digits and hyphens." in words
    assert 'href="#slug"' in page.get_data(as_text=True)


def test_stage_window_is_converted_from_weeks_and_months(app):
    client, _ = signed_in_staff(app)
    item = _create(
        client,
        stage_from_unit="pregnancy_week",
        stage_from_number="12",
        stage_to_unit="age_weeks",
        stage_to_number="8",
    )
    words = text_of(client.get(item))
    assert "Baby groups in Dorset" in words
    edit = client.get(f"{item}/edit".replace("/articles/", "/articles/"))
    html = edit.get_data(as_text=True)
    assert re.search(r'name="stage_from_number"[^>]*value="12"', html)
    assert re.search(r'<option value="pregnancy_week" selected', html)


def test_a_window_ending_before_it_starts_is_refused(app):
    client, _ = signed_in_staff(app)
    page = post_form(
        client,
        "/staff/articles/new",
        article_form(
            stage_from_unit="age_months",
            stage_from_number="6",
            stage_to_unit="age_weeks",
            stage_to_number="2",
        ),
    )
    assert "The end of the window must be after its start." in text_of(page)


def test_post_without_csrf_is_refused(app):
    client, _ = signed_in_staff(app)
    page = client.post("/staff/articles/new", data=article_form())
    assert page.status_code == 400
    assert "There is a problem with the page you sent" in text_of(page)


def test_writing_for_another_area_is_refused_on_the_form(app):
    client, _ = signed_in_staff(app)
    page = post_form(client, "/staff/articles/new", article_form(area="hampshire"))
    assert page.status_code == 200
    assert "Not a valid choice" in text_of(page)


def test_another_areas_article_is_not_found(app):
    author, _ = signed_in_staff(app)
    item = _create(author)
    other, _ = signed_in_staff(app, role="editor", areas=("hampshire",))
    assert other.get(item).status_code == 404
    assert other.get(f"{item}/edit").status_code == 404
    assert other.get(f"{item}/history").status_code == 404
    token_page = other.get("/staff/articles/new")
    from tests.web.helpers import csrf_token_of

    token = csrf_token_of(token_page)
    assert other.post(f"{item}/approve", data={"csrf_token": token}).status_code == 404
    assert "Baby groups" not in text_of(other.get("/staff/articles/"))


def test_review_walk_request_changes_then_approve(app, client):
    author, _ = signed_in_staff(app)
    editor, editor_account = signed_in_staff(app, role="editor")
    item = _create(author)
    assert action(author, item, "submit").status_code == 302

    # The editor sees it waiting, reviews it and asks for a change.
    assert "Baby groups in Dorset" in text_of(editor.get("/staff/"))
    review = text_of(editor.get(item))
    assert "Approve and publish" in review and "What changes" in review
    asked = action(editor, item, "request-changes", comment="Say the groups are free.")
    assert asked.status_code == 302

    # The author sees the comment on the dashboard and on the item.
    home = text_of(author.get("/staff/"))
    assert "Changes requested on your work (1)" in home
    assert "Say the groups are free." in home
    assert f"Changes requested by {editor_account['email']}" in text_of(
        author.get(item)
    )

    # The author fixes it and resubmits; the editor sees the change marked.
    fixed = post_form(
        author,
        f"{item}/edit",
        article_form(title="Free baby groups in Dorset"),
    )
    assert fixed.status_code == 302
    assert action(author, item, "submit").status_code == 302
    html = editor.get(item).get_data(as_text=True)
    # What the author changed since the request, beside the whole article.
    assert "What the author changed since: Say the groups are free." in text_of(
        editor.get(item)
    )
    assert '<mark class="staff-diff__changed">Free baby</mark>' in html
    # Nothing is live yet, so every field is new.
    assert '<mark class="staff-diff__changed">Free baby groups in Dorset</mark>' in html
    assert action(editor, item, "approve").status_code == 302
    assert "Published" in text_of(editor.get(item))

    # A parent of the area reads it through the API.
    slug = "dorset-baby-groups"
    parent = make_parent(client, area="dorset")
    served = client.get(f"/api/v1/articles/{slug}", headers=parent["headers"])
    assert served.status_code == 200
    assert served.get_json()["title"] == "Free baby groups in Dorset"

    # History and audit trail tell the whole story.
    history = text_of(editor.get(f"{item}/history"))
    for step in (
        "Create",
        "Submit",
        "Reject: Say the groups are free.",
        "Edit",
        "Approve",
    ):
        assert step in history


def test_an_author_cannot_approve(app):
    author, _ = signed_in_staff(app)
    item = _create(author)
    action(author, item, "submit")
    assert "Approve and publish" not in text_of(author.get(item))
    refused = action(author, item, "approve")
    assert refused.status_code == 403
    assert "Only an editor can review content." in text_of(refused)


def test_an_editor_cannot_approve_their_own_article(app):
    editor, _ = signed_in_staff(app, role="editor")
    item = _create(editor)
    action(editor, item, "submit")
    page = text_of(editor.get(item))
    assert "another editor must approve it" in page
    assert "Waiting for your review (0)" in text_of(editor.get("/staff/"))
    refused = action(editor, item, "approve")
    assert refused.status_code == 403
    assert "An editor other than the author must approve this revision." in text_of(
        refused
    )
    assert "There is a problem" in text_of(refused)


def test_request_changes_needs_a_comment(app):
    author, _ = signed_in_staff(app)
    editor, _ = signed_in_staff(app, role="editor")
    item = _create(author)
    action(author, item, "submit")
    page = action(editor, item, "request-changes", comment="  ")
    assert page.status_code == 200
    assert "Enter what needs to change" in text_of(page)


def test_archive_stops_parents_seeing_it(app, client):
    author, _ = signed_in_staff(app)
    editor, _ = signed_in_staff(app, role="editor")
    item = _create(author)
    action(author, item, "submit")
    action(editor, item, "approve")
    assert action(editor, item, "archive").status_code == 302
    assert "Archived" in text_of(editor.get(item))
    parent = make_parent(client, area="dorset")
    gone = client.get("/api/v1/articles/dorset-baby-groups", headers=parent["headers"])
    assert gone.status_code == 404


def test_list_filters_by_status_topic_and_words(app):
    client, _ = signed_in_staff(app)
    _create(client)
    _create(
        client,
        slug="dorset-sleep",
        title="Safe sleep",
        topic="sleep-and-safety",
        body="Put your baby to sleep on their back.",
    )
    everything = text_of(client.get("/staff/articles/"))
    assert "Baby groups in Dorset" in everything and "Safe sleep" in everything
    sleep = text_of(client.get("/staff/articles/?topic=sleep-and-safety"))
    assert "Safe sleep" in sleep and "Baby groups" not in sleep
    words = text_of(client.get("/staff/articles/?q=groups"))
    assert "Baby groups" in words and "Safe sleep" not in words
    published = text_of(client.get("/staff/articles/?status=published"))
    assert "No articles match." in published
    staged = text_of(
        client.get("/staff/articles/?stage_unit=age_months&stage_number=9")
    )
    assert "No articles match." in staged


def test_a_parent_cannot_sign_in_to_the_console(app, client):
    parent = make_parent(client)
    from tests.factories import PASSWORD
    from tests.web.helpers import submit

    fresh = app.test_client()
    page = submit(
        fresh, "/staff/sign-in", {"email": parent["email"], "password": PASSWORD}
    )
    assert page.status_code == 200
    assert "This sign-in is for family hub staff." in text_of(page)
    assert fresh.get("/staff/articles/").status_code == 302


def test_an_edit_of_a_live_article_is_reviewed_against_it(app, client):
    author, _ = signed_in_staff(app)
    editor, _ = signed_in_staff(app, role="editor")
    item = _create(author)
    action(author, item, "submit")
    action(editor, item, "approve")
    post_form(author, f"{item}/edit", article_form(title="Free baby groups in Dorset"))
    action(author, item, "submit")
    page = editor.get(item)
    html = page.get_data(as_text=True)
    assert '<mark class="staff-diff__changed">Baby</mark>' in html
    assert '<mark class="staff-diff__changed">Free baby</mark>' in html
    assert "Revision 1 is live; revision 2 is in review." in text_of(page)
    # Parents still get the live revision until the edit is approved.
    parent = make_parent(client, area="dorset")
    live = client.get("/api/v1/articles/dorset-baby-groups", headers=parent["headers"])
    assert live.get_json()["title"] == "Baby groups in Dorset"


def test_an_id_past_the_database_range_is_a_not_found_page(app):
    client, _ = signed_in_staff(app, role="editor")
    for path in ("/staff/articles/99999999999", "/staff/nudges/99999999999/history"):
        page = client.get(path)
        assert page.status_code == 404
        assert "Page not found" in text_of(page)


def test_staff_of_two_areas_switch_between_them(app):
    from tests.web.helpers import csrf_token_of

    client, _ = signed_in_staff(app, role="editor", areas=("dorset", "hampshire"))
    _create(client)
    _create(client, slug="hampshire-groups", title="Hampshire groups", area="hampshire")
    both = text_of(client.get("/staff/articles/"))
    assert "Baby groups in Dorset" in both and "Hampshire groups" in both
    token = csrf_token_of(client.get("/staff/"))
    assert (
        client.post(
            "/staff/area", data={"csrf_token": token, "area": "hampshire"}
        ).status_code
        == 302
    )
    only = text_of(client.get("/staff/articles/"))
    assert "Hampshire groups" in only and "Baby groups in Dorset" not in only
    assert "Hampshire groups" in text_of(client.get("/staff/"))
    assert "Baby groups in Dorset" not in text_of(client.get("/staff/"))
    refused = client.post("/staff/area", data={"csrf_token": token, "area": "dorset-x"})
    assert refused.status_code == 404
    assert client.post("/staff/area", data={"area": "dorset"}).status_code == 400


def test_an_article_moves_from_a_window_to_preconception_and_back(app):
    client, _ = signed_in_staff(app)
    item = _create(client)
    to_pre = post_form(client, f"{item}/edit", article_form(stage="preconception"))
    assert to_pre.status_code == 302, text_of(to_pre)
    assert "Preconception" in text_of(client.get(item))
    back = post_form(client, f"{item}/edit", article_form())
    assert back.status_code == 302, text_of(back)
    assert "baby age 0 weeks to baby age 6 months" in text_of(client.get(item))
