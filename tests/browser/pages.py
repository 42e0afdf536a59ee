"""Small page helpers for browser walks: fill a form, press a button and wait for the
next page, read what the user sees."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions
from selenium.webdriver.support.ui import WebDriverWait

WAIT_SECONDS = 15


def fill(driver: Any, **fields: str) -> None:
    """Type into the inputs named by the keywords, replacing what was there."""
    for name, value in fields.items():
        box = driver.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)


def press(driver: Any, label: str | None = None) -> None:
    """Press the submit button (the one whose text is `label`, when given) and wait
    until the next page has replaced this one."""
    page = driver.find_element(By.TAG_NAME, "html")
    if label is None:
        button = driver.find_element(By.CSS_SELECTOR, "main [type=submit]")
    else:
        button = driver.find_element(
            By.XPATH,
            f"//main//*[(self::button or self::input[@type='submit']) and "
            f"(normalize-space(.)='{label}' or @value='{label}')]",
        )
    button.click()
    _wait_for_next_page(driver, page)


def follow(driver: Any, link_text: str) -> None:
    """Follow the link with this text and wait for the next page."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.LINK_TEXT, link_text).click()
    _wait_for_next_page(driver, page)


def _wait_for_next_page(driver: Any, page: Any) -> None:
    """Until the old page is gone and the new one has loaded whole: right after the
    old one goes, the new one may still be arriving, and a busy machine finds it
    half-built."""
    wait = WebDriverWait(driver, WAIT_SECONDS)
    wait.until(expected_conditions.staleness_of(page))
    wait.until(
        lambda d: d.execute_script("return document.readyState") == "complete"
    )


def main_text(driver: Any) -> str:
    return str(driver.find_element(By.TAG_NAME, "main").text)
