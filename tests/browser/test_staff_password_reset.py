"""A staff member who forgot their password, in Chromium: "Forgotten your password?"
on the console's sign-in page, the link by mail, a new password, signed in again;
axe-core on every page."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.pages import fill, follow, main_text, press
from tests.factories import make_staff
from tests.mail_helpers import deliver, link_in, mails_to

NEW_PASSWORD = "tangerine kettle mountain"


def test_staff_member_resets_a_forgotten_password(
    app, client, runner, smtp_server, live_server, browser, axe, shots
):
    staff = make_staff(app, client, role="editor")
    browser.get(f"{live_server}/staff/sign-in")
    follow(browser, "Forgotten your password?")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Reset your password"
    axe(browser)
    fill(browser, email=staff["email"])
    press(browser, "Send the link")
    assert "Check your email" in main_text(browser)
    axe(browser)

    deliver(runner)
    [mail] = [
        m
        for m in mails_to(smtp_server, staff["email"])
        if m["Subject"] == "Reset your password"
    ]
    path = link_in(mail).removeprefix("http://127.0.0.1:5000")
    browser.get(f"{live_server}{path}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Choose a new password"
    axe(browser)
    shots(browser, "staff-new-password")
    fill(browser, password=NEW_PASSWORD, confirm=NEW_PASSWORD)
    press(browser, "Save my new password")
    assert "Your password is changed" in main_text(browser)
    axe(browser)

    follow(browser, "Sign in")
    fill(browser, email=staff["email"], password=NEW_PASSWORD)
    press(browser, "Sign in")
    assert browser.current_url == f"{live_server}/staff/"
