"""Ticking a review as booked for a day, on a phone: the list, the one-question page
with the NHS.UK date input and its error, the list again; every page passes
axe-core."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.conftest import PHONE
from tests.browser.pages import fill, follow, main_text, press
from tests.browser.parent_pages import answer, choose, fits_the_screen, heading
from tests.factories import PASSWORD


def test_a_parent_books_the_one_year_review_for_a_day(
    app, live_server, new_browser, axe, shots
):
    phone = new_browser(PHONE, mobile=True)

    def check(name):
        axe(phone)
        fits_the_screen(phone)
        shots(phone, name)

    def date_parts(prefix, day):
        return {
            f"{prefix}[day]": str(day.day),
            f"{prefix}[month]": str(day.month),
            f"{prefix}[year]": str(day.year),
        }

    today = datetime.now(UTC).date()
    phone.get(f"{live_server}/sign-up")
    choose(phone, "role", "birthing_parent")
    choose(phone, "area", "dorset")
    fill(phone, email="ticks@example.org", password=PASSWORD)
    press(phone, "Create account")
    answer(phone, "born", name="kind")
    fill(phone, **date_parts("date_of_birth", today - timedelta(weeks=40)))
    press(phone, "Save")

    follow(phone, "Checks, vaccinations and claims to tick")
    assert heading(phone) == "Checks, vaccinations and claims"
    check("milestones")
    row = phone.find_element(
        By.XPATH,
        "//div[contains(@class,'nhsuk-summary-list__row')]"
        "[.//*[normalize-space(.)='9 to 12 month review (ASQ)']]//a",
    )
    page = phone.find_element(By.TAG_NAME, "html")
    row.click()
    WebDriverWait(phone, 15).until(expected_conditions.staleness_of(page))
    assert heading(phone) == "Where are you with this?"
    check("milestone")
    choose(phone, "status", "booked")
    fill(phone, **date_parts("booked_for", today - timedelta(days=3)))
    press(phone, "Save")
    assert "This date has passed" in main_text(phone)
    check("milestone-error")
    on = today + timedelta(days=10)
    fill(phone, **date_parts("booked_for", on))
    press(phone, "Save")
    assert f"Booked for {on.day} {on:%B %Y}" in main_text(phone)
    check("milestones-booked")
