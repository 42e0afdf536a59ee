"""Every other staff console page in a real Chromium with axe-core: courses, their
sessions and bookings, cancelling a session, reach, a not-found page; and the console
on a phone-sized screen."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.pages import fill, follow, main_text, press
from tests.browser.test_staff_review import sign_in
from tests.course_helpers import add_session, booked, publish_course
from tests.factories import make_parent, make_staff
from tests.nudge_helpers import publish_rule


def test_courses_sessions_bookings_and_reach_pages(
    app, client, live_server, browser, axe, shots
):
    editor = make_staff(app, client, role="editor")
    course = publish_course(app, title="Baby massage")
    rule = publish_rule(app, "dorset-jabs", area="dorset")
    session = add_session(app, course, capacity=1)
    booked(client, make_parent(client, area="dorset"), session)
    booked(client, make_parent(client, area="dorset"), session)

    sign_in(browser, live_server, editor["email"])
    follow(browser, "Courses")
    axe(browser)
    follow(browser, "Baby massage")
    assert "How parents will see the description" in main_text(browser)
    axe(browser)
    follow(browser, "Sessions and bookings")
    assert "1 of 1" in main_text(browser)
    axe(browser)
    browser.find_element(By.CSS_SELECTOR, "main table a").click()
    assert "Waiting list (1)" in main_text(browser)
    axe(browser)
    shots(browser, "session-bookings")
    fill(browser, reason="The hall is closed.")
    press(browser, "Cancel the session")
    assert "Everyone with a place or on the waiting list has been told" in main_text(
        browser
    )
    axe(browser)
    for path in (
        "/staff/courses/new",
        f"/staff/courses/{course}/edit",
        f"/staff/courses/{course}/history",
        f"/staff/nudges/{rule}/edit",
        f"/staff/nudges/{rule}",
    ):
        browser.get(f"{live_server}{path}")
        axe(browser)
    follow(browser, "Reach")
    assert "Baby massage" in main_text(browser)
    axe(browser)
    shots(browser, "reach")
    browser.get(f"{live_server}/staff/articles/999999")
    assert "Page not found" in main_text(browser)
    axe(browser)


def test_the_console_fits_a_phone(app, client, live_server, phone, axe, shots):
    editor = make_staff(app, client, role="editor")
    sign_in(phone, live_server, editor["email"])
    for path in ("/staff/", "/staff/nudges/new", "/staff/reach"):
        phone.get(f"{live_server}{path}")
        width = phone.execute_script("return document.documentElement.scrollWidth")
        assert width <= 390, path
        axe(phone)
    shots(phone, "phone-nudge")


def test_location_pages(app, client, live_server, browser, axe):
    from tests.api.test_locations import publish_location

    editor = make_staff(app, client, role="editor", areas=("isle-of-wight",))
    item_id = publish_location(app)
    sign_in(browser, live_server, editor["email"])
    follow(browser, "Locations")
    assert "Ryde Test Hub" in main_text(browser)
    axe(browser)
    follow(browser, "Ryde Test Hub")
    assert "How parents will see it on a course page" in main_text(browser)
    axe(browser)
    for path in ("/staff/locations/new", f"/staff/locations/{item_id}/edit"):
        browser.get(f"{live_server}{path}")
        axe(browser)
