"""Courses and bookings against issue 6's contract: the "Done when" walk-through, a
couple's shared booking, staff scoping, the starter catalogue and bad input."""

from datetime import UTC, date, datetime, timedelta

import pytest
from icalendar import Calendar
from sqlalchemy import select

from tests.api.test_openreferral import _errors
from tests.course_helpers import add_session, book, booked, nudges, publish_course
from tests.factories import (
    PASSWORD,
    add_baby,
    assert_error,
    make_parent,
    make_staff,
)

TODAY = date.today()


def _join(client, inviter):
    partner = make_parent(client, role="partner")
    code = client.post("/api/v1/family/invites", headers=inviter["headers"]).get_json()[
        "code"
    ]
    joined = client.post(
        "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
    )
    assert joined.status_code == 200
    return partner


def _my_bookings(client, parent):
    response = client.get("/api/v1/me/bookings", headers=parent["headers"])
    assert response.status_code == 200
    return {b["id"]: b for b in response.get_json()["items"]}


def _course(client, course_id, parent=None):
    headers = parent["headers"] if parent else {}
    response = client.get(f"/api/v1/courses/{course_id}", headers=headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


@pytest.fixture
def couples_course(app):
    course_id = publish_course(
        app,
        "how-to-argue-better",
        topic="relationships",
        audience="couples",
        stage_from_day=-196,
        stage_to_day=730,
    )
    return course_id, add_session(app, course_id, capacity=3)


class TestDoneWhen:
    def test_couple_books_together_full_session_waits_cancellation_promotes(
        self, client, app, couples_course
    ):
        course_id, session_id = couples_course
        mum = make_parent(client)
        mum_baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=20))
        partner = _join(client, mum)
        couples = client.get(
            "/api/v1/courses",
            query_string={"audience": "couples", "baby_id": mum_baby["id"]},
            headers=partner["headers"],
        ).get_json()["items"]
        assert course_id in [c["id"] for c in couples]

        ours = booked(client, mum, session_id, attendees=2)
        assert (ours["status"], ours["attendees"], ours["position"]) == (
            "booked",
            2,
            None,
        )
        other = make_parent(client)
        theirs = booked(client, other, session_id)
        assert theirs["status"] == "booked"
        detail = _course(client, course_id)
        assert detail["sessions"][0]["free_places"] == 0
        assert detail["sessions"][0]["is_full"] is True

        late = make_parent(client)
        waiting = booked(client, late, session_id)
        assert (waiting["status"], waiting["position"]) == ("waitlisted", 1)
        assert _course(client, course_id)["sessions"][0]["waiting_list"] == 1

        assert (
            client.delete(
                f"/api/v1/bookings/{theirs['id']}", headers=other["headers"]
            ).status_code
            == 204
        )
        promoted = _my_bookings(client, late)[waiting["id"]]
        assert (promoted["status"], promoted["position"]) == ("booked", None)
        assert promoted["promoted_at"] is not None
        late_nudges = nudges(app, late["user"]["id"])
        assert late_nudges[f"booking:{waiting['id']}:promoted"]["status"] == "pending"
        assert late_nudges[f"booking:{waiting['id']}:reminder"]["status"] == "pending"


class TestACouplesBooking:
    def test_the_partner_sees_it_is_reminded_and_can_cancel_it(
        self, client, app, couples_course
    ):
        course_id, session_id = couples_course
        mum = make_parent(client)
        partner = _join(client, mum)
        ours = booked(client, mum, session_id, attendees=2)
        assert ours["id"] in _my_bookings(client, partner)
        mine = _course(client, course_id, partner)["sessions"][0]["my_booking"]
        assert (mine["id"], mine["attendees"]) == (ours["id"], 2)
        one = client.get(f"/api/v1/bookings/{ours['id']}", headers=partner["headers"])
        assert one.status_code == 200
        ics = client.get(
            f"/api/v1/bookings/{ours['id']}/calendar.ics", headers=partner["headers"]
        )
        assert ics.status_code == 200 and ics.mimetype == "text/calendar"
        calendar = client.get("/api/v1/me/bookings.ics", headers=partner["headers"])
        assert len(Calendar.from_ical(calendar.data).walk("VEVENT")) == 1
        for parent in (mum, partner):
            reminder = nudges(app, parent["user"]["id"])[
                f"booking:{ours['id']}:reminder"
            ]
            assert reminder["status"] == "pending"
        assert [
            b["id"]
            for b in client.get(
                "/api/v1/me/export", headers=partner["headers"]
            ).get_json()["bookings"]
        ] == [ours["id"]]

        cancelled = client.delete(
            f"/api/v1/bookings/{ours['id']}", headers=partner["headers"]
        )
        assert cancelled.status_code == 204
        for parent in (mum, partner):
            reminder = nudges(app, parent["user"]["id"])[
                f"booking:{ours['id']}:reminder"
            ]
            assert reminder["status"] == "cancelled"
        assert _my_bookings(client, mum)[ours["id"]]["status"] == "cancelled"

    def test_a_booking_for_one_stays_private_to_its_maker(
        self, client, app, couples_course
    ):
        _, session_id = couples_course
        mum = make_parent(client)
        partner = _join(client, mum)
        own = booked(client, mum, session_id, attendees=1)
        assert _my_bookings(client, partner) == {}
        assert_error(
            client.get(f"/api/v1/bookings/{own['id']}", headers=partner["headers"]), 404
        )
        assert f"booking:{own['id']}:reminder" not in nudges(app, partner["user"]["id"])
        assert (
            client.get("/api/v1/me/export", headers=partner["headers"]).get_json()[
                "bookings"
            ]
            == []
        )

    def test_a_waiting_couple_promoted_tells_both_adults(self, client, app):
        session_id = add_session(app, publish_course(app), capacity=2)
        holder = make_parent(client)
        held = booked(client, holder, session_id, attendees=2)
        mum = make_parent(client)
        partner = _join(client, mum)
        waiting = booked(client, mum, session_id, attendees=2)
        assert waiting["status"] == "waitlisted"
        client.delete(f"/api/v1/bookings/{held['id']}", headers=holder["headers"])
        for parent in (mum, partner):
            key = f"booking:{waiting['id']}:promoted"
            assert nudges(app, parent["user"]["id"])[key]["status"] == "pending"

    def test_a_cancelled_session_tells_both_adults(self, client, app):
        editor = make_staff(app, client, role="editor")
        session_id = add_session(app, publish_course(app))
        mum = make_parent(client)
        partner = _join(client, mum)
        ours = booked(client, mum, session_id, attendees=2)
        response = client.post(
            f"/api/v1/staff/sessions/{session_id}/cancel",
            json={"reason": "The hub is closed for repairs."},
            headers=editor["headers"],
        )
        assert response.status_code == 200, response.get_json()
        for parent in (mum, partner):
            mine = nudges(app, parent["user"]["id"])
            assert (
                mine[f"booking:{ours['id']}:session-cancelled"]["status"] == "pending"
            )
            assert mine[f"booking:{ours['id']}:reminder"]["status"] == "cancelled"


class TestStaffAndRoles:
    def test_attendee_lists_are_for_the_sessions_area_only(self, client, app):
        session_id = add_session(app, publish_course(app, area="dorset"))
        booked(client, make_parent(client), session_id, attendees=2)
        dorset = make_staff(app, client, areas=("dorset",))
        hampshire = make_staff(app, client, areas=("hampshire",))
        listed = client.get(
            f"/api/v1/staff/sessions/{session_id}/attendees", headers=dorset["headers"]
        )
        assert listed.status_code == 200
        assert [b["attendees"] for b in listed.get_json()["booked"]] == [2]
        for path in (
            f"/api/v1/staff/sessions/{session_id}/attendees",
            f"/api/v1/staff/sessions/{session_id}/cancel",
        ):
            if path.endswith("cancel"):
                response = client.post(path, headers=hampshire["headers"], json={})
            else:
                response = client.get(path, headers=hampshire["headers"])
            assert_error(response, 404)
        parent = make_parent(client)
        assert_error(
            client.get(
                f"/api/v1/staff/sessions/{session_id}/attendees",
                headers=parent["headers"],
            ),
            403,
        )

    def test_staff_cannot_book_and_strangers_must_sign_in(self, client, app):
        session_id = add_session(app, publish_course(app))
        assert_error(book(client, make_staff(app, client), session_id), 403)
        assert_error(book(client, {"headers": {}}, session_id), 401)
        assert_error(client.get("/api/v1/me/bookings"), 401)
        assert_error(client.get("/api/v1/me/bookings.ics"), 401)


class TestFaceToFaceFinanceReview:
    def test_is_a_course_of_kind_finance_review_booked_the_same_way(self, client, app):
        course_id = publish_course(
            app, "money-drop-in", kind="finance-review", topic="money"
        )
        publish_course(app, "not-money", topic="wellbeing")
        session_id = add_session(app, course_id)
        found = client.get(
            "/api/v1/courses",
            query_string={"kind": "finance-review", "area": "dorset"},
        )
        assert [c["id"] for c in found.get_json()["items"]] == [course_id]
        assert found.get_json()["items"][0]["kind"] == "finance-review"
        assert booked(client, make_parent(client), session_id)["status"] == "booked"


class TestBadInput:
    @pytest.mark.parametrize(
        "body",
        [
            {"attendees": 3},
            {"attendees": 0},
            {"attendees": "2"},
            {"attendees": 1.5},
            {"attendees": None},
            {"attendees": 10**40},
            {"attendees": 1, "session_id": 5},
            [1],
        ],
    )
    def test_bad_attendees_are_422(self, client, app, body):
        session_id = add_session(app, publish_course(app))
        response = client.post(
            f"/api/v1/sessions/{session_id}/bookings",
            json=body,
            headers=make_parent(client)["headers"],
        )
        assert_error(response, 422, "validation_failed")

    def test_someone_elses_booking_and_impossible_ids_are_404(self, client, app):
        session_id = add_session(app, publish_course(app))
        owner, stranger = make_parent(client), make_parent(client)
        theirs = booked(client, owner, session_id)
        for method, path in [
            ("get", f"/api/v1/bookings/{theirs['id']}"),
            ("delete", f"/api/v1/bookings/{theirs['id']}"),
            ("get", f"/api/v1/bookings/{theirs['id']}/calendar.ics"),
            ("get", f"/api/v1/bookings/{2**40}"),
            ("delete", f"/api/v1/bookings/{2**31}"),
            ("get", f"/api/v1/courses/{2**40}"),
            ("post", f"/api/v1/sessions/{2**40}/bookings"),
            ("post", "/api/v1/sessions/999999/bookings"),
        ]:
            response = getattr(client, method)(
                path, headers=stranger["headers"], json={"attendees": 1}
            )
            assert_error(response, 404)
        assert _my_bookings(client, owner)[theirs["id"]]["status"] == "booked"

    def test_a_past_or_cancelled_session_is_a_clear_409(self, client, app):
        course_id = publish_course(app)
        parent = make_parent(client)
        past = add_session(app, course_id, starts_in=timedelta(minutes=-5))
        cancelled = add_session(app, course_id, status="cancelled")
        assert (
            "started"
            in assert_error(book(client, parent, past), 409, "session_in_past")[
                "message"
            ]
        )
        assert (
            "cancelled"
            in assert_error(book(client, parent, cancelled), 409, "session_cancelled")[
                "message"
            ]
        )


def test_erasing_my_account_removes_my_bookings(client, app):
    session_id = add_session(app, publish_course(app))
    parent = make_parent(client)
    booked(client, parent, session_id)
    response = client.delete(
        "/api/v1/me", json={"password": PASSWORD}, headers=parent["headers"]
    )
    assert response.status_code == 204
    from parent_app.extensions import db
    from parent_app.models.courses import Booking

    with app.app_context():
        assert db.session.scalars(select(Booking.id)).all() == []


def test_the_starter_catalogue_has_the_courses_the_issue_asks_for(client, app, runner):
    loaded = runner.invoke(args=["content", "load-catalogue"])
    assert loaded.exit_code == 0, loaded.output
    from parent_app.extensions import db
    from parent_app.models.courses import Course, CourseSession

    with app.app_context():
        courses = db.session.scalars(select(Course)).all()
        now = datetime.now(UTC)
        upcoming = set(
            db.session.scalars(
                select(CourseSession.course_id).where(CourseSession.starts_at > now)
            )
        )
        rows = [(c.id, c.slug, c.kind, c.topic, c.audience, c.area_id) for c in courses]
    assert len(rows) >= 12
    assert all(course_id in upcoming for course_id, *_ in rows)
    assert {area for *_, area in rows} >= {
        "hampshire",
        "southampton",
        "portsmouth",
        "isle-of-wight",
        "dorset",
        "bournemouth-christchurch-poole",
    }
    slugs = " ".join(slug for _, slug, *_ in rows)
    for word in (
        "argue",
        "crying",
        "feeding",
        "dads",
        "wellbeing",
        "massage",
        "solids",
        "first-aid",
        "play",
        "partners",
        "together",
    ):
        assert word in slugs, word
    assert "finance-review" in {kind for _, _, kind, *_ in rows}
    assert {"relationships", "wellbeing", "feeding", "antenatal", "money"} <= {
        topic for _, _, _, topic, *_ in rows
    }
    page = client.get(
        "/api/v1/openreferral/services", query_string={"per_page": 100}
    ).get_json()
    assert page["total_items"] == len(rows)
    assert _errors(page) == [] and _errors(page, closed=True) == []
