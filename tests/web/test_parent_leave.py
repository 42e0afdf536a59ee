"""The leave and pay check as question pages: one question a page, the answer for
each adult in plain words, the dates as a calendar, saving the leave plan."""

from __future__ import annotations

from tests.web.helpers import submit, text_of
from tests.web.parent_helpers import add_pregnancy, sign_up, weeks_ahead


def _answer(client, answer, *, expect_next=None):
    """Answer the question the journey asks next; returns the next page's path."""
    page = client.get("/leave-check/answer")
    assert page.status_code == 302
    question = page.headers["Location"]
    done = submit(client, question, {"answer": answer})
    assert done.status_code == 302, text_of(done)
    if expect_next:
        assert expect_next in done.headers["Location"]
    return question


def test_a_partner_checks_their_own_leave_and_saves_the_plan(client):
    sign_up(client, role="partner")
    add_pregnancy(client, weeks_ahead(20))
    start = submit(client, "/leave-check", {})
    assert start.headers["Location"] == "/leave-check/answer"
    first = client.get("/leave-check/answer").headers["Location"]
    assert first == "/leave-check/q/who"
    page = text_of(client.get(first))
    assert "Who do you want to check?" in page
    refused = submit(client, first, {})
    assert "Select who you want to check" in text_of(refused)
    assert 'href="#answer"' in refused.get_data(as_text=True)

    asked = [
        _answer(client, "me"),
        _answer(client, "employee"),
        _answer(client, "yes"),
        _answer(client, "yes"),
        _answer(client, "yes"),
    ]
    assert asked[-1] == "/leave-check/q/partner.earned_more_than_lower_earnings_limit"
    answer = client.get("/leave-check/answer")
    text = text_of(answer)
    assert "You can get" in text
    assert "Paternity Leave" in text and "Statutory Paternity Pay" in text
    assert "Tell the employer by" in text
    assert "a week, or 90% of average weekly earnings" in text  # the flat rate
    assert "Your partner" not in text

    calendar = client.get("/leave-check/dates.ics")
    assert calendar.mimetype == "text/calendar"
    assert b"BEGIN:VCALENDAR" in calendar.get_data()

    saved = submit(client, "/leave-check/answer", {}, to="/leave-check/save")
    assert saved.headers["Location"] == "/leave-check/answer?saved=1"
    assert "Saved as your leave plan" in text_of(
        client.get("/leave-check/answer?saved=1")
    )


def test_a_self_employed_birthing_parent_is_asked_about_maternity_allowance(client):
    sign_up(client)
    add_pregnancy(client, weeks_ahead(15))
    submit(client, "/leave-check", {})
    _answer(client, "both")
    _answer(client, "self_employed")
    ma = client.get("/leave-check/answer").headers["Location"]
    assert ma == "/leave-check/q/birthing_parent.worked_at_least_26_weeks"
    assert "worked for at least 26 weeks" in text_of(client.get(ma))
    _answer(client, "yes")
    _answer(client, "yes")
    partner = client.get("/leave-check/answer").headers["Location"]
    assert "What is your partner's work?" in text_of(client.get(partner))
    _answer(client, "unemployed")
    text = text_of(client.get("/leave-check/answer"))
    assert "Maternity Allowance" in text
    assert "Your partner" in text and "They cannot get" in text


def test_changing_an_answer_returns_to_the_answer(client):
    sign_up(client, role="partner")
    add_pregnancy(client, weeks_ahead(20))
    submit(client, "/leave-check", {})
    for answer in ("me", "employee", "yes", "yes", "yes"):
        _answer(client, answer)
    change = "/leave-check/q/partner.started_before_continuity_start?change=1"
    assert 'value="yes" checked' in client.get(change).get_data(as_text=True)
    back = submit(client, change, {"answer": "no"})
    assert back.headers["Location"] == "/leave-check/answer"
    text = text_of(client.get("/leave-check/answer"))
    cannot = text[text.index("You cannot get") :]
    assert "Statutory Paternity Pay" in cannot
    assert "you must have started the job on or before" in cannot


def test_without_a_baby_the_check_asks_for_the_due_date(client):
    sign_up(client)
    submit(client, "/leave-check", {})
    first = client.get("/leave-check/answer").headers["Location"]
    assert first == "/leave-check/q/due_date"
    wrong = submit(client, first, {"answer_date[day]": "40"})
    assert "The due date must include a month" in text_of(wrong)
    day = weeks_ahead(20)
    ok = submit(
        client,
        first,
        {
            "answer_date[day]": str(day.day),
            "answer_date[month]": str(day.month),
            "answer_date[year]": str(day.year),
        },
    )
    assert ok.headers["Location"] == "/leave-check/q/who"


def test_the_answer_explains_each_date_and_asks_what_it_still_needs(client):
    """A couple where the partner is self-employed: Shared Parental Leave needs the
    partner's 26 weeks and £390, which the journey did not ask. The page asks them
    (it does not refuse), and every date comes with what it means and its rule."""
    sign_up(client)
    add_pregnancy(client, weeks_ahead(20))
    submit(client, "/leave-check", {})
    for answer in ("both", "employee", "yes", "yes", "yes", "self_employed"):
        _answer(client, answer)
    page = client.get("/leave-check/answer")
    assert page.status_code == 200
    text = text_of(page)
    assert "Dates to know" in text
    assert "Tell your employer you are pregnant and when you want your leave" in text
    assert "The end of the 15th week before the week your baby is due" in text
    assert "We still need to know" in text
    still = text[text.index("We still need to know") : text.index("Dates to know")]
    assert "will your partner have worked for at least 26 weeks" in still
    assert "Shared Parental Leave" in still
    cannot = text[text.index("You cannot get") :] if "You cannot get" in text else ""
    assert "Shared Parental Leave" not in cannot

    html = page.get_data(as_text=True)
    link = "/leave-check/q/partner.worked_at_least_26_weeks?change=1"
    assert link in html
    assert submit(client, link, {"answer": "yes"}).headers["Location"] == (
        "/leave-check/answer"
    )
    submit(
        client, "/leave-check/q/partner.earned_at_least_390?change=1", {"answer": "yes"}
    )
    text = text_of(client.get("/leave-check/answer"))
    assert "We still need to know" not in text
    mine = text[text.index("You can get") : text.index("Your partner")]
    assert "Shared Parental Leave" in mine
