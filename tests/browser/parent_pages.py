"""Helpers for walks through the parent app on a phone: choose a radio, answer a
question page, and check every page the same way (axe-core, nothing wider than the
screen, a screenshot)."""

from __future__ import annotations

from typing import Any

from selenium.webdriver.common.by import By

from tests.browser.pages import press


def choose(driver: Any, name: str, value: str) -> None:
    """Tap the label of the radio or checkbox with this name and value."""
    box = driver.find_element(By.CSS_SELECTOR, f"input[name='{name}'][value='{value}']")
    driver.find_element(
        By.CSS_SELECTOR, f"label[for='{box.get_attribute('id')}']"
    ).click()


def answer(driver: Any, value: str, *, name: str = "answer") -> str:
    """Answer a one-question page with a radio and continue; returns its heading."""
    heading = driver.find_element(By.TAG_NAME, "h1").text
    choose(driver, name, value)
    press(driver, "Continue")
    return str(heading)


def heading(driver: Any) -> str:
    return str(driver.find_element(By.TAG_NAME, "h1").text)


def fits_the_screen(driver: Any) -> None:
    width = driver.execute_script("return window.innerWidth")
    scroll = driver.execute_script("return document.documentElement.scrollWidth")
    assert scroll <= width, (
        f"{driver.current_url}: {scroll}px wide on a {width}px screen"
    )
