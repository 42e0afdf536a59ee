"""The course reach migration starts the figures from the bookings held that day, with
the meaning the reach page gave them when it read the bookings."""

from tests.course_helpers import (
    add_session,
    booked,
    course_figures,
    live_course_figures,
    publish_course,
    session_row,
)
from tests.factories import make_parent

BEFORE_COURSE_REACH = "a56721405228"


def test_the_migration_counts_the_bookings_held(client, app):
    from flask_migrate import downgrade, upgrade

    from parent_app.courses.timetable import to_local
    from parent_app.extensions import db

    course_id = publish_course(app)
    session_id = add_session(app, course_id, capacity=2)
    a, b, c = make_parent(client), make_parent(client), make_parent(client)
    held = booked(client, a, session_id, attendees=2)
    booked(client, b, session_id, attendees=1)
    booked(client, c, session_id, attendees=2)
    response = client.delete(f"/api/v1/bookings/{held['id']}", headers=a["headers"])
    assert response.status_code == 204
    live = live_course_figures(app)
    with app.app_context():
        db.session.remove()
        downgrade(revision=BEFORE_COURSE_REACH)
        upgrade()
    month = to_local(session_row(app, session_id)["starts_at"]).strftime("%Y-%m")
    assert (
        course_figures(app)
        == live
        == {
            ("dorset", month, course_id, "booked"): 1,
            ("dorset", month, course_id, "places"): 1,
            ("dorset", month, course_id, "waiting"): 1,
            ("dorset", month, course_id, "cancelled"): 1,
        }
    )
