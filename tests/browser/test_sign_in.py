"""Signing in to each side in a real Chromium: the design systems render, errors show
in the error summary, every page passes axe-core."""

from __future__ import annotations

from selenium.webdriver.common.by import By

from tests.browser.pages import fill, main_text, press
from tests.factories import PASSWORD, make_parent, make_staff


def test_staff_member_signs_in_after_a_mistake(
    app, client, live_server, browser, axe, shots
):
    staff = make_staff(app, client, role="editor")
    browser.get(f"{live_server}/staff/")
    assert (
        browser.find_element(By.TAG_NAME, "h1").text == "Sign in to family hub content"
    )
    assert "js-enabled" in browser.find_element(By.TAG_NAME, "body").get_attribute(
        "class"
    )
    axe(browser)
    shots(browser, "staff-sign-in")

    fill(browser, email=staff["email"], password="not my password")
    press(browser, "Sign in")
    summary = browser.find_element(By.CLASS_NAME, "govuk-error-summary")
    assert "The email or password is not right." in summary.text
    assert browser.title.startswith("Error: ")
    axe(browser)
    shots(browser, "staff-sign-in-error")

    fill(browser, password=PASSWORD)
    press(browser, "Sign in")
    assert browser.current_url == f"{live_server}/staff/"
    assert "Your work" in main_text(browser)
    assert staff["email"] in browser.find_element(By.TAG_NAME, "header").text
    axe(browser)
    shots(browser, "staff-home")


def test_parent_signs_in_on_a_phone(client, live_server, phone, axe, shots):
    parent = make_parent(client)
    phone.get(f"{live_server}/sign-in")
    axe(phone)
    fill(phone, email=parent["email"], password=PASSWORD)
    press(phone, "Sign in")
    assert phone.find_element(By.TAG_NAME, "h1").text == "This week"
    assert "Add your pregnancy or baby" in main_text(phone)
    width = phone.execute_script("return document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone's screen
    axe(phone)
    shots(phone, "parent-home")
