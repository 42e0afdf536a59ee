"""The finance review questionnaire file, and checking a parent's answers against it."""

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest

from parent_app.domain.finance import (
    InvalidAnswers,
    InvalidQuestionnaire,
    check_questionnaire,
    validate_answers,
)

QUESTIONNAIRE_PATH = (
    Path(__file__).resolve().parents[2]
    / "parent_app"
    / "finance"
    / "questionnaire.json"
)
QUESTIONNAIRE: dict[str, Any] = json.loads(QUESTIONNAIRE_PATH.read_text())

COUPLE = {
    "household_adults": "two",
    "other_children_under_16": 0,
    "birthing_parent_work": "employed",
    "birthing_parent_income": "lel_to_30k",
    "partner_work": "employed",
    "partner_income": "30k_to_60k",
    "benefits": ["universal_credit"],
    "housing": "rent_social",
    "childcare_plans": "before_1",
    "money_worries": ["none"],
    "skills": ["none"],
    "area": "dorset",
}
SINGLE = {k: v for k, v in COUPLE.items() if not k.startswith("partner_")} | {
    "household_adults": "one"
}


def _errors(answers: Any, **kwargs: Any) -> dict[str, list[str]]:
    with pytest.raises(InvalidAnswers) as caught:
        validate_answers(QUESTIONNAIRE, answers, **kwargs)
    return caught.value.fields


class TestTheShippedFile:
    def test_is_well_formed_and_matches_what_the_rules_read(self) -> None:
        check_questionnaire(QUESTIONNAIRE)

    def test_is_version_2_without_tax_credits_and_asking_about_twins(self) -> None:
        assert QUESTIONNAIRE["version"] == 2
        by_id = {q["id"]: q for q in QUESTIONNAIRE["questions"]}
        benefits = {o["value"] for o in by_id["benefits"]["options"]}
        assert "tax_credits" not in benefits
        assert by_id["babies_expected"]["type"] == "integer"

    def test_partner_questions_are_the_partner_ones(self) -> None:
        about_partner = {
            q["id"] for q in QUESTIONNAIRE["questions"] if q["about"] == "partner"
        }
        assert about_partner == {"partner_work", "partner_income"}

    def test_sentences_are_short_for_a_reading_age_of_9_to_11(self) -> None:
        texts = [q["text"] for q in QUESTIONNAIRE["questions"]]
        texts += [q["help"] for q in QUESTIONNAIRE["questions"]]
        long = [
            sentence
            for text in texts
            for sentence in re.split(r"(?<=[.?!])\s+", text)
            if len(sentence.split()) > 25
        ]
        assert long == []

    def test_the_income_bands_quote_the_2026_27_lower_earnings_limit(self) -> None:
        income = next(
            q for q in QUESTIONNAIRE["questions"] if q["id"] == "birthing_parent_income"
        )
        labels = {o["value"]: o["label"] for o in income["options"]}
        assert "£129 a week" in labels["under_lel"]
        assert "£60,000" in labels["60k_to_100k"]
        assert "£100,000" in labels["over_100k"]


def _broken(change: Any) -> dict[str, Any]:
    questionnaire = copy.deepcopy(QUESTIONNAIRE)
    change(questionnaire)
    return questionnaire


def _question(questionnaire: dict[str, Any], qid: str) -> dict[str, Any]:
    return next(q for q in questionnaire["questions"] if q["id"] == qid)


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        pytest.param(
            lambda q: _question(q, "benefits")["options"][0].update(value="uc"),
            "'benefits' options must be exactly",
            id="a-value-the-rules-read-is-renamed",
        ),
        pytest.param(
            lambda q: q["questions"].remove(_question(q, "area")),
            "'area' is read by the rules but missing",
            id="a-question-the-rules-read-is-dropped",
        ),
        pytest.param(
            lambda q: _question(q, "housing").update(type="multi"),
            "'housing' must be a single question about household",
            id="a-question-changes-type",
        ),
        pytest.param(
            lambda q: q["questions"].append(dict(_question(q, "area"))),
            "question ids repeat",
            id="duplicate-ids",
        ),
        pytest.param(
            lambda q: _question(q, "other_children_under_16").pop("max"),
            "needs whole-number min <= max",
            id="integer-without-max",
        ),
        pytest.param(
            lambda q: _question(q, "area").update(type="text"),
            "type must be one of",
            id="unknown-type",
        ),
        pytest.param(
            lambda q: _question(q, "area")["options"][0].update(exclusive=True),
            "only a multi question can have an exclusive option",
            id="exclusive-option-on-a-single",
        ),
        pytest.param(
            lambda q: _question(q, "skills").update(about="baby"),
            "about must be one of",
            id="unknown-about",
        ),
        pytest.param(
            lambda q: q.update(version="1"),
            "version must be",
            id="version-not-a-number",
        ),
    ],
)
def test_check_questionnaire_refuses_a_broken_or_drifted_file(
    change: Any, problem: str
) -> None:
    with pytest.raises(InvalidQuestionnaire) as caught:
        check_questionnaire(_broken(change))
    assert any(problem in p for p in caught.value.problems), caught.value.problems


def test_a_reworded_label_is_fine() -> None:
    check_questionnaire(
        _broken(lambda q: _question(q, "area")["options"][0].update(label="Hants"))
    )


class TestValidAnswers:
    def test_a_couple_is_accepted_and_comes_back_in_question_order(self) -> None:
        cleaned = validate_answers(QUESTIONNAIRE, dict(reversed(COUPLE.items())))
        assert cleaned == COUPLE
        assert list(cleaned) == [
            q["id"] for q in QUESTIONNAIRE["questions"] if q["id"] in COUPLE
        ]

    def test_a_one_adult_household_needs_no_partner_answers(self) -> None:
        assert validate_answers(QUESTIONNAIRE, SINGLE) == SINGLE

    def test_multi_answers_come_back_in_option_order(self) -> None:
        answers = COUPLE | {"money_worries": ["food", "debts"]}
        assert validate_answers(QUESTIONNAIRE, answers)["money_worries"] == [
            "debts",
            "food",
        ]

    def test_an_optional_question_may_be_null_or_left_out(self) -> None:
        answers = COUPLE | {"birthing_parent_under_18": None}
        assert "birthing_parent_under_18" not in validate_answers(
            QUESTIONNAIRE, answers
        )

    def test_the_matching_version_is_accepted(self) -> None:
        assert validate_answers(QUESTIONNAIRE, COUPLE, version=2) == COUPLE


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        pytest.param(
            {"pets": 2}, "pets", "There is no question", id="unknown-question"
        ),
        pytest.param(
            {"area": "wessex"},
            "area",
            "Choose one of: hampshire",
            id="option-not-listed",
        ),
        pytest.param({"area": 3}, "area", "Choose one of", id="single-given-a-number"),
        pytest.param(
            {"benefits": "universal_credit"},
            "benefits",
            "Give a list of options",
            id="multi-given-a-string",
        ),
        pytest.param(
            {"benefits": ["universal_credit", "dla"]},
            "benefits",
            "'dla' is not an option",
            id="multi-with-an-unknown-option",
        ),
        pytest.param(
            {"skills": ["english", "english"]},
            "skills",
            "each option only once",
            id="multi-with-a-repeat",
        ),
        pytest.param(
            {"money_worries": ["none", "debts"]},
            "money_worries",
            "'none' cannot be chosen with other options",
            id="none-with-something-else",
        ),
        pytest.param(
            {"benefits": []}, "benefits", "at least one option", id="multi-left-empty"
        ),
        pytest.param(
            {"birthing_parent_under_18": "yes"},
            "birthing_parent_under_18",
            "true or false",
            id="boolean-given-text",
        ),
        pytest.param(
            {"other_children_under_16": "2"},
            "other_children_under_16",
            "whole number",
            id="integer-given-text",
        ),
        pytest.param(
            {"other_children_under_16": True},
            "other_children_under_16",
            "whole number",
            id="integer-given-a-boolean",
        ),
        pytest.param(
            {"other_children_under_16": 1.5},
            "other_children_under_16",
            "whole number",
            id="integer-given-a-fraction",
        ),
        pytest.param(
            {"other_children_under_16": -1},
            "other_children_under_16",
            "from 0 to 20",
            id="integer-below-min",
        ),
        pytest.param(
            {"other_children_under_16": 21},
            "other_children_under_16",
            "from 0 to 20",
            id="integer-above-max",
        ),
        pytest.param(
            {"housing": None}, "housing", "needs an answer", id="required-answer-null"
        ),
    ],
)
def test_invalid_answers_name_the_field_and_say_why(
    change: dict[str, Any], field: str, message: str
) -> None:
    fields = _errors(COUPLE | change)
    assert list(fields) == [field]
    assert any(message in m for m in fields[field]), fields[field]


def test_a_missing_required_answer_is_named() -> None:
    answers = {k: v for k, v in COUPLE.items() if k != "skills"}
    assert _errors(answers) == {"skills": ["This question needs an answer."]}


def test_every_problem_is_reported_at_once_per_field() -> None:
    answers = COUPLE | {"area": "wessex", "other_children_under_16": 99, "pets": 1}
    del answers["housing"]
    assert set(_errors(answers)) == {
        "area",
        "other_children_under_16",
        "pets",
        "housing",
    }


def test_a_one_adult_household_refuses_partner_answers() -> None:
    answers = SINGLE | {"partner_work": "employed", "partner_income": "none"}
    fields = _errors(answers)
    assert set(fields) == {"partner_work", "partner_income"}
    assert fields["partner_work"] == [
        "Only answer this when two adults are bringing up the baby."
    ]


def test_a_two_adult_household_must_answer_the_partner_questions() -> None:
    answers = {k: v for k, v in COUPLE.items() if not k.startswith("partner_")}
    assert set(_errors(answers)) == {"partner_work", "partner_income"}


def test_without_a_household_answer_partner_answers_are_not_blamed() -> None:
    answers = {k: v for k, v in COUPLE.items() if k != "household_adults"}
    assert set(_errors(answers)) == {"household_adults"}


def test_answers_for_another_version_are_refused() -> None:
    fields = _errors(COUPLE, version=1)
    assert list(fields) == ["version"]
    assert "current version is 2" in fields["version"][0]


@pytest.mark.parametrize("answers", [[], "household_adults=two", None])
def test_answers_that_are_not_an_object_are_refused(answers: Any) -> None:
    assert list(_errors(answers)) == ["_schema"]
