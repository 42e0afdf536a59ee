"""Parents find courses and see one course's upcoming sessions.

Filters by topic, audience, area, their baby's stage and dates; free places, and the
joining link only for a parent with a booked place."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.course_helpers import add_session, booked, publish_course
from tests.factories import add_baby, assert_error, make_parent

TODAY = date.today()


def _slugs(response):
    assert response.status_code == 200, response.get_json()
    return [c["slug"] for c in response.get_json()["items"]]


def test_filters_by_topic_audience_and_kind(client, app):
    publish_course(
        app,
        "arguing-better",
        topic="relationships",
        audience="couples",
        area="national",
    )
    publish_course(
        app, "dads-group", topic="wellbeing", audience="partner", area="national"
    )
    publish_course(
        app, "money-drop-in", topic="money", kind="finance-review", area="national"
    )
    assert _slugs(client.get("/api/v1/courses?topic=relationships")) == [
        "arguing-better"
    ]
    # A couples' course is for either parent; a dads' group is not for birthing parents.
    assert _slugs(client.get("/api/v1/courses?audience=partner")) == [
        "arguing-better",
        "dads-group",
        "money-drop-in",
    ]
    assert _slugs(client.get("/api/v1/courses?audience=birthing_parent")) == [
        "arguing-better",
        "money-drop-in",
    ]
    assert _slugs(client.get("/api/v1/courses?kind=finance-review")) == [
        "money-drop-in"
    ]


def test_local_courses_need_the_area(client, app):
    publish_course(app, "online-for-all", area="national", delivery="online")
    publish_course(app, "poole-baby-massage", area="dorset")
    assert _slugs(client.get("/api/v1/courses")) == ["online-for-all"]
    assert _slugs(client.get("/api/v1/courses?area=dorset")) == ["poole-baby-massage"]
    dorset = make_parent(client, area="dorset")
    hampshire = make_parent(client, area="hampshire")
    assert _slugs(client.get("/api/v1/courses", headers=dorset["headers"])) == [
        "online-for-all",
        "poole-baby-massage",
    ]
    assert _slugs(client.get("/api/v1/courses", headers=hampshire["headers"])) == [
        "online-for-all"
    ]


def test_baby_id_keeps_courses_for_the_babys_stage(client, app):
    publish_course(app, "bump-to-baby", stage_from_day=-280, stage_to_day=-1)
    publish_course(app, "baby-massage", stage_from_day=0, stage_to_day=182)
    publish_course(
        app,
        "thinking-of-a-baby",
        stage="preconception",
        stage_from_day=None,
        stage_to_day=None,
    )
    parent = make_parent(client, area="dorset")
    pregnancy = add_baby(client, parent, due_date=TODAY + timedelta(weeks=20))
    born = add_baby(
        client, parent, date_of_birth=TODAY - timedelta(weeks=8), gestation_weeks=40
    )
    assert _slugs(
        client.get(
            f"/api/v1/courses?baby_id={pregnancy['id']}", headers=parent["headers"]
        )
    ) == ["bump-to-baby"]
    assert _slugs(
        client.get(f"/api/v1/courses?baby_id={born['id']}", headers=parent["headers"])
    ) == ["baby-massage"]


def test_baby_id_must_be_my_baby(client, app):
    mine, theirs = make_parent(client), make_parent(client)
    baby = add_baby(client, theirs, due_date=TODAY + timedelta(weeks=20))
    assert_error(
        client.get(f"/api/v1/courses?baby_id={baby['id']}", headers=mine["headers"]),
        404,
    )
    assert_error(client.get(f"/api/v1/courses?baby_id={baby['id']}"), 401)


def test_no_courses_for_a_baby_after_a_loss(client, app):
    publish_course(app, "bump-to-baby", stage_from_day=-280, stage_to_day=-1)
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=20))
    client.post(
        f"/api/v1/babies/{baby['id']}/loss",
        json={"date": TODAY.isoformat()},
        headers=parent["headers"],
    )
    assert (
        _slugs(
            client.get(
                f"/api/v1/courses?baby_id={baby['id']}", headers=parent["headers"]
            )
        )
        == []
    )


def test_from_and_to_keep_courses_with_a_session_on_those_dates(client, app):
    soon = publish_course(app, "soon", area="national")
    later = publish_course(app, "later", area="national")
    publish_course(app, "no-sessions", area="national")
    add_session(app, soon, starts_in=timedelta(days=3))
    add_session(app, later, starts_in=timedelta(days=40))
    add_session(app, later, starts_in=timedelta(days=2), status="cancelled")
    window = f"from={TODAY.isoformat()}&to={(TODAY + timedelta(days=10)).isoformat()}"
    assert _slugs(client.get(f"/api/v1/courses?{window}")) == ["soon"]
    assert _slugs(
        client.get(f"/api/v1/courses?from={(TODAY + timedelta(days=20)).isoformat()}")
    ) == ["later"]
    assert len(_slugs(client.get("/api/v1/courses"))) == 3


@pytest.mark.parametrize(
    "query",
    [
        "topic=astrology",
        "audience=cat",
        "kind=party",
        "limit=0",
        "limit=101",
        "baby_id=abc",
        "from=yesterday",
        "from=2026-05-02&to=2026-05-01",
        "area=" + "x" * 65,
    ],
)
def test_bad_filters_are_422(client, query):
    assert_error(client.get(f"/api/v1/courses?{query}"), 422)


@pytest.mark.parametrize("cursor", ["not-base64!!", "W10", "WyJ4Il0", "e30"])
def test_malformed_cursor_is_400(client, cursor):
    assert_error(client.get(f"/api/v1/courses?cursor={cursor}"), 400, "invalid_cursor")


def test_cursor_pages_through_every_course_once(client, app):
    for n in range(5):
        publish_course(app, f"course-{n}", area="national")
    first = client.get("/api/v1/courses?limit=2").get_json()
    second = client.get(
        f"/api/v1/courses?limit=10&cursor={first['next_cursor']}"
    ).get_json()
    assert [c["slug"] for c in first["items"] + second["items"]] == [
        f"course-{n}" for n in range(5)
    ]
    assert second["next_cursor"] is None


def test_a_course_shows_upcoming_sessions_with_free_places(client, app):
    course_id = publish_course(app, "baby-massage", cost_pence=500)
    later = add_session(app, course_id, starts_in=timedelta(days=14), capacity=4)
    sooner = add_session(app, course_id, starts_in=timedelta(days=7), capacity=6)
    add_session(app, course_id, starts_in=timedelta(days=-7))
    add_session(app, course_id, starts_in=timedelta(days=10), status="cancelled")
    booked(client, make_parent(client), later, attendees=2)
    response = client.get(f"/api/v1/courses/{course_id}")
    assert response.status_code == 200
    body = response.get_json()
    assert body["description_html"].startswith("<h2>")
    assert (body["cost_pence"], body["is_free"]) == (500, False)
    assert [
        (s["id"], s["free_places"], s["waiting_list"]) for s in body["sessions"]
    ] == [(sooner, 6, 0), (later, 2, 0)]
    assert body["sessions"][0]["timezone"] == "Europe/London"
    assert body["sessions"][0]["location"]["postcode"] == "BH15 1AA"
    assert body["sessions"][0]["my_booking"] is None


def test_a_local_start_time_is_given_in_london_time(client, app):
    course_id = publish_course(app)
    starts_at = datetime(2031, 7, 1, 9, 0, tzinfo=UTC)  # 10:00 BST
    add_session(app, course_id, starts_at=starts_at)
    session = client.get(f"/api/v1/courses/{course_id}").get_json()["sessions"][0]
    assert (
        session["starts_at"],
        session["local_date"],
        session["local_start_time"],
    ) == (
        "2031-07-01T09:00:00Z",
        "2031-07-01",
        "10:00",
    )


def test_the_joining_link_is_only_for_parents_with_a_booked_place(client, app):
    course_id = publish_course(
        app,
        "online-course",
        delivery="online",
        online_url="https://meet.example.org/j/42",
    )
    session_id = add_session(app, course_id, capacity=1)
    holder, waiting, stranger = (
        make_parent(client),
        make_parent(client),
        make_parent(client),
    )
    booking = booked(client, holder, session_id)
    waiting_booking = booked(client, waiting, session_id)
    link = "https://meet.example.org/j/42"

    def seen_by(parent):
        headers = parent["headers"] if parent else {}
        return client.get(f"/api/v1/courses/{course_id}", headers=headers).get_json()[
            "online_url"
        ]

    assert [seen_by(holder), seen_by(waiting), seen_by(stranger), seen_by(None)] == [
        link,
        None,
        None,
        None,
    ]
    assert booking["online_url"] == link and waiting_booking["online_url"] is None
    assert link not in client.get("/api/v1/courses").get_data(as_text=True)
    mine = client.get(
        f"/api/v1/courses/{course_id}", headers=waiting["headers"]
    ).get_json()["sessions"][0]["my_booking"]
    assert (mine["status"], mine["position"]) == ("waitlisted", 1)


def test_an_unpublished_or_unknown_course_is_404(client, app):
    assert_error(client.get("/api/v1/courses/12345"), 404, "not_found")
    from tests.factories import make_staff

    course_id = publish_course(app)
    editor = make_staff(app, client, role="editor")
    client.post(f"/api/v1/staff/courses/{course_id}/archive", headers=editor["headers"])
    assert_error(client.get(f"/api/v1/courses/{course_id}"), 404)
    assert _slugs(client.get("/api/v1/courses?area=dorset")) == []


def test_etag_gives_304_until_a_place_is_taken(client, app):
    course_id = publish_course(app)
    session_id = add_session(app, course_id)
    first = client.get(f"/api/v1/courses/{course_id}")
    etag = first.headers["ETag"]
    assert (
        client.get(
            f"/api/v1/courses/{course_id}", headers={"If-None-Match": etag}
        ).status_code
        == 304
    )
    booked(client, make_parent(client), session_id)
    assert (
        client.get(
            f"/api/v1/courses/{course_id}", headers={"If-None-Match": etag}
        ).status_code
        == 200
    )


HUGE = "9" * 25


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", f"/api/v1/courses/{HUGE}"),
        ("post", f"/api/v1/sessions/{HUGE}/bookings"),
        ("get", f"/api/v1/bookings/{HUGE}"),
        ("delete", f"/api/v1/bookings/{HUGE}"),
        ("get", f"/api/v1/bookings/{HUGE}/calendar.ics"),
        ("get", f"/api/v1/courses?baby_id={HUGE}"),
        ("get", "/api/v1/courses?cursor=WzEwMDAwMDAwMDAwMDAwMDAwMDAwMDBd"),
        (
            "get",
            "/api/v1/me/bookings?cursor=WyIyMDI2LTAxLTAxVDAwOjAwOjAwKzAwOjAwIiwxZTI1XQ",
        ),
        ("get", f"/api/v1/staff/sessions/{HUGE}/attendees"),
        ("post", f"/api/v1/staff/sessions/{HUGE}/cancel"),
        ("post", f"/api/v1/staff/courses/{HUGE}/sessions"),
        ("get", f"/api/v1/openreferral/services?page={HUGE}"),
        ("get", "/api/v1/openreferral/services/%00"),
    ],
)
def test_ids_and_dates_that_cannot_exist_are_4xx_never_500(client, app, method, path):
    from tests.factories import make_staff

    who = (
        make_staff(app, client, role="editor")
        if "/staff/" in path
        else make_parent(client)
    )
    body = {
        "attendees": 1,
        "first_date": "2030-01-01",
        "start_time": "10:00",
        "duration_minutes": 60,
        "capacity": 3,
    }
    response = getattr(client, method)(path, json=body, headers=who["headers"])
    assert 400 <= response.status_code < 500, response.get_data(as_text=True)


@pytest.mark.parametrize(
    "query", ["from=9999-12-31", "to=9999-12-31", "from=0001-01-01&to=0001-01-01"]
)
def test_extreme_dates_are_answered(client, query):
    response = client.get(f"/api/v1/courses?{query}")
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.get_json()["items"] == []
