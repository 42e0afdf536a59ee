"""The Open Referral UK export: valid against the official UK profile schemas, stable,
private."""

import copy
import json
import uuid
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.course_helpers import add_session, booked, publish_course
from tests.factories import assert_error, make_parent, make_staff
from tests.oruk_schema import errors, page_errors

LONDON = ZoneInfo("Europe/London")


def _errors(page, closed=False):
    return page_errors(page, closed=closed)


def _local(days, hh, mm=0):
    on = date.today() + timedelta(days=days)
    return datetime.combine(on, time(hh, mm), tzinfo=LONDON).astimezone(UTC)


@pytest.fixture
def catalogue(app):
    """A few published courses of every shape, with sessions."""
    weekly = publish_course(
        app, "baby-massage", stage_from_day=42, stage_to_day=182, cost_pence=350
    )
    for week in range(4):
        add_session(app, weekly, starts_at=_local(7 + 7 * week, 10), minutes=60)
    online = publish_course(
        app,
        "arguing-better",
        delivery="online",
        audience="couples",
        area="national",
        online_url="https://meet.example.org/secret-room",
        stage_from_day=-280,
        stage_to_day=730,
    )
    add_session(app, online, starts_at=_local(3, 19, 30))
    publish_course(
        app,
        "thinking-ahead",
        stage="preconception",
        stage_from_day=None,
        stage_to_day=None,
        location={"name": "Ryde Family Hub", "address": None, "postcode": None},
        area="isle-of-wight",
    )
    publish_course(
        app,
        "bump-to-baby",
        stage_from_day=-200,
        stage_to_day=-1,
        area="hampshire",
        kind="course",
        location={
            "name": "Basingstoke Hub",
            "address": "Library, Chute House, Basingstoke",
            "postcode": "RG21 7LS",
        },
    )
    return {"weekly": weekly, "online": online}


def _services(client, **params):
    response = client.get("/api/v1/openreferral/services", query_string=params)
    assert response.status_code == 200, response.get_json()
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    return response.get_json()


def _by_name(page):
    return {s["name"]: s for s in page["contents"]}


def test_every_exported_service_validates_against_the_oruk_schema(client, catalogue):
    page = _services(client)
    assert page["total_items"] == 4 and page["size"] == 4 and not page["empty"]
    assert _errors(page) == []
    assert _errors(page, closed=True) == []


def test_each_service_by_id_validates_against_the_official_service_schema(
    client, catalogue
):
    for listed in _services(client)["contents"]:
        one = client.get(f"/api/v1/openreferral/services/{listed['id']}")
        assert one.status_code == 200
        service = one.get_json()
        assert errors(service, "service.json") == []
        assert errors(service, "service.json", closed=True) == []
        assert errors(service, "service_list.json") == []


def test_a_place_is_a_physical_location_with_a_page(client, catalogue):
    for service in _services(client)["contents"]:
        for link in service["service_at_locations"]:
            location = link["location"]
            assert location["location_type"] == "physical"
            assert location["url"].startswith("http")


def test_the_official_schema_catches_what_the_standard_requires(client, catalogue):
    page = _services(client)
    broken = copy.deepcopy(page)
    del broken["contents"][0]["url"]
    broken["contents"][1]["id"] = "42"
    broken["contents"][2]["status"] = "open"
    placed = next(
        i for i, s in enumerate(broken["contents"]) if s["service_at_locations"]
    )
    del broken["contents"][placed]["service_at_locations"][0]["location"][
        "location_type"
    ]
    messages = _errors(broken)
    assert any("'url' is a required property" in m for m in messages)
    assert any(m.startswith("contents/1/id") for m in messages)
    assert any(m.startswith("contents/2/status") for m in messages)
    assert any("'location_type' is a required property" in m for m in messages)
    invented = copy.deepcopy(page)
    invented["contents"][0]["booking_link"] = "https://example.org/"
    assert _errors(invented) == [] and _errors(invented, closed=True) != []


def test_ids_are_stable_uuid5s_of_the_slug(client, app, catalogue):
    first, second = _services(client), _services(client)
    assert [s["id"] for s in first["contents"]] == [s["id"] for s in second["contents"]]
    from parent_app.courses.openreferral import NAMESPACE

    massage = _by_name(first)["Baby massage"]
    assert massage["id"] == str(uuid.uuid5(NAMESPACE, "service:baby-massage"))
    assert uuid.UUID(massage["id"]).version == 5
    one = client.get(f"/api/v1/openreferral/services/{massage['id']}")
    assert one.status_code == 200 and one.get_json() == massage
    assert_error(client.get(f"/api/v1/openreferral/services/{uuid.uuid4()}"), 404)


def test_weekly_sessions_become_one_rrule_schedule_at_their_place(client, catalogue):
    massage = _by_name(_services(client))["Baby massage"]
    [link] = massage["service_at_locations"]
    assert link["location"]["name"] == "Poole Family Hub"
    [address] = link["location"]["addresses"]
    assert (
        address["address_1"],
        address["city"],
        address["postal_code"],
        address["country"],
    ) == (
        "1 High Street",
        "Poole",
        "BH15 1AA",
        "GB",
    )
    # Four weekly sessions may straddle a clock change; each schedule keeps one UTC
    # offset.
    schedules = massage["schedules"]
    assert sum(s["count"] for s in schedules) == 4
    first_day = date.today() + timedelta(days=7)
    assert schedules[0]["dtstart"] == first_day.isoformat()
    assert schedules[-1]["until"] == (first_day + timedelta(weeks=3)).isoformat()
    for schedule in schedules:
        assert (
            schedule["freq"],
            schedule["interval"],
            schedule["service_at_location_id"],
        ) == ("WEEKLY", 1, link["id"])
        assert (
            schedule["byday"]
            == ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][first_day.weekday()]
        )
        assert (
            schedule["opens_at"][:5] == "10:00" and schedule["closes_at"][:5] == "11:00"
        )
        assert schedule["opens_at"][5:] in ("+00:00", "+01:00")
    assert (
        massage["cost_options"][0]["amount"],
        massage["minimum_age"],
        massage["maximum_age"],
    ) == (3.5, 0, 0)


def test_the_life_stage_window_is_an_attribute_in_a_local_taxonomy(client, catalogue):
    services = _by_name(_services(client))

    def terms(name, taxonomy):
        return [
            a["taxonomy_term"]["term"]
            for a in services[name]["attributes"]
            if a["taxonomy_term"]["taxonomy"] == taxonomy
        ]

    assert terms("Baby massage", "first-1001-days-stage") == ["0-6-months"]
    assert terms("Bump to baby", "first-1001-days-stage") == ["pregnancy"]
    assert terms("Thinking ahead", "first-1001-days-stage") == ["preconception"]
    assert terms("Arguing better", "first-1001-days-stage") == [
        "pregnancy",
        "0-6-months",
        "6-12-months",
        "1-2-years",
    ]
    assert terms("Arguing better", "first-1001-days-audience") == ["couples"]
    assert "minimum_age" not in services["Bump to baby"]


def test_nothing_private_or_invented_is_exported(client, catalogue):
    booked(
        client,
        make_parent(client),
        add_session(client.application, catalogue["online"]),
    )
    text = json.dumps(_services(client))
    assert "secret-room" not in text
    assert "@" not in text  # no emails, ours or parents'
    online = _by_name(json.loads(text))["Arguing better"]
    assert (
        online["service_at_locations"] == []
        and online["schedules"][0]["attending_type"] == "online"
    )
    assert all(
        set(c) == {"id", "service_id", "name", "title", "url"}
        for c in online["contacts"]
    )


def test_an_address_without_a_town_and_postcode_is_left_out(client, catalogue):
    ahead = _by_name(_services(client))["Thinking ahead"]
    [link] = ahead["service_at_locations"]
    assert (link["location"]["name"], link["location"]["addresses"]) == (
        "Ryde Family Hub",
        [],
    )
    assert ahead["schedules"] == []
    assert ahead["contacts"][0]["name"] == "Isle of Wight family hubs"


def test_unpublished_courses_and_cancelled_sessions_are_not_exported(
    client, app, catalogue
):
    editor = make_staff(app, client, role="editor", areas=("dorset",))
    client.post(
        f"/api/v1/staff/courses/{catalogue['weekly']}/archive",
        headers=editor["headers"],
    )
    page = _services(client)
    assert "Baby massage" not in _by_name(page) and page["total_items"] == 3


def test_pages_follow_the_oruk_envelope(client, catalogue):
    first = _services(client, per_page=3)
    second = _services(client, per_page=3, page=2)
    assert (
        first["total_pages"],
        first["first_page"],
        first["last_page"],
        first["size"],
    ) == (2, True, False, 3)
    assert (second["page_number"], second["last_page"], second["size"]) == (2, True, 1)
    beyond = _services(client, per_page=3, page=9)
    assert (beyond["empty"], beyond["contents"]) == (True, [])
    assert _errors(beyond) == []


@pytest.mark.parametrize("query", ["page=0", "per_page=0", "per_page=101", "page=x"])
def test_bad_pages_are_422(client, query):
    assert_error(client.get(f"/api/v1/openreferral/services?{query}"), 422)
