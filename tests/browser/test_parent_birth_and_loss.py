"""Recording the birth, then a loss, on a phone: gentle pages with a clear choice,
support afterwards instead of baby-age content; every page passes axe-core."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.browser.conftest import PHONE
from tests.browser.pages import fill, follow, main_text, press
from tests.browser.parent_pages import answer, choose, fits_the_screen, heading
from tests.factories import PASSWORD, publish_article


def test_birth_then_loss_turn_this_week_to_support(
    app, live_server, new_browser, axe, shots
):
    publish_article(app, "grief", title="Coping with grief", topic="loss-support")
    phone = new_browser(PHONE, mobile=True)

    def check(name):
        axe(phone)
        fits_the_screen(phone)
        shots(phone, name)

    def date_parts(prefix, day):
        return {
            f"{prefix}[day]": str(day.day),
            f"{prefix}[month]": str(day.month),
            f"{prefix}[year]": str(day.year),
        }

    phone.get(f"{live_server}/sign-up")
    choose(phone, "role", "birthing_parent")
    choose(phone, "area", "portsmouth")
    fill(phone, email="born@example.org", password=PASSWORD)
    press(phone, "Create account")
    answer(phone, "pregnancy", name="kind")
    today = datetime.now(UTC).date()
    fill(phone, **date_parts("due_date", today))
    press(phone, "Save")
    follow(phone, "Record the birth")
    check("record-birth")
    press(phone, "Save")
    assert "Enter the date of birth" in main_text(phone)
    check("record-birth-error")
    fill(phone, **date_parts("date_of_birth", today))
    press(phone, "Save")
    assert "Your baby is 0 days old" in main_text(phone)

    follow(phone, "Account")
    check("account")
    follow(phone, "Tell us if your baby has died")
    assert heading(phone) == "We are very sorry"
    check("loss")
    answer(phone, "yes", name="confirm")
    assert heading(phone) == "We are so sorry"
    assert "Coping with grief" in main_text(phone)
    assert "days old" not in main_text(phone)
    check("support")
