"""The staff console's nudge rules: a push preview on a phone, a timeline preview for a
made-up family with the rule as written, and the shared review workflow."""

from __future__ import annotations

from tests.web.helpers import csrf_token_of, text_of
from tests.web.staff_helpers import action, signed_in_staff


def nudge_form(**overrides):  # type: ignore[no-untyped-def]
    form = {
        "title": "Your baby's 8-week vaccinations",
        "slug": "dorset-8-week-jabs",
        "body": "{baby_name} is due their first vaccinations. Book with your GP.",
        "anchor": "birth",
        "timing_unit": "age_weeks",
        "timing_number": "8",
        "age_basis": "chronological",
        "audience": "everyone",
        "topic": "immunisations",
        "area": "dorset",
        "send_window_days": "14",
        "ttl_days": "3",
        "urgency": "normal",
        "article_slug": "",
        "family": "born",
        "family_born": "1 3 2026",
        "family_gestation": "32",
        "family_role": "birthing_parent",
        "action": "save",
    }
    form.update(overrides)
    return form


def _post(client, url, data):  # type: ignore[no-untyped-def]
    """Dates go as three boxes of one name."""
    from werkzeug.datastructures import MultiDict

    token = csrf_token_of(client.get(url))
    fields = [("csrf_token", token)]
    for name, value in data.items():
        if name in ("family_born", "family_due", "born_from", "born_until"):
            fields += [(name, part) for part in (value or "  ").split(" ")]
        else:
            fields.append((name, value))
    return client.post(url, data=MultiDict(fields))


def test_new_nudge_page_renders(app):
    client, _ = signed_in_staff(app)
    page = client.get("/staff/nudges/new")
    assert page.status_code == 200
    words = text_of(page)
    assert "Write a new nudge" in words and "Preview the timeline" in words


def test_push_preview_shows_where_phones_cut(app):
    client, _ = signed_in_staff(app)
    page = _post(
        client,
        "/staff/nudges/new",
        nudge_form(
            title="A very long title that no phone will show in full on its screen",
            action="preview",
        ),
    )
    words = text_of(page)
    assert "How the push looks on a phone" in words
    assert "A very long title that no phone will sh…" in words
    assert "Cut here: the title" in words
    assert "your baby is due their first vaccinations." in words.lower()


def test_timeline_preview_dates_jabs_by_real_age_for_a_baby_born_at_32_weeks(app):
    client, _ = signed_in_staff(app)
    page = _post(client, "/staff/nudges/new", nudge_form(action="timeline"))
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    words = text_of(page)
    # Born 1 March 2026: 8 weeks of real age is 26 April, not 8 weeks after the due
    # date (corrected age).
    assert "26 April 2026" in words
    assert "This nudge" in words
    assert 'class="govuk-table__row staff-timeline__mine"' in html


def test_corrected_age_moves_the_date_by_the_weeks_born_early(app):
    client, _ = signed_in_staff(app)
    page = _post(
        client,
        "/staff/nudges/new",
        nudge_form(action="timeline", age_basis="corrected", topic="development"),
    )
    # 8 weeks early: the corrected 8 weeks fall 56 days later, on 21 June 2026.
    assert "21 June 2026" in text_of(page)


def test_timeline_needs_the_family(app):
    client, _ = signed_in_staff(app)
    page = _post(
        client,
        "/staff/nudges/new",
        nudge_form(action="timeline", family_born="", family_gestation="50"),
    )
    words = text_of(page)
    assert "Enter the date of birth" in words
    assert "Enter weeks of pregnancy from 22 to 44" in words


def test_saving_validates_with_the_rule_service(app):
    client, _ = signed_in_staff(app)
    page = _post(
        client,
        "/staff/nudges/new",
        nudge_form(anchor="birth", timing_unit="pregnancy_week", timing_number="12"),
    )
    assert page.status_code == 200
    assert "There is a problem" in text_of(page)
    assert 'href="#timing_number"' in page.get_data(as_text=True)


def test_empty_form_names_the_missing_fields(app):
    client, _ = signed_in_staff(app)
    page = _post(client, "/staff/nudges/new", nudge_form(title="", timing_number=""))
    words = text_of(page)
    assert "Enter the push title" in words and "Enter when to send it" in words


def test_post_without_csrf_is_refused(app):
    client, _ = signed_in_staff(app)
    assert client.post("/staff/nudges/new", data=nudge_form()).status_code == 400


def test_a_nudge_goes_through_review_and_an_author_cannot_approve(app):
    author, _ = signed_in_staff(app)
    editor, _ = signed_in_staff(app, role="editor")
    saved = _post(author, "/staff/nudges/new", nudge_form())
    assert saved.status_code == 302
    item = saved.headers["Location"]
    page = text_of(author.get(item))
    assert "How the push looks on a phone" in page
    action(author, item, "submit")
    assert action(author, item, "approve").status_code == 403
    assert "Push title" in text_of(editor.get(item))  # the diff's field names
    assert action(editor, item, "approve").status_code == 302
    assert "Published" in text_of(editor.get(item))
    # The edit form shows the timing as it was written.
    edit = editor.get(f"{item}/edit").get_data(as_text=True)
    assert '<option value="age_weeks" selected' in edit
    other, _ = signed_in_staff(app, role="editor", areas=("hampshire",))
    assert other.get(item).status_code == 404
    assert other.get(f"{item}/edit").status_code == 404


def test_a_post_missing_the_date_boxes_shows_the_form_again(app):
    client, _ = signed_in_staff(app)
    token = csrf_token_of(client.get("/staff/nudges/new"))
    page = client.post(
        "/staff/nudges/new", data={"csrf_token": token, "action": "preview"}
    )
    assert page.status_code == 200
    assert "Write a new nudge" in text_of(page)


def test_editing_keeps_a_push_lifetime_set_in_hours_by_the_api(app, client):
    from tests.factories import make_staff

    author, account = signed_in_staff(app)
    api = make_staff(app, client)  # another author of the area, through the API
    created = client.post(
        "/api/v1/staff/nudges",
        json={
            "slug": "dorset-36h",
            "title": "A short-lived nudge",
            "body": "Only for a day and a half.",
            "anchor": "birth",
            "age_weeks": 2,
            "topic": "feeding",
            "area": "dorset",
            "ttl_seconds": 36 * 3600,
        },
        headers=api["headers"],
    )
    assert created.status_code == 201, created.get_json()
    item_id = created.get_json()["id"]
    edit = f"/staff/nudges/{item_id}/edit"
    saved = _post(
        author,
        edit,
        nudge_form(
            title="A short-lived nudge, reworded",
            slug="dorset-36h",
            ttl_days="1",
            topic="feeding",
            timing_number="2",
        ),
    )
    assert saved.status_code == 302
    item = client.get(f"/api/v1/staff/nudges/{item_id}", headers=api["headers"])
    revision = item.get_json()["pending_revision"]["data"]
    assert revision["title"] == "A short-lived nudge, reworded"
    assert revision["ttl_seconds"] == 36 * 3600


def test_a_rule_with_a_milestone_and_follow_up_is_saved_and_shown_again(app, client):
    from tests.factories import make_staff

    author, _ = signed_in_staff(app)
    saved = _post(
        author,
        "/staff/nudges/new",
        nudge_form(
            milestone="imms-8-weeks",
            follow_up_days="14",
            follow_up_title="Have you booked the jabs?",
            follow_up_body="",
        ),
    )
    assert saved.status_code == 302
    item = saved.headers["Location"]
    item_id = int(item.rsplit("/", 1)[1])
    api = make_staff(app, client)
    rule = client.get(f"/api/v1/staff/nudges/{item_id}", headers=api["headers"])
    data = rule.get_json()["pending_revision"]["data"]
    assert data["milestone"] == "imms-8-weeks"
    assert data["follow_up_days"] == 14
    assert data["follow_up_title"] == "Have you booked the jabs?"
    assert data["follow_up_body"] is None
    # The item's page names the milestone and shows the follow-up, standard words and
    # all.
    page = text_of(author.get(item))
    assert "Follow-up: 14 days after the first reminder reached the parent" in page
    assert "8 week vaccinations" in page
    assert "Just checking in about this for your baby." in page
    edit = author.get(f"{item}/edit").get_data(as_text=True)
    assert '<option value="imms-8-weeks" selected' in edit
    assert 'name="follow_up_days" type="text" value="14"' in edit
    assert 'value="Have you booked the jabs?"' in edit


def test_clearing_the_follow_up_on_the_edit_page_saves_it_cleared(app, client):
    from tests.factories import make_staff

    author, _ = signed_in_staff(app)
    item = _post(
        author,
        "/staff/nudges/new",
        nudge_form(milestone="imms-8-weeks", follow_up_days="14"),
    ).headers["Location"]
    saved = _post(author, f"{item}/edit", nudge_form(milestone="", follow_up_days=""))
    assert saved.status_code == 302
    api = make_staff(app, client)
    item_id = int(item.rsplit("/", 1)[1])
    rule = client.get(f"/api/v1/staff/nudges/{item_id}", headers=api["headers"])
    data = rule.get_json()["pending_revision"]["data"]
    assert data["milestone"] is None and data["follow_up_days"] is None


def test_a_follow_up_without_a_milestone_is_refused_on_its_field(app):
    from sqlalchemy import func, select

    from parent_app.extensions import db
    from parent_app.models.content import ContentItem

    client, _ = signed_in_staff(app)
    page = _post(
        client, "/staff/nudges/new", nudge_form(milestone="", follow_up_days="14")
    )
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "There is a problem" in text_of(page)
    assert 'href="#follow_up_days"' in html
    assert "A follow-up waits for a milestone" in text_of(page)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ContentItem)) == 0


def test_follow_up_days_out_of_range_or_words_without_days_are_refused(app):
    client, _ = signed_in_staff(app)
    page = _post(
        client,
        "/staff/nudges/new",
        nudge_form(milestone="imms-8-weeks", follow_up_days="91"),
    )
    assert page.status_code == 200
    assert "Enter a number of days from 1 to 90" in text_of(page)
    assert 'href="#follow_up_days"' in page.get_data(as_text=True)
    page = _post(
        client,
        "/staff/nudges/new",
        nudge_form(milestone="imms-8-weeks", follow_up_title="Booked it yet?"),
    )
    assert "Enter after how many days to remind again" in text_of(page)


def test_timeline_preview_says_when_the_follow_up_would_go(app):
    client, _ = signed_in_staff(app)
    page = _post(
        client,
        "/staff/nudges/new",
        nudge_form(action="timeline", milestone="imms-8-weeks", follow_up_days="14"),
    )
    words = text_of(page)
    # First reminder 26 April 2026 (8 weeks of real age); 14 days later.
    assert (
        "Follow-up: 14 days after the first reminder reached the parent "
        "(10 May 2026 at the earliest), unless the milestone (8 week vaccinations) "
        "is booked or done."
    ) in words
    assert "Reminder: Your baby&#39;s 8-week vaccinations" in words
