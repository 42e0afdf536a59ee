"""Reach figures: per nudge rule and per course, by month, for the editor's areas."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from tests.course_helpers import add_session, booked, publish_course, session_row
from tests.factories import PASSWORD, make_parent
from tests.nudge_helpers import make_family, plan, publish_rule
from tests.web.helpers import text_of
from tests.web.staff_helpers import signed_in_staff


def test_reach_counts_nudges_and_bookings_by_month_for_my_area_only(app, client):
    editor, _ = signed_in_staff(app, role="editor")
    today = datetime.now(UTC).date()
    publish_rule(app, "dorset-jabs", title="Dorset jabs", area="dorset")
    publish_rule(app, "hampshire-jabs", title="Hampshire jabs", area="hampshire")
    for _ in range(9):
        make_family(app, born_on=today - timedelta(days=56), area="dorset")
    make_family(app, born_on=today - timedelta(days=56), area="hampshire")
    assert plan(app, today) >= 9
    course = publish_course(app, title="Baby massage")
    session = add_session(app, course, capacity=1)
    booked(client, make_parent(client, area="dorset"), session)
    booked(client, make_parent(client, area="dorset"), session)

    page = text_of(editor.get("/staff/reach"))
    month = date.today().strftime("%B %Y")
    assert "Dorset jabs" in page and "Hampshire jabs" not in page
    # Nine planned for Dorset families this month, rounded to 10; none in inboxes yet.
    assert f"{month} Dorset 10 0 0 0 0" in page
    assert "Hampshire" not in page.split("Courses")[0]
    assert "Baby massage" in page
    session_month = (datetime.now(UTC) + timedelta(days=7)).strftime("%B %Y")
    # 1 session; 1 booking, 1 place and 1 waiting are each fewer than 8, as for nudges.
    assert f"{session_month} 1 fewer than 8 fewer than 8 fewer than 8 0" in page


def test_small_reach_counts_are_shown_as_fewer_than_8(app):
    editor, _ = signed_in_staff(app, role="editor")
    today = datetime.now(UTC).date()
    publish_rule(app, "dorset-jabs", title="Dorset jabs", area="dorset")
    for _ in range(3):
        make_family(app, born_on=today - timedelta(days=56), area="dorset")
    assert plan(app, today) == 3
    page = text_of(editor.get("/staff/reach"))
    month = date.today().strftime("%B %Y")
    assert f"{month} Dorset fewer than 8 0 0 0 0" in page
    assert "rounded to the nearest 5" in page


def test_authors_do_not_see_reach(app):
    author, _ = signed_in_staff(app)
    assert author.get("/staff/reach").status_code == 403
    assert "Reach" not in text_of(author.get("/staff/"))


def test_erasing_a_family_leaves_the_course_figures_unchanged(app, client):
    from parent_app.courses.timetable import to_local

    editor, _ = signed_in_staff(app, role="editor")
    session = add_session(app, publish_course(app, title="Baby massage"), capacity=8)
    parents = [make_parent(client, area="dorset") for _ in range(9)]
    for parent in parents:
        booked(client, parent, session)
    month = to_local(session_row(app, session)["starts_at"]).strftime("%B %Y")
    # 1 session; 8 bookings and 8 places, each rounded to 10; 1 waiting.
    row = f"{month} 1 10 10 fewer than 8 0"
    assert row in text_of(editor.get("/staff/reach"))
    response = client.delete(
        "/api/v1/me", json={"password": PASSWORD}, headers=parents[0]["headers"]
    )
    assert response.status_code == 204
    # Counted from the bookings left, 7 would show as "fewer than 8".
    assert row in text_of(editor.get("/staff/reach"))
