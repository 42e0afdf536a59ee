"""The staff console's courses: write one, plan sessions, see each session's bookings
and waiting list (references and counts), cancel a session and tell the parents."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.course_helpers import add_session, booked, nudges, publish_course
from tests.factories import make_parent
from tests.web.helpers import csrf_token_of, text_of
from tests.web.staff_helpers import action, signed_in_staff


def course_form(**overrides):  # type: ignore[no-untyped-def]
    form = {
        "title": "Baby massage",
        "slug": "dorset-baby-massage",
        "summary": "Gentle massage for you and your baby.",
        "description": "## What to bring\n\nA towel.",
        "topic": "wellbeing",
        "audience": "everyone",
        "stage": "window",
        "stage_from_unit": "age_weeks",
        "stage_from_number": "6",
        "stage_to_unit": "age_months",
        "stage_to_number": "6",
        "area": "dorset",
        "provider": "Dorset family hubs",
        "cost": "0",
        "delivery": "in_person",
        "location_name": "Poole Family Hub",
        "location_address": "1 High Street, Poole",
        "location_postcode": "BH15 1AA",
        "online_url": "",
        "action": "save",
    }
    form.update(overrides)
    return form


def _post(client, url, data):  # type: ignore[no-untyped-def]
    from werkzeug.datastructures import MultiDict

    token = csrf_token_of(client.get(url))
    fields = [("csrf_token", token)]
    for name, value in data.items():
        if name == "first_date":
            fields += [(name, part) for part in value.split(" ")]
        else:
            fields.append((name, value))
    return client.post(url, data=MultiDict(fields))


def test_a_course_is_written_reviewed_and_published(app):
    author, _ = signed_in_staff(app)
    editor, _ = signed_in_staff(app, role="editor")
    assert author.get("/staff/courses/new").status_code == 200
    saved = _post(author, "/staff/courses/new", course_form(cost="2.50"))
    assert saved.status_code == 302, text_of(saved)
    item = saved.headers["Location"]
    page = text_of(author.get(item))
    assert "Baby massage" in page and "What to bring" in page
    edit = author.get(f"{item}/edit").get_data(as_text=True)
    assert 'value="2.50"' in edit
    action(author, item, "submit")
    assert action(author, item, "approve").status_code == 403
    assert action(editor, item, "approve").status_code == 302
    assert "Published" in text_of(editor.get(item))


def test_an_in_person_course_needs_a_place(app):
    author, _ = signed_in_staff(app)
    page = _post(author, "/staff/courses/new", course_form(location_name=""))
    assert page.status_code == 200
    assert "An in-person course needs a location with a name." in text_of(page)
    assert 'href="#location_name"' in page.get_data(as_text=True)


def test_course_post_without_csrf_is_refused(app):
    author, _ = signed_in_staff(app)
    assert author.post("/staff/courses/new", data=course_form()).status_code == 400


def _future(days):  # type: ignore[no-untyped-def]
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%-d %-m %Y")


def test_sessions_are_planned_weekly_and_checked_by_the_service(app):
    editor, _ = signed_in_staff(app, role="editor")
    course = publish_course(app)
    url = f"/staff/courses/{course}/sessions"
    assert "No sessions yet." in text_of(editor.get(url))
    planned = _post(
        editor,
        url,
        {
            "first_date": _future(3),
            "start_time": "10:00",
            "duration_minutes": "90",
            "capacity": "12",
            "count": "4",
            "every_days": "7",
        },
    )
    assert planned.status_code == 302
    page = text_of(editor.get(url))
    assert "4 sessions planned." in page
    assert page.count("0 of 12") == 4
    refused = _post(
        editor,
        url,
        {
            "first_date": _future(3),
            "start_time": "10:00",
            "duration_minutes": "5",
            "capacity": "12",
            "count": "1",
            "every_days": "7",
        },
    )
    assert refused.status_code == 200
    assert "There is a problem" in text_of(refused)
    past = _post(
        editor,
        url,
        {
            "first_date": _future(-3),
            "start_time": "10:00",
            "duration_minutes": "60",
            "capacity": "12",
            "count": "1",
            "every_days": "",
        },
    )
    assert "Give a date from today to two years ahead." in text_of(past)


def test_bookings_show_references_and_counts_and_no_personal_details(app, client):
    editor, _ = signed_in_staff(app, role="editor")
    course = publish_course(app)
    session = add_session(app, course, capacity=1)
    first, second = (
        make_parent(client, area="dorset"),
        make_parent(client, area="dorset"),
    )
    one = booked(client, first, session)
    booked(client, second, session)
    sessions = text_of(editor.get(f"/staff/courses/{course}/sessions"))
    assert "1 of 1" in sessions
    page = text_of(editor.get(f"/staff/sessions/{session}"))
    assert "Booked (1)" in page and "Waiting list (1)" in page
    assert f"B-{one['id']:06d}" in page
    assert first["email"] not in page and second["email"] not in page


def test_cancelling_a_session_tells_every_booked_and_waiting_parent(app, client):
    editor, _ = signed_in_staff(app, role="editor")
    course = publish_course(app)
    session = add_session(app, course, capacity=1)
    first, second = (
        make_parent(client, area="dorset"),
        make_parent(client, area="dorset"),
    )
    booked(client, first, session)
    booked(client, second, session)
    url = f"/staff/sessions/{session}"
    token = csrf_token_of(editor.get(url))
    done = editor.post(
        f"{url}/cancel", data={"csrf_token": token, "reason": "The hall is flooded."}
    )
    assert done.status_code == 302
    page = text_of(editor.get(url))
    assert "Session cancelled." in page and "Cancelled: The hall is flooded." in page
    for parent in (first, second):
        inbox = client.get("/api/v1/me", headers=parent["headers"]).get_json()
        told = nudges(app, inbox["id"])
        cancelled = [n for key, n in told.items() if key.endswith("session-cancelled")]
        assert cancelled and "The hall is flooded." in cancelled[0]["body"]
    again = editor.post(f"{url}/cancel", data={"csrf_token": token})
    assert again.status_code == 409
    assert "already cancelled" in text_of(again)


def test_another_areas_course_and_sessions_are_not_found(app):
    other, _ = signed_in_staff(app, role="editor", areas=("hampshire",))
    course = publish_course(app)
    session = add_session(app, course)
    for path in (
        f"/staff/courses/{course}",
        f"/staff/courses/{course}/edit",
        f"/staff/courses/{course}/sessions",
        f"/staff/sessions/{session}",
    ):
        assert other.get(path).status_code == 404, path
    token = csrf_token_of(other.get("/staff/courses/new"))
    refused = other.post(
        f"/staff/sessions/{session}/cancel", data={"csrf_token": token}
    )
    assert refused.status_code == 404


def test_a_session_can_be_somewhere_else(app):
    editor, _ = signed_in_staff(app, role="editor")
    course = publish_course(app)
    url = f"/staff/courses/{course}/sessions"
    planned = _post(
        editor,
        url,
        {
            "first_date": _future(5),
            "start_time": "13:30",
            "duration_minutes": "60",
            "capacity": "8",
            "count": "1",
            "every_days": "",
            "place_name": "Wimborne Library",
            "place_address": "",
            "place_postcode": "BH21 1HR",
        },
    )
    assert planned.status_code == 302
    page = text_of(editor.get(url))
    assert "1 session planned." in page and "Wimborne Library" in page


def test_the_course_list_filters_by_the_course_topics(app):
    editor, _ = signed_in_staff(app, role="editor")
    publish_course(app, title="Antenatal classes", topic="antenatal")
    publish_course(app, title="Couples course", topic="relationships")
    page = editor.get("/staff/courses/?topic=antenatal")
    assert '<option value="play-and-development"' in page.get_data(as_text=True)
    words = text_of(page)
    assert "Antenatal classes" in words and "Couples course" not in words


def test_saving_an_edit_that_changes_nothing_says_so(app):
    """As for articles: an unchanged course makes no revision, and the page says so
    rather than "Draft saved"."""
    author, _ = signed_in_staff(app)
    saved = _post(author, "/staff/courses/new", course_form())
    item = saved.headers["Location"]
    assert "Draft saved" in text_of(author.get(item))
    again = _post(author, f"{item}/edit", course_form())
    assert again.status_code == 302
    page = text_of(author.get(again.headers["Location"]))
    assert "Nothing changed, so no new revision was made." in page
    assert "Draft saved" not in page
    changed = _post(author, f"{item}/edit", course_form(title="Baby massage group"))
    assert "Draft saved" in text_of(author.get(changed.headers["Location"]))
