"""Your sign-ins in Chromium: a parent on their phone sees the laptop they signed in
on, and "Sign out everywhere else" sends the laptop back to the sign-in page."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.pages import fill, main_text, press
from tests.factories import PASSWORD, make_parent


def _sign_in(driver, live_server: str, email: str) -> None:
    driver.get(f"{live_server}/sign-in")
    fill(driver, email=email, password=PASSWORD)
    press(driver, "Sign in")
    assert driver.find_element(By.TAG_NAME, "h1").text == "This week"


def test_sign_out_everywhere_else_from_the_phone(
    client, live_server, phone, browser, axe, shots
):
    parent = make_parent(client)
    _sign_in(browser, live_server, parent["email"])
    _sign_in(phone, live_server, parent["email"])

    phone.get(f"{live_server}/account")
    phone.find_element(By.PARTIAL_LINK_TEXT, "Your sign-ins").click()
    assert phone.find_element(By.TAG_NAME, "h1").text == "Your sign-ins"
    listed = phone.find_elements(By.CLASS_NAME, "app-sign-in")
    assert len(listed) == 3  # the phone, the laptop and the app that registered
    assert "This device" in listed[0].text
    axe(phone)
    shots(phone, "parent-sign-ins")

    press(phone, "Sign out everywhere else")
    assert len(phone.find_elements(By.CLASS_NAME, "app-sign-in")) == 1
    assert "Sign out everywhere else" not in main_text(phone)
    axe(phone)

    browser.get(f"{live_server}/account")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Sign in"
    phone.get(f"{live_server}/account")
    assert phone.find_element(By.TAG_NAME, "h1").text == "Your account"
