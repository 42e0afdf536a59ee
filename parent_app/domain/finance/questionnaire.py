"""The finance review questionnaire: checking the file, and a parent's answers to it.

The questionnaire is data (parent_app/finance/questionnaire.json), versioned; shape:
{"version": int, "questions": [{"id", "text", "help", "type", "options", "min", "max",
"required", "about"}]}. `type` is single | multi | boolean | integer; single and multi
have `options` [{"value", "label"}] (a multi option may be `"exclusive": true`, like
"none of these"); integer has `min` and `max`. Questions `about` the partner apply only
when the household has two adults (household_adults = "two").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from parent_app.domain.finance.household import RULE_QUESTIONS

QUESTION_TYPES = ("single", "multi", "boolean", "integer")
ABOUT = ("household", "birthing_parent", "partner")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class InvalidQuestionnaire(ValueError):
    """A questionnaire that is malformed or no longer matches what the rules read."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class InvalidAnswers(ValueError):
    """Answers that do not fit the questionnaire; `fields` maps a question id to its
    messages.
    """

    def __init__(self, fields: dict[str, list[str]]) -> None:
        super().__init__(f"invalid answers: {', '.join(sorted(fields))}")
        self.fields = fields


def _question_problems(question: Any, position: int) -> list[str]:
    if not isinstance(question, dict):
        return [f"question {position} is not an object"]
    qid = question.get("id")
    name = f"question {qid!r}" if isinstance(qid, str) else f"question {position}"
    problems = []
    if not isinstance(qid, str) or not ID_PATTERN.match(qid):
        problems.append(f"{name}: id must be lower_snake_case")
    if not isinstance(question.get("text"), str) or not question["text"].strip():
        problems.append(f"{name}: text is missing")
    if not isinstance(question.get("help", ""), str):
        problems.append(f"{name}: help must be text")
    if not isinstance(question.get("required"), bool):
        problems.append(f"{name}: required must be true or false")
    if question.get("about") not in ABOUT:
        problems.append(f"{name}: about must be one of {', '.join(ABOUT)}")
    kind = question.get("type")
    if kind not in QUESTION_TYPES:
        problems.append(f"{name}: type must be one of {', '.join(QUESTION_TYPES)}")
    elif kind in ("single", "multi"):
        options = question.get("options")
        if not isinstance(options, list) or not options:
            return [*problems, f"{name}: options are missing"]
        values = [o.get("value") if isinstance(o, dict) else None for o in options]
        if not all(isinstance(v, str) and v for v in values):
            problems.append(f"{name}: every option needs a value")
        if len(set(map(str, values))) != len(values):
            problems.append(f"{name}: option values repeat")
        if not all(
            isinstance(o, dict) and isinstance(o.get("label"), str) for o in options
        ):
            problems.append(f"{name}: every option needs a label")
        if kind == "single" and any(
            o.get("exclusive") for o in options if isinstance(o, dict)
        ):
            problems.append(
                f"{name}: only a multi question can have an exclusive option"
            )
    elif kind == "integer":
        low, high = question.get("min"), question.get("max")
        if not (isinstance(low, int) and isinstance(high, int) and low <= high):
            problems.append(
                f"{name}: an integer question needs whole-number min <= max"
            )
    return problems


def _contract_problems(by_id: Mapping[str, Mapping[str, Any]]) -> list[str]:
    problems = []
    for qid, (kind, values, about) in RULE_QUESTIONS.items():
        question = by_id.get(qid)
        if question is None:
            problems.append(f"question {qid!r} is read by the rules but missing")
            continue
        if question.get("type") != kind or question.get("about") != about:
            problems.append(f"question {qid!r} must be a {kind} question about {about}")
        if values is not None:
            found = tuple(o.get("value") for o in question.get("options", []))
            if set(found) != set(values):
                problems.append(
                    f"question {qid!r} options must be exactly: {', '.join(values)}"
                )
    return problems


def check_questionnaire(questionnaire: Any) -> None:
    """Raise InvalidQuestionnaire unless the file is well formed and matches
    RULE_QUESTIONS.
    """
    if not isinstance(questionnaire, dict):
        raise InvalidQuestionnaire(["the questionnaire must be an object"])
    problems = []
    version = questionnaire.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        problems.append("version must be a whole number from 1")
    questions = questionnaire.get("questions")
    if not isinstance(questions, list) or not questions:
        raise InvalidQuestionnaire([*problems, "questions are missing"])
    for position, question in enumerate(questions):
        problems.extend(_question_problems(question, position))
    ids = [q.get("id") for q in questions if isinstance(q, dict)]
    if len(set(map(str, ids))) != len(ids):
        problems.append("question ids repeat")
    if not problems:
        problems.extend(_contract_problems({q["id"]: q for q in questions}))
    if problems:
        raise InvalidQuestionnaire(problems)


def _option_list(question: Mapping[str, Any]) -> str:
    return ", ".join(o["value"] for o in question["options"])


def _answer_problems(question: Mapping[str, Any], value: Any) -> tuple[Any, list[str]]:
    """The cleaned answer and the messages for one answered question."""
    kind = question["type"]
    if kind == "boolean":
        return value, [] if isinstance(value, bool) else ["Answer true or false."]
    if kind == "integer":
        if not isinstance(value, int) or isinstance(value, bool):
            return value, ["Give a whole number."]
        low, high = question["min"], question["max"]
        if not low <= value <= high:
            return value, [f"Give a number from {low} to {high}."]
        return value, []
    allowed = [o["value"] for o in question["options"]]
    if kind == "single":
        if not isinstance(value, str) or value not in allowed:
            return value, [f"Choose one of: {_option_list(question)}."]
        return value, []
    if not isinstance(value, list):
        return value, [f"Give a list of options from: {_option_list(question)}."]
    messages = [
        f"{item!r} is not an option. Choose from: {_option_list(question)}."
        for item in value
        if not isinstance(item, str) or item not in allowed
    ]
    if messages:
        return value, messages
    if len(set(value)) != len(value):
        messages.append("Choose each option only once.")
    exclusive = [o["value"] for o in question["options"] if o.get("exclusive")]
    for item in value:
        if item in exclusive and len(value) > 1:
            messages.append(f"{item!r} cannot be chosen with other options.")
    if not value:
        messages.append("Choose at least one option.")
    return [v for v in allowed if v in value], messages


def validate_answers(
    questionnaire: Mapping[str, Any],
    answers: Any,
    *,
    version: int | None = None,
) -> dict[str, Any]:
    """The answers, checked against the questionnaire and cleaned.

    The result holds only answered questions, in questionnaire order, with multi answers
    in option order; a null answer counts as not answered. Raises InvalidAnswers whose
    `fields` maps each question id (or "version", or "_schema" for answers that are not
    an object) to plain-English messages: unknown question, wrong type, option not in
    the list, number out of range, required answer missing, partner answers for a
    one-adult household, answers written for another questionnaire version.
    """
    if version is not None and version != questionnaire["version"]:
        raise InvalidAnswers(
            {
                "version": [
                    f"These answers are for version {version} of the questions, but "
                    f"the current version is {questionnaire['version']}. Load the "
                    "questions again."
                ]
            }
        )
    if not isinstance(answers, Mapping):
        raise InvalidAnswers(
            {"_schema": ["Send the answers as an object of question ids."]}
        )
    questions = {q["id"]: q for q in questionnaire["questions"]}
    fields: dict[str, list[str]] = {
        str(key): ["There is no question with this id."]
        for key in answers
        if key not in questions
    }
    has_partner = answers.get("household_adults") == "two"
    adults_known = answers.get("household_adults") in ("one", "two")
    cleaned: dict[str, Any] = {}
    for qid, question in questions.items():
        value = answers.get(qid)
        applies = question["about"] != "partner" or has_partner
        if value is None:
            if question["required"] and applies:
                fields[qid] = ["This question needs an answer."]
            continue
        if not applies and adults_known:
            fields[qid] = ["Only answer this when two adults are bringing up the baby."]
            continue
        cleaned_value, messages = _answer_problems(question, value)
        if messages:
            fields[qid] = messages
        else:
            cleaned[qid] = cleaned_value
    if fields:
        raise InvalidAnswers(fields)
    return cleaned
