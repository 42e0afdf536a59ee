"""The money and skills check as question pages, then the plan with done ticks."""

from __future__ import annotations

from tests.web.helpers import submit, text_of
from tests.web.parent_helpers import add_pregnancy, sign_up, weeks_ahead

ANSWERS = {
    "household_adults": {"answer": "two"},
    "other_children_under_16": {"answer_number": "0"},
    "babies_expected": {"answer_number": ""},
    "birthing_parent_under_18": {},
    "birthing_parent_work": {"answer": "employed"},
    "birthing_parent_income": {"answer": "lel_to_30k"},
    "partner_work": {"answer": "employed"},
    "partner_income": {"answer": "lel_to_30k"},
    "benefits": {"answer_many": ["none"]},
    "housing": {"answer": "rent_private"},
    "childcare_plans": {"answer": "1_to_2"},
    "money_worries": {"answer_many": ["bills"]},
    "skills": {"answer_many": ["budgeting"]},
    "area": {"answer": "dorset"},
}


def _walk(client, answers):
    start = submit(client, "/money-check", {})
    asked = []
    url = start.headers["Location"]
    while "/money-check/q/" in url:
        qid = url.rsplit("/", 1)[1]
        asked.append(qid)
        page = submit(client, url, answers[qid])
        assert page.status_code == 302, (qid, text_of(page))
        url = page.headers["Location"]
    assert url == "/money-check/answers"
    return asked


def test_a_family_answers_the_questions_and_ticks_off_an_action(app, client):
    sign_up(client)
    add_pregnancy(client, weeks_ahead(20))
    asked = _walk(client, ANSWERS)
    assert asked == list(ANSWERS), "one question a page, the partner's included"
    check = text_of(client.get("/money-check/answers"))
    assert "Check your answers" in check
    assert check.count("Change") == len(ANSWERS)
    made = submit(client, "/money-check/answers", {})
    assert made.headers["Location"] == "/money-check/plan"
    plan = client.get("/money-check/plan")
    text = text_of(plan)
    assert "Your money plan" in text
    assert "Child Benefit" in text
    body = plan.get_data(as_text=True)
    action = body.split('action="/money-check/actions/', 1)[1].split("/", 1)[0]
    done = submit(
        client, "/money-check/plan", {}, to=f"/money-check/actions/{action}/done"
    )
    assert done.headers["Location"].startswith("/money-check/plan")
    after = client.get("/money-check/plan").get_data(as_text=True)
    assert f'id="action-{action}"' in after
    card = after.split(f'id="action-{action}"', 1)[1].split("</li>", 1)[0]
    assert "Done" in card and "Mark as done" not in card


def test_one_adult_is_not_asked_about_a_partner(client):
    sign_up(client)
    answers = {**ANSWERS, "household_adults": {"answer": "one"}}
    asked = _walk(client, answers)
    assert "partner_work" not in asked and "partner_income" not in asked


def test_question_errors_are_shown(client):
    sign_up(client)
    submit(client, "/money-check", {})
    page = submit(client, "/money-check/q/household_adults", {})
    assert "Select an answer" in text_of(page)
    number = submit(
        client, "/money-check/q/other_children_under_16", {"answer_number": "-3"}
    )
    assert "Enter a whole number from 0 to 20" in text_of(number)
    wrong = submit(client, "/money-check/q/household_adults", {"answer": "seventeen"})
    assert "Select an answer" in text_of(wrong)


def test_another_familys_action_is_a_404(app, client):
    sign_up(client)
    add_pregnancy(client, weeks_ahead(20))
    _walk(client, ANSWERS)
    submit(client, "/money-check/answers", {})
    body = client.get("/money-check/plan").get_data(as_text=True)
    action = body.split('action="/money-check/actions/', 1)[1].split("/", 1)[0]
    other = app.test_client()
    sign_up(other)
    page = submit(other, "/account", {}, to=f"/money-check/actions/{action}/done")
    assert page.status_code == 404


def test_the_money_check_shows_domestic_abuse_help_near_the_family(client):
    sign_up(client, area="southampton")
    add_pregnancy(client, weeks_ahead(20))
    start = text_of(client.get("/money-check"))
    assert "If someone close to you hurts, controls or frightens you" in start
    assert "National Domestic Abuse Helpline (Refuge) : 0808 2000 247" in start
    assert "PIPPA helpline, Southampton : 023 8091 7917" in start
    assert "Monday to Friday, 9:30am to 4:30pm" in start
    assert "Your answers are private to you" in start
    _walk(client, {**ANSWERS, "area": {"answer": "southampton"}})
    submit(client, "/money-check/answers", {})
    plan = text_of(client.get("/money-check/plan"))
    assert "0808 2000 247" in plan and "023 8091 7917" in plan
