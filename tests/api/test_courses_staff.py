"""Staff publish courses, plan and cancel sessions and see attendees, in their areas.

The catalogue gives loaded courses their sessions from the load date, once."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.course_helpers import (
    add_session,
    book,
    booked,
    course_data,
    nudges,
    publish_course,
    session_row,
)
from tests.factories import assert_error, make_parent, make_staff

SOON = date.today() + timedelta(days=10)


@pytest.fixture
def dorset(app, client):
    return {
        "author": make_staff(app, client, role="author", areas=("dorset",)),
        "editor": make_staff(app, client, role="editor", areas=("dorset",)),
    }


def _act(client, staff, item_id, action, **body):
    return client.post(
        f"/api/v1/staff/courses/{item_id}/{action}", json=body, headers=staff["headers"]
    )


def _sessions(client, staff, item_id, **spec):
    body = {
        "first_date": SOON.isoformat(),
        "start_time": "10:00",
        "duration_minutes": 90,
        "capacity": 8,
    }
    body.update(spec)
    return client.post(
        f"/api/v1/staff/courses/{item_id}/sessions", json=body, headers=staff["headers"]
    )


def test_a_course_goes_through_review_to_parents(client, dorset):
    created = client.post(
        "/api/v1/staff/courses",
        json=course_data("arguing-better"),
        headers=dorset["author"]["headers"],
    )
    assert created.status_code == 201, created.get_json()
    item = created.get_json()
    assert (item["kind"], item["status"]) == ("course", "draft")
    assert client.get("/api/v1/courses?area=dorset").get_json()["items"] == []
    assert _act(client, dorset["author"], item["id"], "submit").status_code == 200
    assert _act(client, dorset["editor"], item["id"], "approve").status_code == 200
    listed = client.get("/api/v1/courses?area=dorset").get_json()["items"]
    assert [(c["id"], c["title"]) for c in listed] == [(item["id"], "Arguing better")]
    edited = client.patch(
        f"/api/v1/staff/courses/{item['id']}",
        json={"title": "Arguing better together"},
        headers=dorset["author"]["headers"],
    )
    assert edited.status_code == 200, edited.get_json()
    # The live course stays served until the edit is approved.
    assert (
        client.get(f"/api/v1/courses/{item['id']}").get_json()["title"]
        == "Arguing better"
    )


def test_staff_write_courses_for_their_own_area_only(client, dorset):
    response = client.post(
        "/api/v1/staff/courses",
        json=course_data("elsewhere", area="hampshire"),
        headers=dorset["author"]["headers"],
    )
    assert_error(response, 403, "area_forbidden")


@pytest.mark.parametrize(
    "overrides",
    [
        {"topic": "astrology"},
        {"audience": "grandparents"},
        {"kind": "party"},
        {"delivery": "by-post"},
        {"delivery": "online", "online_url": None},
        {"delivery": "online", "online_url": "http://insecure.example"},
        {"location": None},
        {"location": {"name": None}},
        {"cost_pence": -1},
        {"stage_from_day": 10, "stage_to_day": 5},
        {"stage": "preconception", "stage_from_day": 0},
        {"stage_from_day": None},
        {"area": "atlantis"},
        {
            "sessions": {
                "first_in_days": 3,
                "count": 0,
                "start_time": "10:00",
                "duration_minutes": 60,
                "capacity": 5,
            }
        },
        {
            "sessions": {
                "first_in_days": 3,
                "count": 2,
                "start_time": "25:00",
                "duration_minutes": 60,
                "capacity": 5,
            }
        },
        {"title": ""},
        {"slug": "Not A Slug"},
    ],
)
def test_invalid_course_data_is_422(client, dorset, overrides):
    data = {
        **course_data("bad-course", delivery=overrides.get("delivery", "in_person")),
        **overrides,
    }
    response = client.post(
        "/api/v1/staff/courses", json=data, headers=dorset["author"]["headers"]
    )
    assert_error(response, 422)


def test_a_weekly_pattern_keeps_local_time_across_the_clock_change(client, app, dorset):
    course_id = publish_course(app)
    # The clocks go back on the last Sunday of October: 10:00 is 09:00 UTC before, 10:00
    # after.
    year = date.today().year + 1
    last_sunday = max(
        date(year, 10, d) for d in range(25, 32) if date(year, 10, d).weekday() == 6
    )
    first = last_sunday - timedelta(days=5)
    response = _sessions(
        client,
        dorset["author"],
        course_id,
        first_date=first.isoformat(),
        count=3,
        every_days=7,
    )
    assert response.status_code == 201, response.get_json()
    sessions = response.get_json()
    assert [s["local_start_time"] for s in sessions] == ["10:00"] * 3
    assert [s["starts_at"][11:16] for s in sessions] == ["09:00", "10:00", "10:00"]
    assert [s["local_date"] for s in sessions] == [
        (first + timedelta(days=7 * n)).isoformat() for n in range(3)
    ]
    assert sessions[0]["location"]["name"] == "Poole Family Hub"
    assert {s["capacity"] for s in sessions} == {8}


def test_one_session_by_date_and_its_own_place(client, app, dorset):
    course_id = publish_course(app)
    place = {
        "name": "Wareham Library",
        "address": "South Street, Wareham",
        "postcode": "BH20 4LR",
    }
    body = {
        "date": SOON.isoformat(),
        "start_time": "13:30",
        "duration_minutes": 60,
        "capacity": 4,
        "location": place,
    }
    response = client.post(
        f"/api/v1/staff/courses/{course_id}/sessions",
        json=body,
        headers=dorset["author"]["headers"],
    )
    assert response.status_code == 201, response.get_json()
    [session] = response.get_json()
    assert (
        session["local_start_time"],
        session["local_end_time"],
        session["location"],
    ) == ("13:30", "14:30", place)


@pytest.mark.parametrize(
    "spec",
    [
        {"first_date": (date.today() - timedelta(days=1)).isoformat()},
        {"first_date": (date.today() + timedelta(days=800)).isoformat()},
        {"start_time": "9am"},
        {"duration_minutes": 5},
        {"capacity": 0},
        {"capacity": 201},
        {"count": 53},
        {"every_days": 0},
        {"first_date": "soon"},
        {"capacity": "lots"},
    ],
)
def test_bad_session_plans_are_422(client, app, dorset, spec):
    course_id = publish_course(app)
    assert_error(_sessions(client, dorset["author"], course_id, **spec), 422)


def test_sessions_for_another_areas_or_an_archived_course(client, app, dorset):
    hampshire_course = publish_course(app, area="hampshire")
    assert_error(_sessions(client, dorset["author"], hampshire_course), 404)
    course_id = publish_course(app)
    assert _act(client, dorset["editor"], course_id, "archive").status_code == 200
    assert_error(_sessions(client, dorset["author"], course_id), 409, "invalid_state")


def test_attendee_lists_are_for_the_sessions_own_area(client, app, dorset):
    session_id = add_session(app, publish_course(app), capacity=1)
    mum = make_parent(client)
    client.patch("/api/v1/me", json={"display_name": "Sam"}, headers=mum["headers"])
    holder = booked(client, mum, session_id, attendees=1)
    waiting = booked(client, make_parent(client), session_id)
    response = client.get(
        f"/api/v1/staff/sessions/{session_id}/attendees",
        headers=dorset["author"]["headers"],
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert [(a["booking_id"], a["name"], a["email"]) for a in body["booked"]] == [
        (holder["id"], "Sam", mum["email"])
    ]
    assert [(a["booking_id"], a["position"]) for a in body["waiting_list"]] == [
        (waiting["id"], 1)
    ]
    assert body["session"]["booked_places"] == 1
    hampshire = make_staff(app, client, role="editor", areas=("hampshire",))
    for path in (
        f"/api/v1/staff/sessions/{session_id}/attendees",
        "/api/v1/staff/sessions/999999/attendees",
    ):
        assert_error(client.get(path, headers=hampshire["headers"]), 404, "not_found")
    assert_error(
        client.post(
            f"/api/v1/staff/sessions/{session_id}/cancel",
            json={},
            headers=hampshire["headers"],
        ),
        404,
    )
    assert_error(
        client.get(
            f"/api/v1/staff/sessions/{session_id}/attendees", headers=mum["headers"]
        ),
        403,
    )


def test_cancelling_a_session_tells_every_booked_and_waiting_parent(
    client, app, dorset
):
    session_id = add_session(app, publish_course(app, "baby-massage"), capacity=1)
    holder, waiting = make_parent(client), make_parent(client)
    held = booked(client, holder, session_id)
    queued = booked(client, waiting, session_id)
    response = client.post(
        f"/api/v1/staff/sessions/{session_id}/cancel",
        json={"reason": "The hall is flooded."},
        headers=dorset["author"]["headers"],
    )
    assert response.status_code == 200, response.get_json()
    assert (response.get_json()["status"], response.get_json()["cancel_reason"]) == (
        "cancelled",
        "The hall is flooded.",
    )
    for parent, booking in ((holder, held), (waiting, queued)):
        mine = nudges(app, parent["user"]["id"])
        told = mine[f"booking:{booking['id']}:session-cancelled"]
        assert (
            told["status"] == "pending" and told["title"] == "Cancelled: Baby massage"
        )
        assert "The hall is flooded." in told["body"]
        assert (
            client.get(
                f"/api/v1/bookings/{booking['id']}", headers=parent["headers"]
            ).get_json()["status"]
            == "cancelled"
        )
    assert (
        nudges(app, holder["user"]["id"])[f"booking:{held['id']}:reminder"]["status"]
        == "cancelled"
    )
    assert session_row(app, session_id)["booked_places"] == 0
    assert_error(
        book(client, make_parent(client), session_id), 409, "session_cancelled"
    )
    again = client.post(
        f"/api/v1/staff/sessions/{session_id}/cancel",
        json={},
        headers=dorset["author"]["headers"],
    )
    assert_error(again, 409, "session_cancelled")


def test_a_started_session_cannot_be_cancelled(client, app, dorset):
    session_id = add_session(app, publish_course(app), starts_in=timedelta(minutes=-5))
    assert_error(
        client.post(
            f"/api/v1/staff/sessions/{session_id}/cancel",
            json={},
            headers=dorset["author"]["headers"],
        ),
        409,
        "session_in_past",
    )
    assert_error(
        client.post(
            f"/api/v1/staff/sessions/{session_id}/cancel",
            json={"reason": "x" * 301},
            headers=dorset["author"]["headers"],
        ),
        422,
    )


def test_staff_see_every_session_of_their_course(client, app, dorset):
    course_id = publish_course(app)
    ids = [add_session(app, course_id, starts_in=timedelta(days=d)) for d in (5, 2)]
    listed = client.get(
        f"/api/v1/staff/courses/{course_id}/sessions",
        headers=dorset["author"]["headers"],
    ).get_json()
    assert [s["id"] for s in listed] == list(reversed(ids))


def _load(app, monkeypatch, files, now):
    from parent_app.content.catalogue import loader
    from parent_app.extensions import db

    monkeypatch.setattr(
        loader, "read_folder", lambda folder: files if folder == "courses" else []
    )
    with app.app_context():
        report = loader.load_catalogue(now=now, kinds={"course"})
        db.session.commit()
    return report


def _catalogue_sessions(app, slug):
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models.content import ContentItem
    from parent_app.models.courses import CourseSession

    with app.app_context():
        return list(
            db.session.scalars(
                select(CourseSession.starts_at)
                .join(ContentItem, ContentItem.id == CourseSession.course_id)
                .where(ContentItem.slug == slug)
                .order_by(CourseSession.starts_at)
            )
        )


def test_the_catalogue_generates_sessions_from_the_load_date_once(app, monkeypatch):
    pattern = {
        "first_in_days": 3,
        "every_days": 7,
        "count": 4,
        "start_time": "18:30",
        "duration_minutes": 120,
        "capacity": 12,
    }
    files = [("dads-group.md", course_data("dads-group", sessions=pattern))]
    loaded_at = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)
    report = _load(app, monkeypatch, files, loaded_at)
    assert report.errors == []
    first = _catalogue_sessions(app, "dads-group")
    assert [s.date().isoformat() for s in first] == [
        "2031-03-06",
        "2031-03-13",
        "2031-03-20",
        "2031-03-27",
    ]
    # 18:30 in London: GMT before the clocks go forward on 30 March 2031.
    assert {s.strftime("%H:%M") for s in first} == {"18:30"}
    assert _load(app, monkeypatch, files, loaded_at + timedelta(days=10)).errors == []
    assert _catalogue_sessions(app, "dads-group") == first
    # Once they are all over, loading again plans the next run from that day.
    _load(app, monkeypatch, files, loaded_at + timedelta(days=60))
    assert len(_catalogue_sessions(app, "dads-group")) == 8


def test_a_catalogue_course_file_that_does_not_validate_is_reported(app, monkeypatch):
    report = _load(
        app,
        monkeypatch,
        [("broken.md", course_data("broken", topic="astrology"))],
        datetime.now(UTC),
    )
    assert len(report.errors) == 1 and "topic" in report.errors[0]


def test_new_and_cancelled_sessions_reach_a_syncing_app(client, app, dorset):
    """An app that synced a course must learn of its new or cancelled sessions: the
    course comes back in `updated_since`, though only its sessions changed."""
    course_id = publish_course(app)
    first = client.get("/api/v1/courses?area=dorset").get_json()
    assert [c["id"] for c in first["items"]] == [course_id]

    def changed_after(watermark):
        query = {"area": "dorset", "updated_since": watermark}
        return client.get("/api/v1/courses", query_string=query).get_json()

    unchanged = changed_after(first["sync_since"])
    assert unchanged["items"] == []
    created = _sessions(client, dorset["author"], course_id)
    assert created.status_code == 201, created.get_json()
    after_new = changed_after(first["sync_since"])
    assert [c["id"] for c in after_new["items"]] == [course_id]
    assert after_new["sync_since"] > first["sync_since"]

    session_id = created.get_json()[0]["id"]
    cancelled = client.post(
        f"/api/v1/staff/sessions/{session_id}/cancel",
        json={},
        headers=dorset["author"]["headers"],
    )
    assert cancelled.status_code == 200, cancelled.get_json()
    after_cancel = changed_after(after_new["sync_since"])
    assert [c["id"] for c in after_cancel["items"]] == [course_id]
