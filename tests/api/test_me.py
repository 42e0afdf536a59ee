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
    assert (me["reminder_time"], me["timezone"], me["quiet_hours"]) == ("10:00", "Europe/London", None)


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
    error = assert_error(client.patch("/api/v1/me", json=changes, headers=parent["headers"]), 422)
    assert field in error["fields"]
    assert client.get("/api/v1/me", headers=parent["headers"]).get_json()["reminder_time"] == "10:00"
