"""Domestic abuse signposts in the money check and the wellbeing content."""

from __future__ import annotations

from tests.api.test_finance_contract import _plan
from tests.factories import add_baby, make_parent


def _phones(signpost):
    return {h["phone"] for h in signpost["helplines"]}


def test_the_money_check_shows_the_helplines(client):
    questions = client.get("/api/v1/finance-review/questions").get_json()
    assert _phones(questions["safeguarding"]) == {"0808 2000 247", "0808 8010 327"}
    mum = make_parent(client)
    add_baby(client, mum, due_date="2027-03-01")
    review = _plan(client, mum)
    assert "family hub" in review["safeguarding"]["local"]
    assert _phones(review["safeguarding"]) == {"0808 2000 247", "0808 8010 327"}
    # The plan adds the local service of the family's area (Dorset: no checked
    # number, so its name and web address).
    assert review["safeguarding"]["local_service"]["name"].startswith("Dorset")
    assert review["safeguarding"]["local_service"]["phone"] is None
    assert questions["safeguarding"]["local_service"] is None  # nobody signed in


def test_a_southampton_family_gets_the_pippa_helpline(client):
    dad = make_parent(client, area="southampton")
    add_baby(client, dad, due_date="2027-03-01")
    local = _plan(client, dad)["safeguarding"]["local_service"]
    assert local["phone"] == "023 8091 7917"
    assert local["hours"] == "Monday to Friday, 9:30am to 4:30pm"


def test_the_wellbeing_article_is_in_the_catalogue(app, client, runner):
    result = runner.invoke(args=["content", "load-catalogue"])
    assert result.exit_code == 0, result.output
    article = client.get("/api/v1/articles/domestic-abuse-help")
    assert article.status_code == 200
    body = article.get_json()
    assert body["topic"] == "wellbeing" and body["audience"] == "everyone"
    assert "0808 2000 247" in body["body_html"] and "0808 8010 327" in body["body_html"]
