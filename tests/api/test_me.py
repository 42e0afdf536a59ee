"""Profile and reminder preferences."""

import pytest

from tests.factories import assert_error, make_parent


def test_preferences_can_be_changed_and_are_kept(client):
    parent = make_parent(client)
    response = client.patch(
        "/api/v1/me",
        json={
            "display_name": "Alex",
            "reminder_time": "08:30",
            "quiet_hours": {"start": "21:00", "end": "07:00"},
            "timezone": "Europe/London",
            "muted_topics": ["money"],
            "area": "portsmouth",
        },
        headers=parent["headers"],
    )
    assert response.status_code == 200
    me = client.get("/api/v1/me", headers=parent["headers"]).get_json()
    assert me["reminder_time"] == "08:30"
    assert me["quiet_hours"] == {"start": "21:00", "end": "07:00"}
    assert me["muted_topics"] == ["money"]
    assert me["area"] == "portsmouth"


def test_defaults_are_10am_london(client):
    me = client.get("/api/v1/me", headers=make_parent(client)["headers"]).get_json()
    assert (me["reminder_time"], me["timezone"], me["quiet_hours"]) == (
        "10:00",
        "Europe/London",
        None,
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reminder_time": "25:00"}, "reminder_time"),
        ({"reminder_time": "9am"}, "reminder_time"),
        ({"quiet_hours": {"start": "22:00"}}, "quiet_hours"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"muted_topics": ["gossip"]}, "muted_topics"),
        ({"area": "atlantis"}, "area"),
        ({}, "_schema"),
    ],
)
def test_bad_preferences_are_422_and_change_nothing(client, changes, field):
    parent = make_parent(client)
    error = assert_error(
        client.patch("/api/v1/me", json=changes, headers=parent["headers"]), 422
    )
    assert any(k == field or k.startswith(f"{field}.") for k in error["fields"])
    assert (
        client.get("/api/v1/me", headers=parent["headers"]).get_json()["reminder_time"]
        == "10:00"
    )


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"reminder_time": "10:00\n"}, "reminder_time"),
        ({"quiet_hours": {"start": "22:00", "end": "07:00\n"}}, "quiet_hours"),
        ({"quiet_hours": {"start": "22:00", "end": "22:00"}}, "quiet_hours"),
        ({"timezone": "Europe"}, "timezone"),
        ({"timezone": "../../etc/passwd"}, "timezone"),
        ({"language": "klingon"}, "language"),
        ({"display_name": "x" * 81}, "display_name"),
        ({"muted_topics": "money"}, "muted_topics"),
    ],
    ids=[
        "newline-after-time",
        "newline-in-quiet-hours",
        "empty-quiet-hours",
        "zone-directory",
        "zone-path",
        "language",
        "long-name",
        "topics-not-a-list",
    ],
)
def test_more_bad_preferences_are_422_never_500(client, changes, field):
    parent = make_parent(client)
    error = assert_error(
        client.patch("/api/v1/me", json=changes, headers=parent["headers"]), 422
    )
    assert any(k == field or k.startswith(f"{field}.") for k in error["fields"])


def test_every_preference_round_trips_and_quiet_hours_can_be_cleared(client):
    parent = make_parent(client)
    changes = {
        "display_name": "Sam",
        "reminder_time": "19:45",
        "quiet_hours": {"start": "22:00", "end": "06:30"},
        "timezone": "America/New_York",
        "muted_topics": ["sleep-and-safety", "money", "money"],
        "language": "cy",
    }
    body = client.patch(
        "/api/v1/me", json=changes, headers=parent["headers"]
    ).get_json()
    assert {k: body[k] for k in changes} == {
        **changes,
        "muted_topics": ["money", "sleep-and-safety"],
    }
    cleared = client.patch(
        "/api/v1/me",
        json={"quiet_hours": None, "muted_topics": []},
        headers=parent["headers"],
    ).get_json()
    assert (cleared["quiet_hours"], cleared["muted_topics"], cleared["language"]) == (
        None,
        [],
        "cy",
    )


def test_moving_area_moves_the_family_area(client):
    parent = make_parent(client, area="dorset")
    client.patch("/api/v1/me", json={"area": "hampshire"}, headers=parent["headers"])
    assert (
        client.get("/api/v1/family", headers=parent["headers"]).get_json()["area"]
        == "hampshire"
    )


def test_staff_see_their_own_profile_but_not_a_family(client, app):
    from tests.factories import make_staff

    staff = make_staff(app, client, role="editor", areas=("dorset", "hampshire"))
    me = client.get("/api/v1/me", headers=staff["headers"]).get_json()
    assert (me["role"], me["staff_areas"], me["household_id"]) == (
        "editor",
        ["dorset", "hampshire"],
        None,
    )
    assert_error(client.get("/api/v1/family", headers=staff["headers"]), 403)
    export = client.get("/api/v1/me/export", headers=staff["headers"]).get_json()
    assert export["babies"] == [] and export["household"] == []
