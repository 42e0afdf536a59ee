"""The parent app on a phone in a real Chromium: a birthing parent signs up, adds a
pregnancy, reads this week and invites a partner; the partner, in a second browser
profile, joins with the code, sees the same pregnancy, checks their leave and pay,
does the money check and books a course. Every page passes axe-core and fits the
phone's screen; screenshots of each step are kept in the test's temporary folder."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from selenium.webdriver.common.by import By

from tests.browser.conftest import PHONE
from tests.browser.pages import fill, follow, main_text, press
from tests.browser.parent_pages import answer, choose, fits_the_screen, heading
from tests.course_helpers import add_session, publish_course
from tests.factories import PASSWORD, publish_article

MONEY_ANSWERS = [
    ("answer", "two"),
    ("answer_number", "0"),
    ("answer_number", ""),
    (None, None),  # optional: skipped
    ("answer", "employed"),
    ("answer", "lel_to_30k"),
    ("answer", "employed"),
    ("answer", "lel_to_30k"),
    ("answer_many", "none"),
    ("answer", "rent_private"),
    ("answer", "1_to_2"),
    ("answer_many", "bills"),
    ("answer_many", "budgeting"),
    ("answer", "dorset"),
]


def test_a_family_uses_the_app_on_two_phones(app, live_server, new_browser, axe, shots):
    publish_article(
        app,
        "your-20-week-scan",
        title="Your 20-week scan",
        stage_from_day=-150,
        stage_to_day=-130,
        topic="pregnancy",
    )
    course = publish_course(
        app, "becoming-parents", stage_from_day=-280, stage_to_day=0
    )
    add_session(app, course, capacity=6)
    mum, dad = new_browser(PHONE, mobile=True), new_browser(PHONE, mobile=True)

    def check(driver, name):
        axe(driver)
        fits_the_screen(driver)
        shots(driver, name)

    # The birthing parent signs up and adds the pregnancy.
    mum.get(f"{live_server}/")
    check(mum, "welcome")
    follow(mum, "Create an account")
    press(mum, "Create account")
    assert (
        "Select who you are"
        in mum.find_element(By.CLASS_NAME, "nhsuk-error-summary").text
    )
    check(mum, "sign-up-errors")
    choose(mum, "role", "birthing_parent")
    choose(mum, "area", "dorset")
    fill(mum, email="mum@example.org", password=PASSWORD)
    press(mum, "Create account")
    check(mum, "baby-kind")
    answer(mum, "pregnancy", name="kind")
    due = datetime.now(UTC).date() + timedelta(weeks=20)
    fill(
        mum,
        **{
            "due_date[day]": str(due.day),
            "due_date[month]": str(due.month),
            "due_date[year]": str(due.year),
        },
    )
    check(mum, "due-date")
    press(mum, "Save")
    assert heading(mum) == "This week"
    assert "20 weeks pregnant" in main_text(mum)
    assert "Your 20-week scan" in main_text(mum)
    check(mum, "this-week")

    follow(mum, "Your 20-week scan")
    assert "Source: NHS" in main_text(mum)
    check(mum, "article")
    mum.get(f"{live_server}/")
    press(mum, "Invite my partner")
    code = mum.find_element(By.ID, "invite-code").text
    assert re.fullmatch(r"[2-9A-Z]{5}-[2-9A-Z]{5}", code)
    check(mum, "invite-code")

    # The partner signs up on their own phone and joins with the code.
    dad.get(f"{live_server}/sign-up")
    choose(dad, "role", "partner")
    choose(dad, "area", "dorset")
    fill(dad, email="dad@example.org", password=PASSWORD)
    press(dad, "Create account")
    follow(dad, "Join their family with a code")
    check(dad, "join")
    fill(dad, code=code.lower())
    press(dad, "Join")
    assert "20 weeks pregnant" in main_text(dad)
    assert "mum@example.org shares your family" in main_text(dad)
    check(dad, "partner-this-week")

    # The partner checks their own leave and pay.
    follow(dad, "Check your leave and pay")
    check(dad, "leave-start")
    press(dad, "Start now")
    questions = []
    for value in ("me", "employee", "yes", "yes", "yes"):
        check(dad, f"leave-question-{len(questions) + 1}")
        questions.append(answer(dad, value))
    assert questions[0] == "Who do you want to check?"
    assert heading(dad) == "Your leave and pay"
    assert "Statutory Paternity Pay" in main_text(dad)
    check(dad, "leave-answer")
    press(dad, "Save as my leave plan")
    assert "Saved as your leave plan" in main_text(dad)

    # The money check, one question a page, then the plan.
    dad.get(f"{live_server}/money-check")
    check(dad, "money-start")
    press(dad, "Start now")
    for number, (name, value) in enumerate(MONEY_ANSWERS, start=1):
        if number in (1, 2, 9):
            check(dad, f"money-question-{number}")
        if name == "answer_number":
            fill(dad, answer_number=value)
        elif name is not None:
            choose(dad, name, value)
        press(dad, "Continue")
    assert heading(dad) == "Check your answers", main_text(dad)
    check(dad, "money-answers")
    press(dad, "Make my plan")
    assert heading(dad) == "Your money plan"
    check(dad, "money-plan")
    press(dad, "Mark as done")
    assert "Done" in main_text(dad)

    # A course for both of them.
    dad.get(f"{live_server}/courses")
    check(dad, "courses")
    follow(dad, "Becoming parents")
    choose(dad, "attendees", "2")
    check(dad, "course")
    press(dad, "Book a place")
    assert "You have a place for 2 adults" in main_text(dad)
    check(dad, "course-booked")

    # The birthing parent sees the couple's booking too.
    mum.get(f"{live_server}/courses")
    assert "booked for 2 adults" in main_text(mum)
    check(mum, "courses-booked")


def test_reminders_page_and_account_pages_pass_axe(
    client, live_server, phone, axe, shots
):
    phone.get(f"{live_server}/sign-up")
    choose(phone, "role", "birthing_parent")
    choose(phone, "area", "hampshire")
    fill(phone, email="solo@example.org", password=PASSWORD)
    press(phone, "Create account")
    follow(phone, "Skip this for now")
    for path, title in (
        ("/notifications", "Reminders"),
        ("/notifications/settings", "Reminder settings"),
        ("/account", "Your account"),
        ("/account/delete", "Delete your account"),
        ("/articles", "Articles"),
        ("/leave-check/q/due_date", "When is the baby due?"),
        ("/offline", "You are offline"),
    ):
        phone.get(f"{live_server}{path}")
        if path == "/leave-check/q/due_date":
            phone.get(f"{live_server}/leave-check")
            press(phone, "Start now")
        assert heading(phone) == title
        axe(phone)
        fits_the_screen(phone)
        shots(phone, path.strip("/").replace("/", "-"))
    phone.get(f"{live_server}/notifications")
    status = phone.find_element(By.ID, "push-status").text
    assert "Get a reminder on this phone" in status
    assert phone.find_element(By.ID, "push-on").is_displayed()
