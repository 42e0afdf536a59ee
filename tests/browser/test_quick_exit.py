""" "Leave this site" in Chromium: a tap, or Escape pressed twice, swaps the domestic
abuse article for a neutral page, and Back does not bring the article back."""

from __future__ import annotations

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

from tests.browser.pages import WAIT_SECONDS
from tests.factories import publish_article

ARTICLE = "/articles/domestic-abuse-help"


def _history_length(driver) -> int:
    return int(driver.execute_script("return window.history.length"))


def _wait_for(driver, url: str) -> None:
    WebDriverWait(driver, WAIT_SECONDS).until(lambda d: d.current_url == url)


def test_leave_this_site_replaces_the_page_by_tap_and_by_escape_twice(
    app, live_server, phone, axe, shots, monkeypatch
):
    publish_article(app, "domestic-abuse-help")
    # A page of the test's own server stands in for the weather page (no network).
    neutral = f"{live_server}/offline"
    monkeypatch.setitem(app.config, "QUICK_EXIT_URL", neutral)

    phone.get(f"{live_server}/articles")
    phone.get(f"{live_server}{ARTICLE}")
    button = phone.find_element(By.CSS_SELECTOR, "[data-quick-exit]")
    assert button.text.startswith("Leave this site")
    assert button.is_displayed()
    axe(phone)
    shots(phone, "quick-exit")
    before = _history_length(phone)
    button.click()
    _wait_for(phone, neutral)
    assert _history_length(phone) == before  # replaced, not added
    phone.back()
    _wait_for(phone, f"{live_server}/articles")

    phone.get(f"{live_server}{ARTICLE}")
    before = _history_length(phone)
    phone.find_element(By.TAG_NAME, "h1").click()  # the page has the keyboard
    ActionChains(phone).send_keys(Keys.ESCAPE).perform()
    assert phone.current_url == f"{live_server}{ARTICLE}"  # once is not enough
    ActionChains(phone).send_keys(Keys.ESCAPE).perform()
    _wait_for(phone, neutral)
    assert _history_length(phone) == before
    phone.back()
    assert phone.current_url != f"{live_server}{ARTICLE}"
