"""The money and skills check (the finance review) as question pages, then the
family's action plan with deadlines and "done" ticks. The finance service checks
the answers and makes the plan."""

from __future__ import annotations

from typing import Any

from flask import g, redirect, render_template, request, url_for

from parent_app.domain.safeguarding import domestic_abuse_signpost
from parent_app.errors import AppError, NotFound
from parent_app.extensions import db
from parent_app.finance import review as reviews
from parent_app.models import User
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc, today_for
from parent_app.web.parent.forms import ButtonForm, QuestionForm
from parent_app.web.parent.questions import (
    answers_so_far,
    forget_answers,
    keep_answer,
    step_before,
)
from parent_app.web.session import sign_in_required

JOURNEY = "money_check"
KINDS = {"single": "radios", "boolean": "radios", "integer": "number"}
FOR_WHOM = {"birthing_parent": "The birthing parent", "partner": "The partner"}


def _questions() -> list[dict[str, Any]]:
    return list(reviews.load_questionnaire()["questions"])


def _steps(answers: dict[str, Any]) -> list[str]:
    """Every question, the partner's only when two adults bring up the baby."""
    return [
        q["id"]
        for q in _questions()
        if q["about"] != "partner" or answers.get("household_adults") == "two"
    ]


def _question(qid: str) -> dict[str, Any]:
    found = next((q for q in _questions() if q["id"] == qid), None)
    if found is None:
        raise NotFound("No such question.")
    kind = KINDS.get(found["type"], "checkboxes")
    options = [(o["value"], o["label"]) for o in found.get("options", [])]
    if found["type"] == "boolean":
        options = [("yes", "Yes"), ("no", "No")]
    return {
        "text": found["text"],
        "hint": found.get("help"),
        "kind": kind,
        "choices": options,
        "required": bool(found.get("required")),
        "min": found.get("min", 0),
        "max": found.get("max", 99),
        "error": "Enter a number"
        if kind == "number"
        else "Select all that apply"
        if kind == "checkboxes"
        else "Select an answer",
    }


def _next_unanswered(answers: dict[str, Any]) -> str | None:
    return next((s for s in _steps(answers) if s not in answers), None)


def _signpost(user: User) -> dict[str, Any]:
    """Domestic abuse help, with the local service of the family's area."""
    area = user.household.area_id if user.household else None
    return domestic_abuse_signpost(area or user.area_id)


@bp.route("/money-check", methods=["GET", "POST"], endpoint="money_start")
@sign_in_required("parent")
def money_start():  # type: ignore[no-untyped-def]
    form = ButtonForm()
    if form.validate_on_submit():
        forget_answers(JOURNEY)
        first = _steps({})[0]
        return redirect(url_for("parent.money_question", qid=first))
    questionnaire = reviews.load_questionnaire()
    return render_template(
        "parent/money_start.html",
        form=form,
        title=questionnaire["title"],
        intro=questionnaire["intro"],
        has_plan=reviews.find_latest_review(g.current_user) is not None,
        signpost=_signpost(g.current_user),
    )


@bp.route("/money-check/q/<qid>", methods=["GET", "POST"], endpoint="money_question")
@sign_in_required("parent")
def money_question(qid: str):  # type: ignore[no-untyped-def]
    answers = answers_so_far(JOURNEY)
    steps = _steps(answers)
    if qid not in steps:
        return redirect(url_for("parent.money_start"))
    question = _question(qid)
    form = QuestionForm(question)
    if request.method == "GET" and qid in answers:
        form.set_answer(answers[qid])
    if form.validate_on_submit():
        keep_answer(JOURNEY, qid, form.answer_value())
        following = _next_unanswered(answers_so_far(JOURNEY))
        if following is None or request.args.get("change"):
            return redirect(url_for("parent.money_answers"))
        return redirect(url_for("parent.money_question", qid=following))
    before = step_before(steps, qid)
    return render_template(
        "parent/question.html",
        form=form,
        title=question["text"],
        back=url_for("parent.money_question", qid=before)
        if before
        else url_for("parent.money_start"),
        caption="Money and skills check",
        nav="parent.money_start",
    )


def _submitted(answers: dict[str, Any]) -> dict[str, Any]:
    """The answers as the finance service reads them: yes/no as booleans, skipped
    optional questions left out."""
    types = {q["id"]: q["type"] for q in _questions()}
    steps = set(_steps(answers))
    out: dict[str, Any] = {}
    for qid, value in answers.items():
        if qid not in steps or value is None:
            continue
        out[qid] = value == "yes" if types.get(qid) == "boolean" else value
    return out


@bp.route("/money-check/answers", methods=["GET", "POST"], endpoint="money_answers")
@sign_in_required("parent")
def money_answers():  # type: ignore[no-untyped-def]
    answers = answers_so_far(JOURNEY)
    missing = _next_unanswered(answers)
    if missing is not None:
        return redirect(url_for("parent.money_question", qid=missing))
    form = ButtonForm()
    problems: dict[str, Any] = {}
    if form.validate_on_submit():
        try:
            reviews.submit_review(
                g.current_user,
                answers=_submitted(answers),
                version=None,
                baby_id=None,
                today=today_for(g.current_user),
                now=now_utc(),
            )
        except AppError as error:
            db.session.rollback()
            problems = error.fields or {"": [error.message]}
        else:
            db.session.commit()
            forget_answers(JOURNEY)
            return redirect(url_for("parent.money_plan"))
    rows = []
    for qid in _steps(answers):
        question = _question(qid)
        labels = dict(question["choices"])
        value = answers.get(qid)
        if isinstance(value, list):
            words = ", ".join(str(labels.get(v, v)) for v in value)
        elif value is None:
            words = "Not answered"
        else:
            words = str(labels.get(value, value))
        rows.append(
            {
                "question": question["text"],
                "answer": words,
                "href": url_for("parent.money_question", qid=qid, change=1),
                "problem": "; ".join(problems.get(qid, [])),
            }
        )
    return render_template(
        "parent/money_answers.html",
        form=form,
        title="Check your answers",
        rows=rows,
        problems=problems,
        nav="parent.money_start",
    )


@bp.route("/money-check/plan", endpoint="money_plan")
@sign_in_required("parent")
def money_plan():  # type: ignore[no-untyped-def]
    review = reviews.find_latest_review(g.current_user)
    if review is None:
        return redirect(url_for("parent.money_start"))
    actions = sorted(review.actions, key=lambda a: (a.done_at is not None, a.priority))
    return render_template(
        "parent/money_plan.html",
        title="Your money plan",
        review=review,
        actions=actions,
        for_whom=FOR_WHOM,
        nav="parent.money_start",
        signpost=_signpost(g.current_user),
    )


@bp.route(
    "/money-check/actions/<int:action_id>/done", methods=["POST"], endpoint="money_done"
)
@sign_in_required("parent")
def money_done(action_id: int):  # type: ignore[no-untyped-def]
    reviews.mark_action_done(g.current_user, action_id, now=now_utc())
    db.session.commit()
    return redirect(url_for("parent.money_plan", _anchor=f"action-{action_id}"))
