"""Walk 2 in a real Chromium: an editor writes a nudge rule, sees the push on a phone,
previews the timeline for a baby born at 32 weeks (8-week jabs by real age, not
corrected age), saves and submits it; a second editor publishes it. Every page passes
axe-core; screenshots are kept."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.browser.pages import fill, follow, main_text, press
from tests.browser.test_staff_review import _docs_shot, sign_in
from tests.factories import make_staff
from tests.nudge_helpers import publish_rule


def _type_date(driver, name, day, month, year):  # type: ignore[no-untyped-def]
    for part, value in (("day", day), ("month", month), ("year", year)):
        box = driver.find_element(By.ID, f"{name}-{part}")
        box.clear()
        box.send_keys(value)


def test_an_editor_writes_a_nudge_and_previews_a_premature_babys_timeline(
    app, client, live_server, new_browser, axe, shots
):
    publish_rule(
        app,
        "dorset-smiling",
        title="Smiling at 6 weeks (corrected age)",
        body="Babies born early smile later: count from the due date.",
        area="dorset",
        topic="development",
        age_weeks=6,
        age_basis="corrected",
    )
    writer_account = make_staff(app, client, role="editor")
    publisher_account = make_staff(app, client, role="editor")
    writer = new_browser()
    sign_in(writer, live_server, writer_account["email"])
    follow(writer, "Nudges")
    axe(writer)
    follow(writer, "Write a new nudge")
    axe(writer)
    fill(
        writer,
        title="Your baby's 8-week vaccinations are due",
        slug="dorset-8-week-jabs",
        body="{baby_name} is due their first vaccinations. Book with your GP.",
        timing_number="8",
        send_window_days="14",
    )
    Select(writer.find_element(By.NAME, "timing_unit")).select_by_value("age_weeks")
    Select(writer.find_element(By.NAME, "topic")).select_by_value("immunisations")
    press(writer, "Preview the push")
    assert "How the push looks on a phone" in main_text(writer)
    axe(writer)
    shots(writer, "push-preview")

    _type_date(writer, "family_born", "1", "3", "2026")
    fill(writer, family_gestation="32")
    press(writer, "Preview timeline")
    timeline = writer.find_element(By.ID, "timeline").text
    assert "26 April 2026" in timeline  # 8 weeks of real age
    # The corrected-age rule counts from the due date, 8 weeks after the birth.
    assert "7 June 2026" in timeline
    assert "This nudge" in timeline
    axe(writer)
    shots(writer, "timeline-32-weeks")
    _docs_shot(writer, "staff-timeline.png")

    press(writer, "Save draft")
    assert "Draft saved" in main_text(writer)
    press(writer, "Submit for review")
    assert "another editor must approve it" in main_text(writer)
    item_url = writer.current_url
    axe(writer)

    publisher = new_browser()
    sign_in(publisher, live_server, publisher_account["email"])
    publisher.get(item_url)
    assert "Push title" in main_text(publisher)
    press(publisher, "Approve and publish")
    assert "Approved and published" in main_text(publisher)
    axe(publisher)
    shots(publisher, "nudge-published")
