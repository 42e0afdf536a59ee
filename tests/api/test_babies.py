"""Babies and pregnancies: add, change, birth, loss, and nobody else's."""

from datetime import date, timedelta

import pytest

from tests.factories import add_baby, assert_error, make_parent

TODAY = date.today()


def test_add_a_pregnancy_and_a_born_baby(client):
    parent = make_parent(client)
    pregnancy = add_baby(
        client, parent, due_date=TODAY + timedelta(weeks=20), name="Bump"
    )
    born = add_baby(
        client, parent, date_of_birth=TODAY - timedelta(weeks=10), gestation_weeks=32
    )
    assert pregnancy["status"] == "expected" and pregnancy["name"] == "Bump"
    assert born["status"] == "born" and born["gestation_weeks"] == 32
    assert (
        born["corrected_age_from"]
        == (TODAY - timedelta(weeks=10) + timedelta(weeks=8)).isoformat()
    )
    listed = client.get("/api/v1/babies", headers=parent["headers"]).get_json()
    assert [b["id"] for b in listed] == [pregnancy["id"], born["id"]]


def test_born_baby_defaults_to_40_weeks(client):
    parent = make_parent(client)
    born = add_baby(client, parent, date_of_birth=TODAY - timedelta(days=3))
    assert born["gestation_weeks"] == 40 and born["corrected_age_from"] is None


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({}, "due_date"),
        ({"due_date": (TODAY + timedelta(weeks=45)).isoformat()}, "due_date"),
        ({"due_date": (TODAY - timedelta(weeks=7)).isoformat()}, "due_date"),
        ({"due_date": "2026-02-30"}, "due_date"),
        ({"date_of_birth": (TODAY + timedelta(days=1)).isoformat()}, "date_of_birth"),
        (
            {"date_of_birth": (TODAY - timedelta(days=1100)).isoformat()},
            "date_of_birth",
        ),
        (
            {"date_of_birth": TODAY.isoformat(), "gestation_weeks": 21},
            "gestation_weeks",
        ),
        (
            {"date_of_birth": TODAY.isoformat(), "gestation_weeks": "forty"},
            "gestation_weeks",
        ),
        ({"due_date": TODAY.isoformat(), "name": "x" * 61}, "name"),
        ({"due_date": TODAY.isoformat(), "colour": "blue"}, "colour"),
    ],
)
def test_bad_baby_details_are_422_naming_the_field(client, payload, field):
    parent = make_parent(client)
    error = assert_error(
        client.post("/api/v1/babies", json=payload, headers=parent["headers"]), 422
    )
    assert field in error["fields"]
    assert client.get("/api/v1/babies", headers=parent["headers"]).get_json() == []


def test_another_familys_baby_is_a_404_for_every_action(client):
    owner = make_parent(client)
    stranger = make_parent(client)
    baby = add_baby(client, owner, due_date=TODAY + timedelta(weeks=10))
    url = f"/api/v1/babies/{baby['id']}"
    h = stranger["headers"]
    assert_error(client.get(url, headers=h), 404)
    assert_error(client.patch(url, json={"name": "Mine"}, headers=h), 404)
    assert_error(client.delete(url, headers=h), 404)
    assert_error(
        client.post(
            url + "/birth", json={"date_of_birth": TODAY.isoformat()}, headers=h
        ),
        404,
    )
    assert_error(client.post(url + "/loss", json={}, headers=h), 404)
    assert client.get(url, headers=owner["headers"]).get_json()["name"] is None


def test_staff_cannot_use_parent_endpoints(client, app):
    from tests.factories import make_staff

    staff = make_staff(app, client, role="editor")
    assert_error(client.get("/api/v1/babies", headers=staff["headers"]), 403)


def test_moving_the_due_date(client):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=10))
    new_due = TODAY + timedelta(weeks=11)
    response = client.patch(
        f"/api/v1/babies/{baby['id']}",
        json={"due_date": new_due.isoformat()},
        headers=parent["headers"],
    )
    assert response.get_json()["due_date"] == new_due.isoformat()


def test_recording_the_birth_keeps_the_id(client):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=5))
    response = client.post(
        f"/api/v1/babies/{baby['id']}/birth",
        json={"date_of_birth": TODAY.isoformat(), "gestation_weeks": 35},
        headers=parent["headers"],
    )
    body = response.get_json()
    assert response.status_code == 200
    assert (body["id"], body["status"], body["gestation_weeks"]) == (
        baby["id"],
        "born",
        35,
    )
    again = client.post(
        f"/api/v1/babies/{baby['id']}/birth",
        json={"date_of_birth": TODAY.isoformat()},
        headers=parent["headers"],
    )
    assert_error(again, 409, "already_born")


def test_recording_a_loss_marks_the_baby_and_blocks_changes(client):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=26))
    response = client.post(
        f"/api/v1/babies/{baby['id']}/loss", json={}, headers=parent["headers"]
    )
    assert response.get_json()["status"] == "lost"
    assert response.get_json()["lost_on"] == TODAY.isoformat()
    blocked = client.patch(
        f"/api/v1/babies/{baby['id']}", json={"name": "x"}, headers=parent["headers"]
    )
    assert_error(blocked, 409, "baby_lost")


def test_loss_in_the_future_is_refused(client):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=26))
    response = client.post(
        f"/api/v1/babies/{baby['id']}/loss",
        json={"date": (TODAY + timedelta(days=2)).isoformat()},
        headers=parent["headers"],
    )
    assert "date" in assert_error(response, 422)["fields"]


def test_delete_removes_the_baby(client):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=26))
    assert (
        client.delete(
            f"/api/v1/babies/{baby['id']}", headers=parent["headers"]
        ).status_code
        == 204
    )
    assert_error(
        client.get(f"/api/v1/babies/{baby['id']}", headers=parent["headers"]), 404
    )


def test_day_numbers_follow_the_dates(client, app):
    from parent_app.domain.daynum import to_day
    from parent_app.extensions import db
    from parent_app.models import Baby

    parent = make_parent(client)
    due = TODAY + timedelta(weeks=7, days=-1)  # born yesterday at 33 weeks
    baby = add_baby(client, parent, due_date=due)
    born = TODAY - timedelta(days=1)
    client.post(
        f"/api/v1/babies/{baby['id']}/birth",
        json={"date_of_birth": born.isoformat(), "gestation_weeks": 33},
        headers=parent["headers"],
    )
    with app.app_context():
        row = db.session.get(Baby, baby["id"])
        assert (row.due_day, row.birth_day, row.corrected_birth_day) == (
            to_day(due),
            to_day(born),
            to_day(born) + 49,
        )


@pytest.mark.parametrize(
    ("payload", "accepted"),
    [
        ({"due_date": TODAY + timedelta(weeks=44)}, True),
        ({"due_date": TODAY + timedelta(weeks=44, days=1)}, False),
        ({"due_date": TODAY - timedelta(weeks=6)}, True),
        ({"due_date": TODAY - timedelta(weeks=6, days=1)}, False),
        ({"date_of_birth": TODAY}, True),
        ({"date_of_birth": TODAY - timedelta(days=735)}, True),
        ({"date_of_birth": TODAY - timedelta(days=736)}, False),
        ({"date_of_birth": TODAY, "gestation_weeks": 22}, True),
        ({"date_of_birth": TODAY, "gestation_weeks": 44}, True),
        ({"date_of_birth": TODAY, "gestation_weeks": 45}, False),
        ({"date_of_birth": TODAY, "gestation_weeks": 33, "gestation_days": 6}, True),
        ({"date_of_birth": TODAY, "gestation_weeks": 33, "gestation_days": 7}, False),
    ],
    ids=[
        "due-44-weeks-ahead",
        "due-44-weeks-and-a-day",
        "due-6-weeks-past",
        "due-6-weeks-and-a-day-past",
        "born-today",
        "born-735-days-ago",
        "born-736-days-ago",
        "22-weeks",
        "44-weeks",
        "45-weeks",
        "33+6",
        "33+7",
    ],
)
def test_date_limits_are_inclusive_at_their_edges(client, payload, accepted):
    parent = make_parent(client)
    body = {
        k: v.isoformat() if hasattr(v, "isoformat") else v for k, v in payload.items()
    }
    response = client.post("/api/v1/babies", json=body, headers=parent["headers"])
    if accepted:
        assert response.status_code == 201, response.get_json()
    else:
        assert set(assert_error(response, 422)["fields"]) <= set(body)


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        (
            {"date_of_birth": TODAY.isoformat(), "gestation_weeks": 33.5},
            "gestation_weeks",
        ),
        ({"date_of_birth": TODAY.isoformat(), "gestation_days": 1.5}, "gestation_days"),
        (
            {"date_of_birth": TODAY.isoformat(), "gestation_weeks": "33"},
            "gestation_weeks",
        ),
        (
            {"due_date": (TODAY + timedelta(weeks=8)).isoformat(), "gestation_days": 3},
            "gestation_days",
        ),
        (
            {
                "date_of_birth": TODAY.isoformat(),
                "due_date": (TODAY + timedelta(weeks=19)).isoformat(),
            },
            "due_date",
        ),
        (
            {
                "date_of_birth": TODAY.isoformat(),
                "due_date": (TODAY - timedelta(weeks=5)).isoformat(),
            },
            "due_date",
        ),
    ],
    ids=[
        "fractional-weeks",
        "fractional-days",
        "weeks-as-text",
        "pregnancy-with-gestation",
        "due-too-long-after-birth",
        "due-too-long-before-birth",
    ],
)
def test_gestation_and_a_born_babys_due_date_must_make_sense(client, payload, field):
    parent = make_parent(client)
    error = assert_error(
        client.post("/api/v1/babies", json=payload, headers=parent["headers"]), 422
    )
    assert field in error["fields"]


def test_a_born_babys_due_date_within_the_gestation_range_is_kept(client):
    parent = make_parent(client)
    due = TODAY + timedelta(weeks=6)
    born = add_baby(
        client, parent, date_of_birth=TODAY, gestation_weeks=34, due_date=due
    )
    assert born["due_date"] == due.isoformat()
    too_late = client.patch(
        f"/api/v1/babies/{born['id']}",
        json={"due_date": (TODAY + timedelta(weeks=30)).isoformat()},
        headers=parent["headers"],
    )
    assert "due_date" in assert_error(too_late, 422)["fields"]


def test_birth_details_of_a_pregnancy_are_refused_by_patch(client):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=8))
    for field, value in [
        ("gestation_weeks", 38),
        ("gestation_days", 2),
        ("date_of_birth", TODAY.isoformat()),
    ]:
        response = client.patch(
            f"/api/v1/babies/{baby['id']}",
            json={field: value},
            headers=parent["headers"],
        )
        assert field in assert_error(response, 422)["fields"]
    assert (
        client.get(
            f"/api/v1/babies/{baby['id']}", headers=parent["headers"]
        ).get_json()["status"]
        == "expected"
    )


def test_correcting_gestation_days_moves_the_corrected_age(client):
    parent = make_parent(client)
    born_on = TODAY - timedelta(weeks=4)
    baby = add_baby(client, parent, date_of_birth=born_on, gestation_weeks=32)
    response = client.patch(
        f"/api/v1/babies/{baby['id']}",
        json={"gestation_days": 3},
        headers=parent["headers"],
    )
    assert response.status_code == 200
    assert (
        response.get_json()["corrected_age_from"]
        == (born_on + timedelta(days=280 - 32 * 7 - 3)).isoformat()
    )


def test_a_loss_cannot_predate_the_pregnancy_or_the_birth(client):
    parent = make_parent(client)
    due = TODAY + timedelta(weeks=20)
    pregnancy = add_baby(client, parent, due_date=due)
    born = add_baby(client, parent, date_of_birth=TODAY - timedelta(days=10))
    for baby, date_ in [
        (pregnancy, due - timedelta(days=281)),
        (born, TODAY - timedelta(days=11)),
    ]:
        response = client.post(
            f"/api/v1/babies/{baby['id']}/loss",
            json={"date": date_.isoformat()},
            headers=parent["headers"],
        )
        assert "date" in assert_error(response, 422)["fields"]
    ok = client.post(
        f"/api/v1/babies/{pregnancy['id']}/loss",
        json={"date": (due - timedelta(days=280)).isoformat()},
        headers=parent["headers"],
    )
    assert ok.get_json()["status"] == "lost"


def test_a_partner_sees_a_birth_recorded_by_the_other_adult(client):
    mum = make_parent(client)
    partner = make_parent(client, role="partner")
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=2))
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    client.post("/api/v1/family/join", json={"code": code}, headers=partner["headers"])
    client.post(
        f"/api/v1/babies/{baby['id']}/birth",
        json={"date_of_birth": TODAY.isoformat(), "gestation_weeks": 39},
        headers=partner["headers"],
    )
    seen = client.get(f"/api/v1/babies/{baby['id']}", headers=mum["headers"]).get_json()
    assert (seen["status"], seen["date_of_birth"]) == ("born", TODAY.isoformat())


def test_born_today_means_today_where_the_parent_is(client):
    """At any instant one of these two zones is on another date than UTC: a birth on the
    parent's own today is accepted, and their tomorrow is refused, whatever the server's
    clock says."""
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    now = datetime.now(UTC)
    zone = next(
        z
        for z in ("Pacific/Kiritimati", "Pacific/Pago_Pago")
        if now.astimezone(ZoneInfo(z)).date() != now.date()
    )
    parent = make_parent(client)
    client.patch("/api/v1/me", json={"timezone": zone}, headers=parent["headers"])
    local_today = datetime.now(UTC).astimezone(ZoneInfo(zone)).date()
    tomorrow = client.post(
        "/api/v1/babies",
        json={"date_of_birth": (local_today + timedelta(days=1)).isoformat()},
        headers=parent["headers"],
    )
    assert_error(tomorrow, 422)
    today = client.post(
        "/api/v1/babies",
        json={"date_of_birth": local_today.isoformat()},
        headers=parent["headers"],
    )
    assert today.status_code == 201, today.get_json()


class TestBirthAgreesWithTheDueDate:
    """A birth and its due date never contradict each other (issue 10, item 3)."""

    def _pregnancy(self, client, due_in_weeks):
        parent = make_parent(client)
        baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=due_in_weeks))
        return parent, f"/api/v1/babies/{baby['id']}"

    def test_a_birth_at_20_weeks_is_refused_and_points_to_the_loss_pathway(
        self, client
    ):
        parent, url = self._pregnancy(client, 20)
        response = client.post(
            url + "/birth",
            json={"date_of_birth": TODAY.isoformat()},
            headers=parent["headers"],
        )
        error = assert_error(response, 422, "validation_failed")
        assert set(error["fields"]) == {"date_of_birth", "due_date"}
        assert "20 weeks along" in error["fields"]["date_of_birth"][0]
        assert "loss" in error["fields"]["date_of_birth"][0]
        baby = client.get(url, headers=parent["headers"]).get_json()
        assert baby["status"] == "expected"

    def test_without_weeks_they_come_from_the_due_date_and_the_answer_says_so(
        self, client
    ):
        parent, url = self._pregnancy(client, 3)
        response = client.post(
            url + "/birth",
            json={"date_of_birth": TODAY.isoformat()},
            headers=parent["headers"],
        )
        assert response.status_code == 200, response.get_json()
        baby = response.get_json()
        assert (baby["gestation_weeks"], baby["gestation_days"]) == (37, 0)
        assert baby["gestation_from"] == "due_date"
        assert baby["due_date"] == (TODAY + timedelta(weeks=3)).isoformat()

    def test_weeks_that_contradict_the_due_date_name_both_fields(self, client):
        parent, url = self._pregnancy(client, 8)
        response = client.post(
            url + "/birth",
            json={"date_of_birth": TODAY.isoformat(), "gestation_weeks": 40},
            headers=parent["headers"],
        )
        error = assert_error(response, 422, "validation_failed")
        assert set(error["fields"]) == {"gestation_weeks", "due_date"}
        assert "32 weeks" in error["fields"]["gestation_weeks"][0]

    def test_weeks_within_a_week_of_the_due_date_are_kept(self, client):
        parent, url = self._pregnancy(client, 8)
        response = client.post(
            url + "/birth",
            json={
                "date_of_birth": TODAY.isoformat(),
                "gestation_weeks": 32,
                "gestation_days": 5,
            },
            headers=parent["headers"],
        )
        assert response.status_code == 200, response.get_json()
        body = response.get_json()
        assert (
            body["gestation_weeks"],
            body["gestation_days"],
            body["gestation_from"],
        ) == (
            32,
            5,
            "given",
        )

    def test_a_new_due_date_for_a_born_baby_re_derives_the_weeks(self, client):
        parent, url = self._pregnancy(client, 2)
        client.post(
            url + "/birth",
            json={"date_of_birth": TODAY.isoformat()},
            headers=parent["headers"],
        )
        moved = client.patch(
            url,
            json={"due_date": (TODAY + timedelta(weeks=6)).isoformat()},
            headers=parent["headers"],
        )
        assert moved.status_code == 200, moved.get_json()
        body = moved.get_json()
        assert (body["gestation_weeks"], body["gestation_days"]) == (34, 0)
        assert body["corrected_age_from"] == (TODAY + timedelta(weeks=6)).isoformat()
        contradicting = client.patch(
            url, json={"gestation_weeks": 40}, headers=parent["headers"]
        )
        error = assert_error(contradicting, 422, "validation_failed")
        assert set(error["fields"]) == {"gestation_weeks", "due_date"}

    def test_a_born_baby_added_with_both_dates_gets_weeks_from_the_due_date(
        self, client
    ):
        parent = make_parent(client)
        born = add_baby(
            client,
            parent,
            date_of_birth=TODAY - timedelta(days=10),
            due_date=TODAY + timedelta(days=4),
        )
        assert (born["gestation_weeks"], born["gestation_days"]) == (38, 0)
        assert born["gestation_from"] == "due_date"
