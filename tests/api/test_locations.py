"""Issue 17 item 18: locations (family hubs and venues) are content with the one
lifecycle; courses held at one show its address, and the Open Referral UK export gives
it as a real location."""

from datetime import UTC, datetime, timedelta

from tests.course_helpers import add_session, publish_course
from tests.factories import assert_error, make_parent, make_staff
from tests.oruk_schema import errors

STAFF = "/api/v1/staff/locations"


def location_data(slug="ryde-test-hub", **overrides):
    data = {
        "slug": slug,
        "name": "Ryde Test Hub",
        "description": "A family hub for testing.",
        "address_lines": ["1 Test Street"],
        "town": "Ryde",
        "postcode": "po33 1aa",
        "opening_times": "Monday to Friday, 9am to 5pm",
        "phone": "01983 000000",
        "accessibility": "Step-free entrance from the street.",
        "area": "isle-of-wight",
        "source_name": "Isle of Wight Council family hubs",
        "source_url": "https://iow.gov.uk/family-hubs-test",
        "review_by": "2027-06-30",
    }
    data.update(overrides)
    return data


def publish_location(app, slug="ryde-test-hub", **overrides):
    from parent_app.content.lifecycle import publish_from_catalogue
    from parent_app.extensions import db

    with app.app_context():
        result = publish_from_catalogue(
            "location", location_data(slug, **overrides), now=datetime.now(UTC)
        )
        db.session.commit()
        return result.item.id


def test_staff_draft_review_and_publish_a_location_that_anyone_can_read(app, client):
    author = make_staff(app, client, areas=("isle-of-wight",))
    editor = make_staff(app, client, role="editor", areas=("isle-of-wight",))
    created = client.post(STAFF, json=location_data(), headers=author["headers"])
    assert created.status_code == 201, created.get_json()
    item = created.get_json()
    assert item["kind"] == "location" and item["status"] == "draft"
    assert_error(client.get("/api/v1/locations/ryde-test-hub"), 404)

    submitted = client.post(f"{STAFF}/{item['id']}/submit", headers=author["headers"])
    assert submitted.status_code == 200, submitted.get_json()
    assert_error(
        client.post(f"{STAFF}/{item['id']}/approve", headers=author["headers"]),
        403,
        "editor_required",
    )
    approved = client.post(f"{STAFF}/{item['id']}/approve", headers=editor["headers"])
    assert approved.status_code == 200, approved.get_json()

    shown = client.get("/api/v1/locations/ryde-test-hub").get_json()
    assert shown["address"] == "1 Test Street, Ryde"
    assert (shown["postcode"], shown["opening_times"], shown["phone"]) == (
        "PO33 1AA",
        "Monday to Friday, 9am to 5pm",
        "01983 000000",
    )
    assert shown["source_url"] == "https://iow.gov.uk/family-hubs-test"
    listed = client.get("/api/v1/locations", query_string={"area": "isle-of-wight"})
    assert [loc["slug"] for loc in listed.get_json()] == ["ryde-test-hub"]
    assert (
        client.get("/api/v1/locations", query_string={"area": "dorset"}).get_json()
        == []
    )


def test_a_location_needs_a_real_postcode_its_source_and_a_review_date(app, client):
    author = make_staff(app, client, areas=("isle-of-wight",))
    body = location_data(postcode="not a postcode", phone="call us")
    del body["source_url"], body["review_by"]
    fields = assert_error(
        client.post(STAFF, json=body, headers=author["headers"]), 422
    )["fields"]
    assert {"postcode", "phone", "source_url", "review_by"} <= set(fields)


def test_another_areas_location_is_not_found_for_staff(app, client):
    item_id = publish_location(app)
    dorset = make_staff(app, client, areas=("dorset",))
    assert_error(client.get(f"{STAFF}/{item_id}", headers=dorset["headers"]), 404)


def test_a_course_at_a_location_shows_its_address(app, client):
    publish_location(app)
    course_id = publish_course(
        app,
        "hub-play",
        area="isle-of-wight",
        location=None,
        location_slug="ryde-test-hub",
    )
    course = client.get(f"/api/v1/courses/{course_id}").get_json()
    assert course["location_slug"] == "ryde-test-hub"
    assert course["location"] == {
        "name": "Ryde Test Hub",
        "address": "1 Test Street, Ryde",
        "postcode": "PO33 1AA",
    }


def test_a_course_for_the_wider_area_may_be_held_at_a_local_hub(app, client):
    publish_location(app)
    course_id = publish_course(
        app,
        "wider-course",
        area="hampshire-and-isle-of-wight",
        location=None,
        location_slug="ryde-test-hub",
    )
    course = client.get(f"/api/v1/courses/{course_id}").get_json()
    assert course["location"]["postcode"] == "PO33 1AA"


def test_a_course_cannot_name_a_missing_or_faraway_location(app, client):
    publish_location(app)
    author = make_staff(app, client, areas=("dorset",))
    from tests.course_helpers import course_data

    for slug in ("no-such-hub", "ryde-test-hub"):
        body = course_data("nowhere", location=None, location_slug=slug)
        fields = assert_error(
            client.post("/api/v1/staff/courses", json=body, headers=author["headers"]),
            422,
        )["fields"]
        assert "location_slug" in fields, slug


def test_a_new_address_reaches_the_courses_held_there_and_their_coming_sessions(
    app, client
):
    publish_location(app)
    course_id = publish_course(
        app,
        "hub-feeding",
        area="isle-of-wight",
        location=None,
        location_slug="ryde-test-hub",
    )
    session_id = add_session(app, course_id, starts_in=timedelta(days=5))
    publish_location(app, address_lines=["2 New Road"], postcode="PO33 2BB")

    course = client.get(f"/api/v1/courses/{course_id}").get_json()
    assert course["location"]["address"] == "2 New Road, Ryde"
    from parent_app.extensions import db
    from parent_app.models.courses import CourseSession

    with app.app_context():
        session = db.session.get(CourseSession, session_id)
        assert (session.location_address, session.location_postcode) == (
            "2 New Road, Ryde",
            "PO33 2BB",
        )


def test_the_parent_course_page_shows_the_hubs_address_and_opening_times(app, client):
    publish_location(app)
    course_id = publish_course(
        app,
        "hub-massage",
        area="isle-of-wight",
        location=None,
        location_slug="ryde-test-hub",
    )
    from tests.web.parent_helpers import sign_up

    sign_up(client, area="isle-of-wight")
    page = client.get(f"/courses/{course_id}").get_data(as_text=True)
    assert "At Ryde Test Hub, 1 Test Street, Ryde, PO33 1AA." in page
    assert "Open Monday to Friday, 9am to 5pm." in page
    assert "Step-free entrance from the street." in page


def test_the_open_referral_export_gives_the_hub_as_a_real_location(app, client):
    publish_location(app)
    publish_course(
        app,
        "hub-dads",
        area="isle-of-wight",
        location=None,
        location_slug="ryde-test-hub",
    )
    page = client.get("/api/v1/openreferral/services").get_json()
    [service] = page["contents"]
    [link] = service["service_at_locations"]
    location = link["location"]
    assert location["name"] == "Ryde Test Hub"
    assert location["url"].endswith("/api/v1/locations/ryde-test-hub")
    assert "Monday to Friday, 9am to 5pm" in location["description"]
    [address] = location["addresses"]
    assert (address["address_1"], address["city"], address["postal_code"]) == (
        "1 Test Street",
        "Ryde",
        "PO33 1AA",
    )
    assert location["accessibility"][0]["description"].startswith("Step-free")
    one = client.get(f"/api/v1/openreferral/services/{service['id']}").get_json()
    assert errors(one, "service.json") == []
    assert errors(one, "service.json", closed=True) == []
    assert errors(one, "service_list.json") == []


def test_the_starter_catalogue_holds_only_a_verified_hub_and_its_courses_show_it(
    runner, client
):
    loaded = runner.invoke(args=["content", "load-catalogue"])
    assert loaded.exit_code == 0, loaded.output
    [newport] = client.get("/api/v1/locations").get_json()
    assert (newport["name"], newport["postcode"], newport["area"]) == (
        "Newport Family Hub",
        "PO30 2AX",
        "isle-of-wight",
    )
    assert newport["source_url"].startswith("https://iow.gov.uk/")
    assert newport["phone"] is None  # the council page gives none: none is invented
    parent = make_parent(client, area="isle-of-wight")
    courses = client.get(
        "/api/v1/courses",
        query_string={"area": "isle-of-wight"},
        headers=parent["headers"],
    ).get_json()["items"]
    at_newport = [c for c in courses if c["location_slug"] == newport["slug"]]
    assert len(at_newport) >= 2
    assert all(c["location"]["address"] == "Furrlongs, Newport" for c in at_newport)
