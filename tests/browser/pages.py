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
    WebDriverWait(driver, WAIT_SECONDS).until(expected_conditions.staleness_of(page))


def follow(driver: Any, link_text: str) -> None:
    """Follow the link with this text and wait for the next page."""
    page = driver.find_element(By.TAG_NAME, "html")
    driver.find_element(By.LINK_TEXT, link_text).click()
    WebDriverWait(driver, WAIT_SECONDS).until(expected_conditions.staleness_of(page))


def main_text(driver: Any) -> str:
    return str(driver.find_element(By.TAG_NAME, "main").text)
