"""Issue 17 item 18: the console lists locations and reviews them like any kind (they
are written through the staff API)."""

from tests.api.test_locations import location_data
from tests.web.helpers import text_of
from tests.web.staff_helpers import action, signed_in_staff


def test_an_editor_finds_a_location_in_the_console_and_publishes_it(app):
    author_client, author = signed_in_staff(app, areas=("isle-of-wight",))
    created = author_client.post(
        "/api/v1/staff/locations", json=location_data(), headers=author["headers"]
    )
    item_id = created.get_json()["id"]
    author_client.post(
        f"/api/v1/staff/locations/{item_id}/submit", headers=author["headers"]
    )
    editor, _ = signed_in_staff(app, role="editor", areas=("isle-of-wight",))

    listed = text_of(editor.get("/staff/locations/"))
    assert "Ryde Test Hub" in listed and "In review" in listed
    item_url = f"/staff/locations/{item_id}"
    page = text_of(editor.get(item_url))
    for shown in ("Ryde Test Hub", "PO33 1AA", "Monday to Friday, 9am to 5pm"):
        assert shown in page, shown
    approved = action(editor, item_url, "approve")
    assert approved.status_code == 302
    assert editor.get("/api/v1/locations/ryde-test-hub").status_code == 200
    assert "Published" in text_of(editor.get(item_url))


def _location_form(**overrides):
    form = {
        "name": "Cowes Test Hub",
        "slug": "cowes-test-hub",
        "description": "",
        "address": "Park Road\nCowes Library",
        "town": "Cowes",
        "postcode": "po31 7aa",
        "opening_times": "Tuesdays, 10am to 12 noon",
        "phone": "",
        "accessibility": "Ramp at the side door.",
        "area": "isle-of-wight",
        "source_name": "Isle of Wight Council",
        "source_url": "https://iow.gov.uk/family-hubs-test",
        "review_by": "30 6 2027",
    }
    form.update(overrides)
    return form


def test_an_author_adds_a_hub_with_the_form_and_edits_it(app):
    from tests.web.staff_helpers import post_form

    client, author = signed_in_staff(app, areas=("isle-of-wight",))
    assert "Add a family hub or venue" in text_of(client.get("/staff/locations/new"))
    saved = post_form(client, "/staff/locations/new", _location_form())
    assert saved.status_code == 302, text_of(saved)
    item_url = saved.headers["Location"]
    item_id = int(item_url.rstrip("/").rsplit("/", 1)[-1])
    data = client.get(
        f"/api/v1/staff/locations/{item_id}", headers=author["headers"]
    ).get_json()["pending_revision"]["data"]
    assert data["address_lines"] == ["Park Road", "Cowes Library"]
    assert (data["postcode"], data["phone"], data["description"]) == (
        "PO31 7AA",
        None,
        None,
    )
    edit = text_of(client.get(f"/staff/locations/{item_id}/edit"))
    assert "Edit Cowes Test Hub" in edit and "Tuesdays, 10am to 12 noon" in edit
    again = post_form(
        client,
        f"/staff/locations/{item_id}/edit",
        {k: v for k, v in _location_form(town="East Cowes").items() if k != "slug"},
    )
    assert again.status_code == 302, text_of(again)


def test_the_form_shows_a_bad_postcode_in_the_error_summary(app):
    from tests.web.staff_helpers import post_form

    client, _ = signed_in_staff(app, areas=("isle-of-wight",))
    page = post_form(client, "/staff/locations/new", _location_form(postcode="nope"))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "govuk-error-summary" in text and 'href="#postcode"' in text
    assert "Enter a UK postcode" in text


def test_a_course_written_in_the_console_can_be_held_at_a_published_hub(app):
    from tests.api.test_locations import publish_location
    from tests.web.staff_helpers import post_form
    from tests.web.test_staff_courses import course_form

    publish_location(app)
    client, author = signed_in_staff(app, areas=("isle-of-wight",))
    page = text_of(client.get("/staff/courses/new"))
    assert "Ryde Test Hub, Ryde" in page
    form = course_form(
        area="isle-of-wight",
        location_slug="ryde-test-hub",
        location_name="",
        location_address="",
        location_postcode="",
    )
    saved = post_form(client, "/staff/courses/new", form)
    assert saved.status_code == 302, text_of(saved)
    item_id = int(saved.headers["Location"].rstrip("/").rsplit("/", 1)[-1])
    data = client.get(
        f"/api/v1/staff/courses/{item_id}", headers=author["headers"]
    ).get_json()["pending_revision"]["data"]
    assert data["location_slug"] == "ryde-test-hub"
    assert data["location"]["address"] == "1 Test Street, Ryde"
    edit = client.get(f"/staff/courses/{item_id}/edit").get_data(as_text=True)
    assert '<option value="ryde-test-hub" selected>' in edit
