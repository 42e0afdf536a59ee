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
