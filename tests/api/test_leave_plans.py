"""Saved leave plans per adult and baby, their deadline nudges, and the leave-dates
calendar: the dates follow the baby, each adult sees only their own plan."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
from icalendar import Calendar
from sqlalchemy import select

from tests.api.test_privacy import _personal_rows
from tests.factories import PASSWORD, add_baby, assert_error, make_parent, make_staff

TODAY = date.today()
DAY = timedelta(days=1)

MATERNITY_SUMMARIES = {
    "notice_deadline": "Tell your employer about your maternity leave",
    "earliest_leave_start": "Maternity leave can start from today",
    "claim_pay_by": "Claim Statutory Maternity Pay",
    "ma_claim_from": "You can claim Maternity Allowance from today",
}
PATERNITY_SUMMARIES = {
    "notice_deadline": "Tell your employer about your paternity leave",
    "claim_pay_by": "Claim Statutory Paternity Pay",
    "paternity_take_by": "Last day to take paternity leave",
}


def wednesday_after(day: date) -> date:
    return day + timedelta(days=(2 - day.weekday()) % 7)


def maternity_dates(due: date, leave_start: date | None = None) -> dict[str, date]:
    """Worked out by hand from the rules (leave-and-pay-rules.md §1, §5, §10), for a
    due date on a Wednesday: the expected week starts on the Sunday 3 days before."""
    assert due.weekday() == 2
    expected_week_start = due - 3 * DAY
    return {
        # The Saturday ending the 15th week before the expected week.
        "notice_deadline": expected_week_start - timedelta(weeks=15) + 6 * DAY,
        # The Sunday starting the 11th week before the expected week.
        "earliest_leave_start": expected_week_start - timedelta(weeks=11),
        # 28 days before the pay (and leave) starts: the due date by default.
        "claim_pay_by": (leave_start or due) - 28 * DAY,
        # 26 weeks pregnant: 14 weeks before the due date.
        "ma_claim_from": due - timedelta(weeks=14),
    }


def paternity_dates(due: date, birth: date | None = None) -> dict[str, date]:
    """Great Britain, due after the 2026 notice grace: notice by the end of the
    qualifying week, pay claimed 28 days before leave (from the later of due date and
    birth), leave taken within 52 weeks (364 days) of the later of the two."""
    anchor = max(due, birth) if birth else due
    return {
        "notice_deadline": due - 3 * DAY - timedelta(weeks=15) + 6 * DAY,
        "claim_pay_by": anchor - 28 * DAY,
        "paternity_take_by": anchor + 364 * DAY,
    }


def plan_url(baby: dict[str, Any]) -> str:
    return f"/api/v1/babies/{baby['id']}/leave-plan"


def ics_url(baby: dict[str, Any]) -> str:
    return f"/api/v1/babies/{baby['id']}/leave-dates.ics"


def join(client: Any, host: dict[str, Any], partner: dict[str, Any]) -> None:
    code = client.post("/api/v1/family/invites", headers=host["headers"]).get_json()[
        "code"
    ]
    response = client.post(
        "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
    )
    assert response.status_code in (200, 201), response.get_json()


@pytest.fixture
def family(client):  # type: ignore[no-untyped-def]
    """A birthing parent and a partner in one household, the baby due on a Wednesday
    about 30 weeks from now (every deadline still ahead)."""
    mum = make_parent(client)
    due = wednesday_after(TODAY + timedelta(weeks=30))
    baby = add_baby(client, mum, due_date=due)
    partner = make_parent(client, role="partner")
    join(client, mum, partner)
    return mum, partner, baby, due


def leave_nudges(
    app: Any, baby: dict[str, Any], user: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The outbox rows of a baby's leave plans, by deadline name (for one adult)."""
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    query = select(NudgeOutbox).where(NudgeOutbox.key.like(f"p:leave:{baby['id']}:%"))
    if user is not None:
        query = query.where(NudgeOutbox.user_id == user["user"]["id"])
    with app.app_context():
        return {
            row.key.split(":")[3]: {
                "status": row.status.value,
                "due_day": row.due_day,
                "title": row.title,
                "body": row.body,
                "topic": row.topic,
                "baby_id": row.baby_id,
                "user_id": row.user_id,
            }
            for row in db.session.scalars(query)
        }


def day(on: date) -> int:
    from parent_app.domain.daynum import to_day

    return to_day(on)


def events(response: Any) -> dict[str, tuple[date, str]]:
    assert response.status_code == 200, response.get_data(as_text=True)
    assert response.mimetype == "text/calendar"
    assert "leave-dates.ics" in response.headers["Content-Disposition"]
    return {
        str(event["SUMMARY"]): (event.decoded("DTSTART"), str(event["UID"]))
        for event in Calendar.from_ical(response.data).walk("VEVENT")
    }


# --- save, read, replace, delete ---------------------------------------------------


def test_save_gives_the_calculation_for_the_babys_due_date(client, family):
    mum, _, baby, due = family
    response = client.put(
        plan_url(baby),
        json={"leave_type": "maternity", "earnings": {"average_weekly": "500"}},
        headers=mum["headers"],
    )
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    assert set(body) == {"baby_id", "inputs", "result", "saved_at", "ignored_inputs"}
    assert body["baby_id"] == baby["id"] and body["ignored_inputs"] == []
    assert body["inputs"]["leave_type"] == "maternity"
    assert body["inputs"]["earnings"] == {"average_weekly": "500"}
    assert "due_date" not in body["inputs"]
    assert body["saved_at"].endswith("Z")
    calculated = client.post(
        "/api/v1/entitlements/calculate",
        json={
            "leave_type": "maternity",
            "due_date": due.isoformat(),
            "earnings": {"average_weekly": "500"},
        },
    ).get_json()
    assert body["result"] == calculated
    expected = maternity_dates(due)
    assert (
        body["result"]["key_dates"]["notice_deadline"]
        == expected["notice_deadline"].isoformat()
    )
    assert body["result"]["pay"]["eligible"] is True
    assert client.get(plan_url(baby), headers=mum["headers"]).get_json() == body


def test_no_plan_saved_is_a_404(client, family):
    mum, _, baby, _ = family
    assert_error(client.get(plan_url(baby), headers=mum["headers"]), 404, "not_found")
    assert_error(
        client.delete(plan_url(baby), headers=mum["headers"]), 404, "not_found"
    )


def test_saving_again_replaces_the_plan(client, family):
    mum, _, baby, due = family
    first = client.put(
        plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"]
    )
    leave_start = due - timedelta(weeks=2)
    second = client.put(
        plan_url(baby),
        json={"leave_type": "maternity", "leave_start": leave_start.isoformat()},
        headers=mum["headers"],
    )
    assert first.status_code == second.status_code == 200
    body = client.get(plan_url(baby), headers=mum["headers"]).get_json()
    assert body["inputs"]["leave_start"] == leave_start.isoformat()
    assert body["result"]["key_dates"]["leave_start"] == leave_start.isoformat()
    assert body["saved_at"] >= first.get_json()["saved_at"]


def test_delete_removes_the_plan(client, family):
    mum, _, baby, _ = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    response = client.delete(plan_url(baby), headers=mum["headers"])
    assert response.status_code == 204
    assert_error(client.get(plan_url(baby), headers=mum["headers"]), 404)


# --- whose plan ----------------------------------------------------------------------


def test_another_familys_baby_is_a_404_for_every_action(client, family):
    mum, _, baby, _ = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    stranger = make_parent(client)
    h = stranger["headers"]
    assert_error(client.get(plan_url(baby), headers=h), 404)
    assert_error(
        client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=h), 404
    )
    assert_error(client.delete(plan_url(baby), headers=h), 404)
    assert_error(client.get(ics_url(baby), headers=h), 404)
    assert_error(
        client.get("/api/v1/babies/999999/leave-plan", headers=mum["headers"]), 404
    )
    assert client.get(plan_url(baby), headers=mum["headers"]).status_code == 200


def test_sign_in_needed_and_staff_are_refused(client, app, family):
    _, _, baby, _ = family
    assert_error(client.get(plan_url(baby)), 401)
    assert_error(client.get(ics_url(baby)), 401)
    staff = make_staff(app, client, role="editor")
    assert_error(client.get(plan_url(baby), headers=staff["headers"]), 403)
    assert_error(
        client.put(
            plan_url(baby), json={"leave_type": "maternity"}, headers=staff["headers"]
        ),
        403,
    )
    assert_error(client.get(ics_url(baby), headers=staff["headers"]), 403)


def test_partner_saves_their_own_plan_beside_the_birthing_parents(client, app, family):
    mum, partner, baby, due = family
    client.put(
        plan_url(baby),
        json={"leave_type": "maternity", "earnings": {"average_weekly": 400}},
        headers=mum["headers"],
    )
    assert_error(client.get(plan_url(baby), headers=partner["headers"]), 404)
    saved = client.put(
        plan_url(baby),
        json={"leave_type": "paternity", "paternity_leave_weeks": 1},
        headers=partner["headers"],
    )
    assert saved.status_code == 200, saved.get_json()
    mine = client.get(plan_url(baby), headers=mum["headers"]).get_json()
    theirs = client.get(plan_url(baby), headers=partner["headers"]).get_json()
    assert mine["inputs"]["leave_type"] == "maternity"
    assert mine["inputs"]["earnings"] == {"average_weekly": "400"}
    assert theirs["inputs"]["leave_type"] == "paternity"
    assert "earnings" not in theirs["inputs"]
    assert (
        theirs["result"]["key_dates"]["paternity_take_by"]
        == paternity_dates(due)["paternity_take_by"].isoformat()
    )
    # Statutory Maternity Pay is certain, so no Maternity Allowance reminder.
    assert set(leave_nudges(app, baby, mum)) == set(MATERNITY_SUMMARIES) - {
        "ma_claim_from"
    }
    assert set(leave_nudges(app, baby, partner)) == set(PATERNITY_SUMMARIES)
    assert client.delete(plan_url(baby), headers=partner["headers"]).status_code == 204
    assert client.get(plan_url(baby), headers=mum["headers"]).get_json() == mine
    assert {n["status"] for n in leave_nudges(app, baby, mum).values()} == {"pending"}


def test_the_export_holds_my_plan_and_not_my_partners(client, family):
    mum, partner, baby, _ = family
    client.put(
        plan_url(baby),
        json={"leave_type": "maternity", "earnings": {"average_weekly": 612}},
        headers=mum["headers"],
    )
    client.put(
        plan_url(baby),
        json={"leave_type": "paternity", "earnings": {"average_weekly": 777}},
        headers=partner["headers"],
    )
    exported = client.get("/api/v1/me/export", headers=mum["headers"]).get_json()
    [plan] = exported["leave_plans"]
    assert plan["inputs"]["earnings"] == {"average_weekly": "612"}
    # The partner's earnings appear nowhere, as the amount itself (timestamps and ids
    # may contain the digits 777 by chance, so look for the value, not the digits).
    assert not re.search(r'"777(\.0+)?"|\b777(\.0+)?[,}\]]', json.dumps(exported))


def test_erasing_the_account_leaves_no_leave_plan(client, app, family):
    mum, partner, baby, _ = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    client.put(
        plan_url(baby), json={"leave_type": "paternity"}, headers=partner["headers"]
    )
    user_id = mum["user"]["id"]
    # The household stays for the partner: look for rows about the user only.
    assert "leave_plans.user_id" in _personal_rows(app, user_id, -1, mum["email"])
    response = client.delete(
        "/api/v1/me", json={"password": PASSWORD}, headers=mum["headers"]
    )
    assert response.status_code == 204
    assert _personal_rows(app, user_id, -1, mum["email"]) == []
    assert client.get(plan_url(baby), headers=partner["headers"]).status_code == 200
    assert set(leave_nudges(app, baby)) == set(PATERNITY_SUMMARIES)


def test_deleting_the_baby_takes_every_plan_with_it(client, app, family):
    from parent_app.extensions import db
    from parent_app.models.leave_plans import LeavePlan

    mum, partner, baby, _ = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    client.put(
        plan_url(baby), json={"leave_type": "paternity"}, headers=partner["headers"]
    )
    assert (
        client.delete(
            f"/api/v1/babies/{baby['id']}", headers=mum["headers"]
        ).status_code
        == 204
    )
    with app.app_context():
        assert db.session.scalars(select(LeavePlan)).all() == []
    assert leave_nudges(app, baby) == {}


# --- bad input -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "leave_type"),
        ({"leave_type": "adoption"}, "leave_type"),
        ({"leave_type": "maternity", "due_date": "2027-01-01"}, "due_date"),
        ({"leave_type": "paternity", "date_of_birth": "2027-01-01"}, "date_of_birth"),
        ({"leave_type": "maternity", "leave_start": "2027-02-30"}, "leave_start"),
        ({"leave_type": "maternity", "earnings": {"average_weekly": -5}}, "earnings"),
        (
            {"leave_type": "maternity", "earnings": {"average_weekly": "lots"}},
            "earnings",
        ),
        (
            {
                "leave_type": "maternity",
                "earnings": {"total_in_relevant_period": 900, "pay_pattern": "hourly"},
            },
            "earnings",
        ),
        (
            {"leave_type": "paternity", "paternity_leave_weeks": 3},
            "paternity_leave_weeks",
        ),
        ({"leave_type": "maternity", "colour": "blue"}, "colour"),
    ],
)
def test_bad_input_is_a_422_and_nothing_is_stored(client, app, family, body, field):
    mum, _, baby, _ = family
    error = assert_error(
        client.put(plan_url(baby), json=body, headers=mum["headers"]), 422
    )
    assert any(k == field or k.startswith(f"{field}.") for k in error["fields"])
    assert_error(client.get(plan_url(baby), headers=mum["headers"]), 404)
    assert leave_nudges(app, baby) == {}


def test_a_leave_start_the_rules_refuse_is_a_422_and_the_saved_plan_stays(
    client, app, family
):
    mum, _, baby, due = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    before = client.get(plan_url(baby), headers=mum["headers"]).get_json()
    nudges = leave_nudges(app, baby)
    too_early = maternity_dates(due)["earliest_leave_start"] - DAY
    error = assert_error(
        client.put(
            plan_url(baby),
            json={"leave_type": "maternity", "leave_start": too_early.isoformat()},
            headers=mum["headers"],
        ),
        422,
        "validation_failed",
    )
    assert "leave_start" in error["fields"]
    assert client.get(plan_url(baby), headers=mum["headers"]).get_json() == before
    assert leave_nudges(app, baby) == nudges


def test_a_body_that_is_not_an_object_is_a_422(client, family):
    mum, _, baby, _ = family
    assert_error(
        client.put(plan_url(baby), json=["maternity"], headers=mum["headers"]), 422
    )


# --- nudges --------------------------------------------------------------------------


def test_saving_queues_a_nudge_two_weeks_before_each_deadline(client, app, family):
    mum, _, baby, due = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    nudges = leave_nudges(app, baby)
    expected = maternity_dates(due)
    assert set(nudges) == set(expected)
    for name, deadline in expected.items():
        nudge = nudges[name]
        assert nudge["due_day"] == day(deadline - timedelta(days=14)), name
        assert (nudge["status"], nudge["topic"]) == ("pending", "leave-and-pay")
        assert (nudge["baby_id"], nudge["user_id"]) == (baby["id"], mum["user"]["id"])
    notice = nudges["notice_deadline"]
    assert notice["title"] == "Tell your employer about your maternity leave"
    assert (
        f"{expected['notice_deadline'].day} {expected['notice_deadline']:%B %Y}"
        in notice["body"]
    )
    assert "GOV.UK" in notice["body"]


def test_deadlines_already_past_get_no_nudge(client, app):
    mum = make_parent(client)
    due = TODAY + timedelta(weeks=10)
    baby = add_baby(client, mum, due_date=due)
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    # Notice (~14.6 weeks before), Maternity Allowance (14 weeks) and the earliest
    # leave start (~11 weeks) have passed; claiming pay 4 weeks before has not.
    nudges = leave_nudges(app, baby)
    assert set(nudges) == {"claim_pay_by"}
    assert nudges["claim_pay_by"]["due_day"] == day(due - timedelta(days=28 + 14))


def test_a_deadline_less_than_two_weeks_away_is_nudged_at_once(client, app):
    mum = make_parent(client)
    due = TODAY + timedelta(weeks=5)
    baby = add_baby(client, mum, due_date=due)
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    nudges = leave_nudges(app, baby)
    assert set(nudges) == {"claim_pay_by"}
    assert nudges["claim_pay_by"]["due_day"] in (day(TODAY), day(TODAY + DAY))


def test_saving_again_replaces_the_nudges(client, app, family):
    mum, _, baby, due = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    leave_start = due - timedelta(weeks=3)
    client.put(
        plan_url(baby),
        json={"leave_type": "maternity", "leave_start": leave_start.isoformat()},
        headers=mum["headers"],
    )
    nudges = leave_nudges(app, baby)
    assert set(nudges) == set(MATERNITY_SUMMARIES)
    assert nudges["claim_pay_by"]["due_day"] == day(
        leave_start - timedelta(days=28 + 14)
    )
    # Earnings below the lower earnings limit: no pay to claim, so no reminder for it.
    client.put(
        plan_url(baby),
        json={"leave_type": "maternity", "earnings": {"average_weekly": 50}},
        headers=mum["headers"],
    )
    nudges = leave_nudges(app, baby)
    assert set(nudges) == {"notice_deadline", "earliest_leave_start", "ma_claim_from"}
    assert {n["status"] for n in nudges.values()} == {"pending"}


def test_deleting_the_plan_cancels_its_nudges_and_saving_again_queues_them(
    client, app, family
):
    mum, _, baby, _ = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    client.delete(plan_url(baby), headers=mum["headers"])
    nudges = leave_nudges(app, baby)
    assert set(nudges) == set(MATERNITY_SUMMARIES)
    assert {n["status"] for n in nudges.values()} == {"cancelled"}
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    assert {n["status"] for n in leave_nudges(app, baby).values()} == {"pending"}


def test_a_sent_nudge_is_not_sent_again_when_the_plan_is_saved_again(
    client, app, family
):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, OutboxStatus

    mum, _, baby, _ = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    with app.app_context():
        row = db.session.scalar(
            select(NudgeOutbox).where(NudgeOutbox.key.like("%:notice_deadline:%"))
        )
        row.status = OutboxStatus.DELIVERED
        db.session.commit()
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    nudges = leave_nudges(app, baby)
    assert nudges["notice_deadline"]["status"] == "delivered"
    assert nudges["claim_pay_by"]["status"] == "pending"


@pytest.mark.parametrize("leave_type", ["maternity", "paternity"])
def test_nudge_words_are_short_and_name_gov_uk(leave_type):
    """The longest date there is (a Wednesday in September) still fits."""
    from parent_app.entitlements.calendar import Deadline
    from parent_app.entitlements.reminders import nudge_text

    for key in {**MATERNITY_SUMMARIES, **PATERNITY_SUMMARIES, "something_new": ""}:
        title, body = nudge_text(
            Deadline(key, date(2027, 9, 29), "Title", "Text."), leave_type
        )
        assert len(title) <= 120 and len(body) <= 200, (key, body)
        assert "GOV.UK" in body and "29 September 2027" in body


# --- the baby's dates move -----------------------------------------------------------


def test_a_birth_recorded_after_saving_moves_the_dates(client, app):
    mum = make_parent(client)
    due = TODAY + timedelta(days=10)
    baby = add_baby(client, mum, due_date=due)
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    before = client.get(plan_url(baby), headers=mum["headers"]).get_json()
    assert before["result"]["key_dates"]["leave_start"] == due.isoformat()
    born = client.post(
        f"/api/v1/babies/{baby['id']}/birth",
        json={"date_of_birth": TODAY.isoformat(), "gestation_weeks": 38},
        headers=mum["headers"],
    )
    assert born.status_code == 200, born.get_json()
    after = client.get(plan_url(baby), headers=mum["headers"]).get_json()
    # Maternity leave starts the day after an earlier birth.
    assert after["result"]["key_dates"]["leave_start"] == (TODAY + DAY).isoformat()
    assert (
        after["result"]["key_dates"]["pay_end"]
        != before["result"]["key_dates"]["pay_end"]
    )
    assert after["ignored_inputs"] == []


def test_a_chosen_leave_start_the_birth_rules_out_is_left_out_and_said(client, app):
    partner = make_parent(client, role="partner")
    due = TODAY - timedelta(days=5)
    baby = add_baby(client, partner, due_date=due)
    saved = client.put(
        plan_url(baby),
        json={"leave_type": "paternity", "leave_start": due.isoformat()},
        headers=partner["headers"],
    )
    assert saved.status_code == 200, saved.get_json()
    take_by = paternity_dates(due)["paternity_take_by"]
    assert leave_nudges(app, baby)["paternity_take_by"]["due_day"] == day(
        take_by - timedelta(days=14)
    )
    client.post(
        f"/api/v1/babies/{baby['id']}/birth",
        json={"date_of_birth": TODAY.isoformat()},
        headers=partner["headers"],
    )
    body = client.get(plan_url(baby), headers=partner["headers"]).get_json()
    # Born 5 days late: leave cannot start before the birth, so the chosen start is set
    # aside (and said so) until the plan is saved again; the take-by date moves too.
    assert body["ignored_inputs"] == ["leave_start"]
    assert body["inputs"]["leave_start"] == due.isoformat()
    moved = paternity_dates(due, birth=TODAY)
    assert body["result"]["key_dates"]["leave_start"] == TODAY.isoformat()
    assert (
        body["result"]["key_dates"]["paternity_take_by"]
        == moved["paternity_take_by"].isoformat()
    )
    nudges = leave_nudges(app, baby)
    assert nudges["paternity_take_by"]["due_day"] == day(
        moved["paternity_take_by"] - timedelta(days=14)
    )
    assert nudges["paternity_take_by"]["status"] == "pending"
    found = events(client.get(ics_url(baby), headers=partner["headers"]))
    assert (
        found[PATERNITY_SUMMARIES["paternity_take_by"]][0] == moved["paternity_take_by"]
    )


def test_a_new_due_date_moves_the_nudges(client, app, family):
    mum, _, baby, due = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    new_due = due + timedelta(weeks=1)
    response = client.patch(
        f"/api/v1/babies/{baby['id']}",
        json={"due_date": new_due.isoformat()},
        headers=mum["headers"],
    )
    assert response.status_code == 200
    nudges = leave_nudges(app, baby)
    expected = maternity_dates(new_due)
    assert {name: n["due_day"] for name, n in nudges.items()} == {
        name: day(on - timedelta(days=14)) for name, on in expected.items()
    }
    body = client.get(plan_url(baby), headers=mum["headers"]).get_json()
    assert (
        body["result"]["key_dates"]["notice_deadline"]
        == expected["notice_deadline"].isoformat()
    )


def test_a_plan_the_new_dates_no_longer_fit_is_a_409_and_its_nudges_stop(
    client, app, family
):
    mum, _, baby, due = family
    last_payday = maternity_dates(due)["notice_deadline"] - 2 * DAY
    earnings = {
        "total_in_relevant_period": "4000",
        "pay_pattern": "monthly",
        "last_normal_payday": last_payday.isoformat(),
        "payday_before_relevant_period": (last_payday - 61 * DAY).isoformat(),
    }
    saved = client.put(
        plan_url(baby),
        json={"leave_type": "maternity", "earnings": earnings},
        headers=mum["headers"],
    )
    assert saved.status_code == 200, saved.get_json()
    # Due two weeks sooner: that payday is now after the qualifying week.
    client.patch(
        f"/api/v1/babies/{baby['id']}",
        json={"due_date": (due - timedelta(weeks=2)).isoformat()},
        headers=mum["headers"],
    )
    error = assert_error(
        client.get(plan_url(baby), headers=mum["headers"]),
        409,
        "leave_plan_out_of_date",
    )
    assert "qualifying week" in error["message"]
    assert_error(client.get(ics_url(baby), headers=mum["headers"]), 409)
    assert {n["status"] for n in leave_nudges(app, baby).values()} == {"cancelled"}
    fixed = client.put(
        plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"]
    )
    assert fixed.status_code == 200
    assert {n["status"] for n in leave_nudges(app, baby).values()} == {"pending"}


# --- the calendar --------------------------------------------------------------------


def test_calendar_without_a_plan_has_the_birthing_parents_maternity_deadlines(
    client, family
):
    mum, _, baby, due = family
    found = events(client.get(ics_url(baby), headers=mum["headers"]))
    expected = maternity_dates(due)
    assert {summary: on for summary, (on, _) in found.items()} == {
        MATERNITY_SUMMARIES[name]: on for name, on in expected.items()
    }


def test_calendar_without_a_plan_has_the_partners_paternity_deadlines(client, family):
    _, partner, baby, due = family
    found = events(client.get(ics_url(baby), headers=partner["headers"]))
    expected = paternity_dates(due)
    assert {summary: on for summary, (on, _) in found.items()} == {
        PATERNITY_SUMMARIES[name]: on for name, on in expected.items()
    }


def test_calendar_follows_the_saved_plan_with_the_same_event_ids(client, family):
    _, partner, baby, due = family
    before = events(client.get(ics_url(baby), headers=partner["headers"]))
    leave_start = due + timedelta(weeks=2)
    client.put(
        plan_url(baby),
        json={
            "leave_type": "paternity",
            "leave_start": leave_start.isoformat(),
            "employed_by_continuity_start": False,
        },
        headers=partner["headers"],
    )
    after = events(client.get(ics_url(baby), headers=partner["headers"]))
    # Not 26 weeks in the job: no paternity pay to claim, the leave is a day-one right.
    assert set(after) == {
        PATERNITY_SUMMARIES["notice_deadline"],
        PATERNITY_SUMMARIES["paternity_take_by"],
    }
    for summary, (_, uid) in after.items():
        assert before[summary][1] == uid


def test_calendars_of_two_adults_do_not_share_event_ids(client, family):
    mum, partner, baby, _ = family
    mine = events(client.get(ics_url(baby), headers=mum["headers"]))
    theirs = events(client.get(ics_url(baby), headers=partner["headers"]))
    assert not {uid for _, uid in mine.values()} & {uid for _, uid in theirs.values()}


# --- after a loss --------------------------------------------------------------------


def test_after_a_loss_no_plan_or_dates_are_offered_and_nudges_stop(client, app, family):
    mum, partner, baby, _ = family
    client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=mum["headers"])
    client.put(
        plan_url(baby), json={"leave_type": "paternity"}, headers=partner["headers"]
    )
    lost = client.post(
        f"/api/v1/babies/{baby['id']}/loss", json={}, headers=mum["headers"]
    )
    assert lost.status_code == 200
    assert {n["status"] for n in leave_nudges(app, baby).values()} == {"cancelled"}
    for who in (mum, partner):
        h = who["headers"]
        assert_error(
            client.put(plan_url(baby), json={"leave_type": "maternity"}, headers=h),
            409,
            "baby_lost",
        )
        assert_error(client.get(plan_url(baby), headers=h), 409, "baby_lost")
        assert_error(client.get(ics_url(baby), headers=h), 409, "baby_lost")
    assert {n["status"] for n in leave_nudges(app, baby).values()} == {"cancelled"}
    assert client.delete(plan_url(baby), headers=mum["headers"]).status_code == 204
