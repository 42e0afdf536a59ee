"""Walk 1 in a real Chromium: an author drafts an article that reads too hard,
previews it, submits it; an editor of the same area reviews the diff and asks for a
change; the author fixes it and resubmits; the editor approves; a parent of the area
reads it through the API. Every page passes axe-core; screenshots are kept."""

from __future__ import annotations

import os
from pathlib import Path

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.pages import fill, follow, main_text, press
from tests.factories import PASSWORD, make_parent, make_staff

HARD = (
    "Breastfeeding establishment necessitates considerable perseverance, "
    "particularly during the immediate postnatal period, when physiological "
    "adaptations, hormonal fluctuations, unfamiliar positioning and exhaustion "
    "can collectively undermine maternal confidence and complicate the "
    "professional recommendations that healthcare practitioners communicate."
)


def _docs_shot(driver, name):  # type: ignore[no-untyped-def]
    """With STAFF_DOCS_SCREENSHOTS=folder, also keep the README's screenshots."""
    folder = os.environ.get("STAFF_DOCS_SCREENSHOTS")
    if folder:
        size = driver.get_window_size()
        driver.set_window_size(1280, 1500)
        driver.save_screenshot(str(Path(folder) / name))
        driver.set_window_size(size["width"], size["height"])


def sign_in(driver, base, email):  # type: ignore[no-untyped-def]
    driver.get(f"{base}/staff/")
    fill(driver, email=email, password=PASSWORD)
    press(driver, "Sign in")


def test_an_article_from_draft_to_a_parent(
    app, client, live_server, new_browser, axe, shots
):
    author = make_staff(app, client, role="author")
    editor = make_staff(app, client, role="editor")
    writer, reviewer = new_browser(), new_browser()

    sign_in(writer, live_server, author["email"])
    assert "Your work" in main_text(writer)
    axe(writer)
    follow(writer, "Articles")
    axe(writer)
    follow(writer, "Write a new article")
    axe(writer)
    fill(
        writer,
        title="Feeding your baby in the first weeks",
        slug="dorset-first-weeks-feeding",
        summary="Help with feeding in the first weeks.",
        body=f"## Getting started\n\n{HARD}",
        stage_from_number="36",
        stage_to_number="8",
        source_name="NHS",
        source_url="https://www.nhs.uk/baby/breastfeeding-and-bottle-feeding/",
    )
    Select(writer.find_element(By.NAME, "stage_from_unit")).select_by_value(
        "pregnancy_week"
    )
    Select(writer.find_element(By.NAME, "stage_to_unit")).select_by_value("age_weeks")
    Select(writer.find_element(By.NAME, "topic")).select_by_value("feeding")
    press(writer, "Preview")
    preview = main_text(writer)
    assert "How parents will see it" in preview
    assert "is above the target of 9 to 11" in preview
    assert writer.find_elements(By.CSS_SELECTOR, "mark.staff-reading__long-word")
    axe(writer)
    shots(writer, "article-preview")
    _docs_shot(writer, "staff-article-preview.png")

    press(writer, "Save draft")
    assert "Draft saved" in main_text(writer)
    axe(writer)
    press(writer, "Submit for review")
    assert "Sent for review" in main_text(writer)
    item_url = writer.current_url

    sign_in(reviewer, live_server, editor["email"])
    assert "Feeding your baby in the first weeks" in main_text(reviewer)
    follow(reviewer, "Feeding your baby in the first weeks")
    assert "What changes" in main_text(reviewer)
    axe(reviewer)
    shots(reviewer, "review-first")
    fill(reviewer, comment="Please use shorter sentences and simpler words.")
    press(reviewer, "Request changes")
    assert "Changes requested" in main_text(reviewer)

    writer.get(f"{live_server}/staff/")
    home = main_text(writer)
    assert "Please use shorter sentences and simpler words." in home
    axe(writer)
    shots(writer, "author-dashboard")
    writer.get(item_url)
    follow(writer, "Edit")
    axe(writer)
    fill(
        writer,
        body="## Getting started\n\nFeeding takes practice. Ask your midwife for "
        "help. It gets easier.",
    )
    press(writer, "Save draft")
    press(writer, "Submit for review")

    reviewer.get(item_url)
    review = main_text(reviewer)
    assert "Feeding takes practice." in review
    assert "What the author changed since: Please use shorter sentences" in review
    marks = reviewer.find_elements(By.CSS_SELECTOR, "mark.staff-diff__changed")
    assert marks
    axe(reviewer)
    shots(reviewer, "review-second")
    _docs_shot(reviewer, "staff-review.png")
    press(reviewer, "Approve and publish")
    assert "Approved and published" in main_text(reviewer)
    axe(reviewer)
    follow(reviewer, "History and audit trail")
    history = main_text(reviewer)
    assert "Reject: Please use shorter sentences" in history
    axe(reviewer)

    parent = make_parent(client, area="dorset")
    served = client.get(
        "/api/v1/articles/dorset-first-weeks-feeding", headers=parent["headers"]
    )
    assert served.status_code == 200
    assert "Feeding takes practice." in served.get_json()["body_html"]
