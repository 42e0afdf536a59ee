"""The parent app's first steps: sign up as either parent, add a pregnancy or a
baby, "This week", and the partner card (invite code, joining with it)."""

from __future__ import annotations

import re

from tests.factories import PASSWORD, publish_article
from tests.web.helpers import submit, text_of
from tests.web.parent_helpers import (
    add_pregnancy,
    date_fields,
    sign_up,
    today,
    weeks_ahead,
)


def test_welcome_page_offers_sign_up_and_sign_in(client):
    page = text_of(client.get("/"))
    assert "Create an account" in page and "Sign in" in page


def test_sign_up_errors_are_shown_in_the_error_summary(client):
    page = submit(
        client,
        "/sign-up",
        {"email": "not-an-email", "password": "short"},
    )
    text = text_of(page)
    assert page.status_code == 200
    assert "There is a problem" in text
    for message in (
        "Select who you are",
        "Select where you live",
        "Enter an email address like name@example.com",
        "Password must be 10 to 256 characters long",
    ):
        assert text.count(message) == 2, message  # summary and inline
    assert 'href="#role"' in page.get_data(as_text=True)
    assert "<title>Error: " in page.get_data(as_text=True)


def test_a_common_password_is_refused_with_the_accounts_rule(client):
    page = submit(
        client,
        "/sign-up",
        {
            "role": "partner",
            "area": "dorset",
            "email": "dad@example.org",
            "password": "password123",
        },
    )
    assert page.status_code == 200
    assert "There is a problem" in text_of(page)
    assert client.get("/account").status_code == 302  # not signed in


def test_an_email_already_registered_is_a_clear_error(client):
    email = sign_up(client)
    client.post("/sign-out", data={"csrf_token": _token(client, "/account")})
    page = submit(
        client,
        "/sign-up",
        {"role": "partner", "area": "dorset", "email": email, "password": PASSWORD},
    )
    assert "An account with this email already exists" in text_of(page)


def _token(client, url):
    from tests.web.helpers import csrf_token_of

    return csrf_token_of(client.get(url))


def test_sign_up_leads_to_adding_a_pregnancy_then_this_week(client):
    page = submit(
        client,
        "/sign-up",
        {
            "role": "birthing_parent",
            "area": "dorset",
            "email": "mum@example.org",
            "password": PASSWORD,
        },
    )
    assert page.headers["Location"] == "/babies/new"
    choice = submit(client, "/babies/new", {"kind": "pregnancy"})
    assert choice.headers["Location"] == "/babies/new/pregnancy"
    add_pregnancy(client, weeks_ahead(20))
    week = text_of(client.get("/"))
    assert "20 weeks pregnant" in week
    assert "Invite my partner" in week


def test_a_born_baby_is_added_with_its_weeks_at_birth(client):
    sign_up(client)
    born = today().replace(day=1) if today().day > 14 else today()
    page = submit(
        client,
        "/babies/new/born",
        {**date_fields("date_of_birth", born), "gestation_weeks": "33"},
    )
    assert page.status_code == 302, text_of(page)
    week = text_of(client.get("/"))
    assert "Your baby is" in week
    assert "corrected age" in week


def test_date_and_weeks_errors_use_the_design_system_words(client):
    sign_up(client)
    page = submit(
        client,
        "/babies/new/born",
        {
            "date_of_birth[day]": "30",
            "date_of_birth[month]": "2",
            "date_of_birth[year]": str(today().year),
            "gestation_weeks": "50",
        },
    )
    text = text_of(page)
    assert "The date of birth must be a real date" in text
    assert "Enter the weeks of pregnancy at birth, from 22 to 44" in text
    assert 'href="#date_of_birth-day"' in page.get_data(as_text=True)
    empty = text_of(submit(client, "/babies/new/pregnancy", {}))
    assert "Enter your due date" in empty


def test_a_due_date_too_far_ahead_is_refused_by_the_families_service(client):
    sign_up(client)
    page = submit(
        client, "/babies/new/pregnancy", date_fields("due_date", weeks_ahead(60))
    )
    assert page.status_code == 200
    assert "There is a problem" in text_of(page)
    assert "pregnant" not in text_of(client.get("/"))


def test_this_week_shows_the_feed_for_the_stage(app, client):
    publish_article(
        app,
        "week-20-scan",
        title="Your 20-week scan",
        stage_from_day=-147,
        stage_to_day=-133,
    )
    publish_article(
        app,
        "first-vaccines",
        title="First vaccines",
        stage_from_day=50,
        stage_to_day=70,
    )
    sign_up(client)
    add_pregnancy(client, weeks_ahead(20))
    week = text_of(client.get("/"))
    assert "Your 20-week scan" in week
    assert "First vaccines" not in week


def test_partner_joins_with_the_code_and_sees_the_same_baby(app, client):
    sign_up(client)
    add_pregnancy(client, weeks_ahead(10))
    invite = submit(client, "/", {}, to="/family/invite")
    assert invite.headers["Location"] == "/#partner"
    week = text_of(client.get("/"))
    code = re.search(r"\b([2-9A-Z]{5}-[2-9A-Z]{5})\b", week).group(1)
    assert code not in text_of(client.get("/")), "the code is shown only once"

    partner = app.test_client()
    sign_up(partner, role="partner")
    wrong = submit(partner, "/family/join", {"code": "AAAAA-BBBBB"})
    assert "This code is not valid" in text_of(wrong)
    joined = submit(partner, "/family/join", {"code": code})
    assert joined.headers["Location"] == "/"
    partner_week = text_of(partner.get("/"))
    assert "30 weeks pregnant" in partner_week
    assert "shares your family" in partner_week
    assert "shares your family" in text_of(client.get("/"))


def test_another_familys_baby_is_a_404(app, client):
    sign_up(client)
    add_pregnancy(client, weeks_ahead(10))
    other = app.test_client()
    sign_up(other)
    assert other.get("/?baby=1").status_code == 404
    assert other.get("/babies/1/birth").status_code == 404
    assert other.get("/babies/1/loss").status_code == 404
    assert client.get("/?baby=1").status_code == 200
    assert client.get("/babies/99999999999/birth").status_code == 404
    assert client.get("/?baby=99999999999").status_code == 404


def test_a_post_without_the_csrf_token_is_refused(client):
    sign_up(client)
    page = client.post("/family/invite")
    assert page.status_code == 400
    assert "The form may have been open too long" in text_of(page)


def test_pages_for_parents_ask_a_signed_out_visitor_to_sign_in(client):
    for url in ("/account", "/notifications", "/babies/new", "/family/join"):
        page = client.get(url)
        assert page.status_code == 302
        assert page.headers["Location"].startswith("/sign-in?next=")


def test_this_week_lists_the_next_key_dates(app, client):
    from tests.nudge_helpers import publish_rule

    publish_rule(
        app,
        "whooping-cough-jab",
        title="Whooping cough vaccine",
        anchor="due_date",
        pregnancy_week=22,
        send_window_days=14,
        topic="immunisations",
    )
    sign_up(client)
    add_pregnancy(client, weeks_ahead(20))
    week = text_of(client.get("/"))
    assert "Coming up" in week
    assert "Whooping cough vaccine" in week
