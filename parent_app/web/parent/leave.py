"""The leave and pay check as question pages, its answer for each adult in plain
words, its dates as a calendar file, and saving it as the parent's leave plan. The
entitlements service does all the deciding."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Response, g, redirect, render_template, request, url_for

from parent_app import entitlements
from parent_app.domain.leave_pay.words import question as question_words
from parent_app.entitlements import plans
from parent_app.errors import AppError
from parent_app.extensions import db
from parent_app.families.babies import list_babies
from parent_app.models import BabyStatus
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc
from parent_app.web.parent.forms import ButtonForm, QuestionForm
from parent_app.web.parent.questions import (
    answers_so_far,
    forget_answers,
    keep_answer,
    next_step,
    step_before,
)
from parent_app.web.session import sign_in_required

JOURNEY = "leave_check"
YES_NO = [("yes", "Yes"), ("no", "No")]
STATUSES = [
    ("employee", "I work for an employer (an employee)"),
    ("worker", "I am a worker, for example agency or zero-hours work"),
    ("self_employed", "I am self-employed"),
    ("unemployed", "I am not working"),
]
WITH_EMPLOYER = ("employee", "worker")
YES_NO_ANSWERS = (
    "started_before_continuity_start",
    "still_working_on_continuity_end",
    "earned_more_than_lower_earnings_limit",
    "worked_at_least_26_weeks",
    "earned_at_least_390",
)
BOOLEAN = {"yes": True, "no": False}
ENTITLEMENT_NAMES = {
    "maternity_leave": "Maternity Leave",
    "maternity_pay": "Statutory Maternity Pay",
    "maternity_allowance": "Maternity Allowance",
    "maternity_allowance_14_weeks": "Maternity Allowance (14 weeks)",
    "paternity_leave": "Paternity Leave",
    "paternity_pay": "Statutory Paternity Pay",
    "shared_parental_leave": "Shared Parental Leave",
    "shared_parental_pay": "Statutory Shared Parental Pay",
}


def _other(role: str) -> str:
    return "partner" if role == "birthing_parent" else "birthing_parent"


def _people(user: Any, answers: dict[str, Any]) -> list[str]:
    me = user.role.value
    return [me, _other(me)] if answers.get("who") == "both" else [me]


def _steps(user: Any, answers: dict[str, Any], has_due_date: bool) -> list[str]:
    """The questions for these answers so far, in order."""
    steps = [] if has_due_date else ["due_date"]
    steps.append("who")
    for person in _people(user, answers):
        steps.append(f"{person}.employment_status")
        status = answers.get(f"{person}.employment_status")
        if status in WITH_EMPLOYER:
            steps += [
                f"{person}.started_before_continuity_start",
                f"{person}.still_working_on_continuity_end",
                f"{person}.earned_more_than_lower_earnings_limit",
            ]
        employer_no = any(
            answers.get(f"{person}.{name}") == "no"
            for name in (
                "started_before_continuity_start",
                "still_working_on_continuity_end",
                "earned_more_than_lower_earnings_limit",
            )
        )
        # Maternity Allowance's test matters only where Statutory Maternity Pay is
        # out of reach.
        if person == "birthing_parent" and (
            status is not None and (status not in WITH_EMPLOYER or employer_no)
        ):
            steps += [
                f"{person}.worked_at_least_26_weeks",
                f"{person}.earned_at_least_390",
            ]
    return steps


def _follow_up_steps(user: Any, answers: dict[str, Any]) -> list[str]:
    """Questions the answer page may ask after all (the check's `needs_answer`): any
    yes/no question about a parent being checked."""
    return [
        f"{person}.{name}"
        for person in _people(user, answers)
        if answers.get(f"{person}.employment_status")
        for name in YES_NO_ANSWERS
    ]


def _active_baby(user: Any) -> Any:
    babies = [
        b
        for b in db.session.scalars(list_babies(user))
        if b.status is not BabyStatus.LOST
    ]
    return babies[-1] if babies else None


def _due_date(baby: Any, answers: dict[str, Any]) -> date | None:
    if baby is not None:
        return baby.due_on or baby.born_on
    if answers.get("due_date"):
        return date.fromisoformat(answers["due_date"])
    return None


def _key_dates(due: date | None) -> dict[str, Any]:
    """The dates the questions are about (the rules work them out from the due
    date alone)."""
    if due is None:
        return {}
    try:
        check = entitlements.household_check({"due_date": due})
    except AppError:
        return {}
    return {**check["key_dates"], "lel": check["lower_earnings_limit"]}


def _question(step: str, me: str, dates: dict[str, Any]) -> dict[str, Any]:
    """Wording and options of one question, for the parent or their partner (the
    words of the yes/no questions come from the leave rules' one words module)."""
    if step == "due_date":
        return {"text": "When is the baby due?", "kind": "date", "noun": "the due date"}
    if step == "who":
        return {
            "text": "Who do you want to check?",
            "kind": "radios",
            "choices": [("me", "Just me"), ("both", "Me and my partner")],
            "error": "Select who you want to check",
        }
    person, name = step.split(".")
    you = person == me
    if name == "employment_status":
        text = "What is your work?" if you else "What is your partner's work?"
    elif "lel" not in dates:
        # No due date the rules can work with yet: nothing to date the question by.
        text = "Give the due date first."
    else:
        text = question_words(
            name,
            person,
            dates={k: v for k, v in dates.items() if isinstance(v, date)},
            lower_earnings_limit=dates["lel"],
            who="you" if you else "your partner",
        )
    texts = {name: text}
    options = STATUSES if name == "employment_status" else YES_NO
    if name == "employment_status" and not you:
        options = [
            (v, t.replace("I am", "They are").replace("I work", "They work"))
            for v, t in STATUSES
        ]
    hint = (
        "Count employed and self-employed work. The weeks do not have to be in a row."
        if name == "worked_at_least_26_weeks"
        else None
    )
    error = (
        "Select the kind of work" if name == "employment_status" else "Select yes or no"
    )
    return {
        "text": texts[name],
        "kind": "radios",
        "choices": options,
        "hint": hint,
        "error": error,
    }


@bp.route("/leave-check", methods=["GET", "POST"], endpoint="leave_start")
@sign_in_required("parent")
def leave_start():  # type: ignore[no-untyped-def]
    form = ButtonForm()
    if form.validate_on_submit():
        forget_answers(JOURNEY)
        return redirect(url_for("parent.leave_answer"))
    return render_template(
        "parent/leave_start.html", form=form, title="Check your leave and pay"
    )


@bp.route("/leave-check/q/<step>", methods=["GET", "POST"], endpoint="leave_question")
@sign_in_required("parent")
def leave_question(step: str):  # type: ignore[no-untyped-def]
    user = g.current_user
    answers = answers_so_far(JOURNEY)
    baby = _active_baby(user)
    steps = _steps(user, answers, has_due_date=baby is not None)
    if step not in steps and step not in _follow_up_steps(user, answers):
        return redirect(url_for("parent.leave_answer"))
    question = _question(step, user.role.value, _key_dates(_due_date(baby, answers)))
    form = QuestionForm(question)
    if step in answers and request.method == "GET":
        form.set_answer(answers[step])
    if form.validate_on_submit():
        keep_answer(JOURNEY, step, form.answer_value())
        answers = answers_so_far(JOURNEY)
        following = next_step(_steps(user, answers, baby is not None), answers)
        if following is None or request.args.get("change"):
            return redirect(url_for("parent.leave_answer"))
        return redirect(url_for("parent.leave_question", step=following))
    before = step_before(steps, step)
    return render_template(
        "parent/question.html",
        form=form,
        title=question["text"],
        question=question,
        back=url_for("parent.leave_question", step=before)
        if before
        else url_for("parent.leave_start"),
        nav="parent.leave_start",
        caption="Leave and pay check",
    )


def _check_request(user: Any, answers: dict[str, Any], due: date) -> dict[str, Any]:
    data: dict[str, Any] = {"due_date": due, "birthing_parent": None, "partner": None}
    for person in _people(user, answers):
        data[person] = {
            "employment_status": answers[f"{person}.employment_status"],
            # A question not asked is left out, never sent as "no": the check
            # says what it still needs (needs_answer).
            **{
                name: BOOLEAN.get(answers.get(f"{person}.{name}"))
                for name in YES_NO_ANSWERS
            },
        }
    return data


@bp.route("/leave-check/answer", endpoint="leave_answer")
@sign_in_required("parent")
def leave_answer():  # type: ignore[no-untyped-def]
    user = g.current_user
    answers = answers_so_far(JOURNEY)
    baby = _active_baby(user)
    steps = _steps(user, answers, has_due_date=baby is not None)
    missing = next_step(steps, answers)
    if missing is not None:
        return redirect(url_for("parent.leave_question", step=missing))
    due = _due_date(baby, answers)
    assert due is not None
    check = entitlements.household_check(_check_request(user, answers, due))
    dates = _key_dates(due)
    asked = steps + [
        step for step in _follow_up_steps(user, answers) if step in answers
    ]
    summary = [
        {
            "question": _question(step, user.role.value, dates)["text"],
            "answer": _answer_words(step, answers[step], user.role.value, dates),
            "href": url_for("parent.leave_question", step=step, change=1),
        }
        for step in dict.fromkeys(asked)
    ]
    still_to_ask = [
        {
            "question": _question(item["key"], user.role.value, dates)["text"],
            "href": url_for("parent.leave_question", step=item["key"], change=1),
            "for": [ENTITLEMENT_NAMES[n["entitlement"]] for n in item["needed_for"]],
        }
        for item in check["needs_answer"]
        if item["key"] in _follow_up_steps(user, answers)
    ]
    people = [
        {
            "role": person,
            "heading": "You" if person == user.role.value else "Your partner",
            "grants": [_with_rate(grant, due) for grant in check[person]["grants"]],
            "reasons": check[person]["reasons"],
        }
        for person in _people(user, answers)
    ]
    return render_template(
        "parent/leave_answer.html",
        title="Your leave and pay",
        check=check,
        people=people,
        names=ENTITLEMENT_NAMES,
        summary=summary,
        still_to_ask=still_to_ask,
        key_dates=check["dates"],
        baby=baby,
        form=ButtonForm(),
        saved=request.args.get("saved"),
        nav="parent.leave_start",
    )


def _with_rate(grant: dict[str, Any], due: date) -> dict[str, Any]:
    """A pay grant with the weekly flat rate in force when it starts (the amount
    itself depends on earnings the check does not ask for)."""
    is_pay = grant["entitlement"].endswith("_pay") or grant["entitlement"].startswith(
        "maternity_allowance"
    )
    if not is_pay or grant.get("weekly_amount"):
        return grant
    try:
        rate = entitlements.rates_on(grant.get("starts_from") or due)["flat_rate"]
    except AppError:
        return grant
    return {**grant, "flat_rate": rate}


def _answer_words(step: str, value: Any, me: str, dates: dict[str, Any]) -> str:
    if step == "due_date":
        on = date.fromisoformat(value)
        return f"{on.day} {on:%B %Y}"
    options = dict(_question(step, me, dates).get("choices") or [])
    return str(options.get(value, value))


def _plan_inputs(user: Any, answers: dict[str, Any]) -> dict[str, Any]:
    """The parent's own answers as a leave calculation for their saved plan."""
    me = user.role.value
    works = answers.get(f"{me}.employment_status") in WITH_EMPLOYER
    return {
        "leave_type": "maternity" if me == "birthing_parent" else "paternity",
        "employed_by_continuity_start": works
        and answers.get(f"{me}.started_before_continuity_start") == "yes",
        "still_employed_on_birth_date": works
        and answers.get(f"{me}.still_working_on_continuity_end") == "yes",
    }


@bp.route("/leave-check/save", methods=["POST"], endpoint="leave_save")
@sign_in_required("parent")
def leave_save():  # type: ignore[no-untyped-def]
    user = g.current_user
    baby = _active_baby(user)
    answers = answers_so_far(JOURNEY)
    if baby is None or f"{user.role.value}.employment_status" not in answers:
        return redirect(url_for("parent.leave_answer"))
    plans.save_leave_plan(user, baby.id, _plan_inputs(user, answers), now=now_utc())
    db.session.commit()
    return redirect(url_for("parent.leave_answer", saved=1))


@bp.route("/leave-check/dates.ics", endpoint="leave_calendar")
@sign_in_required("parent")
def leave_calendar():  # type: ignore[no-untyped-def]
    baby = _active_baby(g.current_user)
    if baby is None:
        return redirect(url_for("parent.leave_answer"))
    body = plans.leave_dates_file(g.current_user, baby.id, now=now_utc())
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": 'attachment; filename="leave-dates.ics"'},
    )
