"""The staff figures page in a real Chromium with axe-core: an editor sees a
milestone's chart (a server-drawn SVG image that loads under the page's Content
Security Policy) and the same figures in the table under it; a bad month shows the
GOV.UK error summary."""

from __future__ import annotations

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from tests.api.test_figures import IMMS, figures_world  # noqa: F401
from tests.browser.pages import fill, follow, main_text, press
from tests.browser.test_staff_review import sign_in
from tests.factories import make_staff


def test_an_editor_sees_the_chart_and_the_table(
    app,
    client,
    live_server,
    browser,
    axe,
    shots,
    figures_world,  # noqa: F811
):
    editor = make_staff(app, client, role="editor", areas=("dorset",))
    sign_in(browser, live_server, editor["email"])
    follow(browser, "Figures")
    axe(browser)
    Select(browser.find_element(By.NAME, "milestone")).select_by_value(IMMS)
    fill(browser, from_month="2026-01", to_month="2026-03")
    press(browser, "Show figures")

    charts = browser.find_elements(By.CSS_SELECTOR, "img.staff-chart")
    assert len(charts) == 4
    first = charts[0]
    # The SVG loaded and was drawn (a blocked or broken image has no natural size).
    assert browser.execute_script(
        "return arguments[0].complete && arguments[0].naturalWidth", first
    ) > 0
    assert "same figures are in the table below" in first.get_attribute("alt")
    text = main_text(browser)
    assert "January 2026 10 10 fewer than 8 10 fewer than 8 0 0" in text
    assert "Polish" in text
    assert "Download these figures as a spreadsheet (CSV)" in text
    logs = [
        entry["message"]
        for entry in browser.get_log("browser")
        if "Content Security Policy" in entry["message"]
    ]
    assert logs == []
    axe(browser)
    shots(browser, "figures")

    fill(browser, from_month="2026-13")
    press(browser, "Show figures")
    assert "There is a problem" in main_text(browser)
    assert "like 2026-01" in main_text(browser)
    axe(browser)
