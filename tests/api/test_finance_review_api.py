"""The finance and skills review through the API: a dated, valued plan for both
adults."""

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import add_baby, assert_error, make_parent

TODAY = date.today()

ANSWERS = {
    "household_adults": "two",
    "other_children_under_16": 0,
    "birthing_parent_work": "employed",
    "birthing_parent_income": "lel_to_30k",
    "partner_work": "employed",
    "partner_income": "lel_to_30k",
    "benefits": ["universal_credit"],
    "housing": "rent_private",
    "childcare_plans": "1_to_2",
    "money_worries": ["bills"],
    "skills": ["budgeting"],
    "area": "dorset",
}


def _answers(client):
    questions = client.get("/api/v1/finance-review/questions").get_json()
    options = {
        q["id"]: [o["value"] for o in q.get("options", [])]
        for q in questions["questions"]
    }
    answers = {}
    for key, value in ANSWERS.items():
        if key not in options:
            continue
        allowed = options[key]
        if isinstance(value, list):
            answers[key] = [v for v in value if v in allowed] or allowed[:1]
        elif allowed and value not in allowed:
            answers[key] = allowed[0]
        else:
            answers[key] = value
    return questions["version"], answers


@pytest.fixture
def couple_at_20_weeks(client):
    mum = make_parent(client, area="dorset")
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=20))
    partner = make_parent(client, role="partner", area="dorset")
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    client.post("/api/v1/family/join", json={"code": code}, headers=partner["headers"])
    return mum, partner, baby


def test_the_questionnaire_is_versioned_data(client):
    body = client.get("/api/v1/finance-review/questions").get_json()
    assert body["version"] >= 1
    ids = {q["id"] for q in body["questions"]}
    assert {"household_adults", "benefits", "housing", "money_worries", "skills"} <= ids


def test_a_couple_at_20_weeks_gets_dated_valued_actions_for_both(
    client, app, couple_at_20_weeks
):
    mum, partner, baby = couple_at_20_weeks
    version, answers = _answers(client)
    response = client.post(
        "/api/v1/finance-review",
        json={"version": version, "answers": answers, "baby_id": baby["id"]},
        headers=mum["headers"],
    )
    assert response.status_code == 201, response.get_json()
    actions = response.get_json()["actions"]
    keys = {a["key"] for a in actions}
    assert {"child-benefit", "healthy-start", "register-birth"} <= keys
    assert any(a["worth_pence"] and a["tax_year"] for a in actions)
    assert any(a["deadline_on"] for a in actions)
    assert {a["for_whom"] for a in actions} >= {"both"}
    # Mum's answers are hers: the partner sees only what she shares.
    assert_error(client.get("/api/v1/finance-review", headers=partner["headers"]), 404)
    for action in actions:
        shared = client.post(
            f"/api/v1/finance-review/actions/{action['id']}/share",
            json={"shared": True},
            headers=mum["headers"],
        )
        assert shared.status_code == 200
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    with app.app_context():
        keys_queued = set(db.session.scalars(select(NudgeOutbox.key)))
    assert any(
        k.startswith("p:finance:") and k.endswith(f"u{partner['user']['id']}")
        for k in keys_queued
    )
    assert any(
        k.startswith("p:finance:") and k.endswith(f"u{mum['user']['id']}")
        for k in keys_queued
    )


def test_marking_an_action_done_cancels_its_reminder(client, app, couple_at_20_weeks):
    mum, partner, baby = couple_at_20_weeks
    version, answers = _answers(client)
    review = client.post(
        "/api/v1/finance-review",
        json={"version": version, "answers": answers},
        headers=mum["headers"],
    ).get_json()
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    dated = next(a for a in review["actions"] if a["deadline_on"] or a["opens_on"])
    client.post(
        f"/api/v1/finance-review/actions/{dated['id']}/share",
        json={"shared": True},
        headers=mum["headers"],
    )
    done = client.post(
        f"/api/v1/finance-review/actions/{dated['id']}/done", headers=partner["headers"]
    )
    assert done.status_code == 200 and done.get_json()["done_at"]
    with app.app_context():
        statuses = set(
            db.session.scalars(
                select(NudgeOutbox.status).where(
                    NudgeOutbox.key.like(f"p:finance:%:{dated['key']}:%")
                )
            )
        )
    assert {s.value for s in statuses} <= {"cancelled"}
    stranger = make_parent(client)
    assert_error(
        client.post(
            f"/api/v1/finance-review/actions/{dated['id']}/done",
            headers=stranger["headers"],
        ),
        404,
    )
    assert_error(client.get("/api/v1/finance-review", headers=stranger["headers"]), 404)


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({**ANSWERS, "favourite_colour": "blue"}, "favourite_colour"),
        ({**ANSWERS, "other_children_under_16": "two"}, "other_children_under_16"),
        ({**ANSWERS, "household_adults": "seven"}, "household_adults"),
    ],
)
def test_answers_that_do_not_fit_are_422(client, couple_at_20_weeks, answers, field):
    mum, _, _ = couple_at_20_weeks
    response = client.post(
        "/api/v1/finance-review", json={"answers": answers}, headers=mum["headers"]
    )
    assert field in assert_error(response, 422)["fields"]


def test_answers_must_be_an_object(client, couple_at_20_weeks):
    mum, _, _ = couple_at_20_weeks
    assert_error(
        client.post(
            "/api/v1/finance-review", json={"answers": [1, 2]}, headers=mum["headers"]
        ),
        422,
    )


def test_another_familys_baby_is_a_404(client, couple_at_20_weeks):
    _, _, baby = couple_at_20_weeks
    stranger = make_parent(client)
    version, answers = _answers(client)
    response = client.post(
        "/api/v1/finance-review",
        json={"answers": answers, "baby_id": baby["id"]},
        headers=stranger["headers"],
    )
    assert_error(response, 404)


def test_status_is_worked_out_when_read_and_done_can_be_undone(
    client, app, couple_at_20_weeks
):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox
    from parent_app.models.finance import FinanceAction

    mum, partner, _ = couple_at_20_weeks
    version, answers = _answers(client)
    review = client.post(
        "/api/v1/finance-review",
        json={"version": version, "answers": answers},
        headers=mum["headers"],
    ).get_json()
    dated = next(
        a
        for a in review["actions"]
        if a["status"] == "open" and a["deadline_on"] and not a["is_deadline_estimated"]
    )
    url = f"/api/v1/finance-review/actions/{dated['id']}/done"
    # Mum's plan is hers: the partner ticks it off once she has shared it.
    client.post(
        f"/api/v1/finance-review/actions/{dated['id']}/share",
        json={"shared": True},
        headers=mum["headers"],
    )

    done = client.post(url, headers=partner["headers"]).get_json()
    assert done["status"] == "done" and done["done_at"]

    undone = client.delete(url, headers=mum["headers"])
    assert undone.status_code == 200, undone.get_json()
    assert undone.get_json()["status"] == "open"
    assert undone.get_json()["done_at"] is None
    with app.app_context():
        pending = db.session.scalars(
            select(NudgeOutbox.status).where(
                NudgeOutbox.key.like(f"p:finance:%:{dated['key']}:%")
            )
        ).all()
    assert "pending" in {s.value for s in pending}

    # Days pass: the deadline goes by without anyone resubmitting the review.
    with app.app_context():
        action = db.session.get(FinanceAction, dated["id"])
        action.deadline_on = TODAY - timedelta(days=1)
        db.session.commit()
    latest = client.get("/api/v1/finance-review", headers=mum["headers"]).get_json()
    status = {a["id"]: a["status"] for a in latest["actions"]}
    assert status[dated["id"]] == "missed"

    stranger = make_parent(client)
    assert_error(client.delete(url, headers=stranger["headers"]), 404)


def test_the_timeline_shows_money_reminders_without_internal_keys(
    client, app, couple_at_20_weeks
):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    mum, _, baby = couple_at_20_weeks
    version, answers = _answers(client)
    client.post(
        "/api/v1/finance-review",
        json={"version": version, "answers": answers},
        headers=mum["headers"],
    )
    with app.app_context():
        assert db.session.scalar(
            select(NudgeOutbox.key).where(NudgeOutbox.key.startswith("p:finance:"))
        )
    timeline = client.get(
        f"/api/v1/babies/{baby['id']}/timeline", headers=mum["headers"]
    )
    assert timeline.status_code == 200, timeline.get_json()
    entries = timeline.get_json()
    reminders = [e for e in entries if e["kind"] == "reminder"]
    assert reminders and all(e["slug"] is None for e in reminders)
    assert "p:finance" not in timeline.get_data(as_text=True)
    feed = client.get(f"/api/v1/feed?baby_id={baby['id']}", headers=mum["headers"])
    assert "p:finance" not in feed.get_data(as_text=True)


def test_each_money_reminder_comes_two_weeks_before_its_own_deadline(
    client, app, couple_at_20_weeks
):
    from zoneinfo import ZoneInfo

    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, OutboxStatus

    mum, _, baby = couple_at_20_weeks
    version, answers = _answers(client)
    review = client.post(
        "/api/v1/finance-review",
        json={"version": version, "answers": answers},
        headers=mum["headers"],
    ).get_json()
    with app.app_context():
        rows = db.session.execute(
            select(NudgeOutbox.key, NudgeOutbox.send_after_epoch).where(
                NudgeOutbox.key.startswith("p:finance:"),
                NudgeOutbox.status == OutboxStatus.PENDING,
            )
        ).all()
    london = ZoneInfo("Europe/London")
    sent_on = {
        # p:finance:h<household>:u<adult>:b<baby>:<action key>:u<recipient>
        key.split(":")[5]: datetime.fromtimestamp(epoch, london).date()
        for key, epoch in rows
    }
    checked = 0
    for action in review["actions"]:
        dates = [
            date.fromisoformat(d)
            for d in (action["notice_on"], action["deadline_on"])
            if d
        ]
        if action["key"] not in sent_on or not dates:
            continue
        act_by = min(dates)
        expected = act_by - timedelta(days=14)
        if action["opens_on"] and action["notice_on"] != act_by.isoformat():
            expected = max(expected, date.fromisoformat(action["opens_on"]))
        assert sent_on[action["key"]] == max(TODAY, expected), action["key"]
        assert sent_on[action["key"]] <= act_by, action["key"]
        checked += 1
    assert checked >= 2
    due = date.fromisoformat(baby["due_date"])
    on_due_date = [k for k, d in sent_on.items() if d == due]
    assert len(on_due_date) <= 1, on_due_date
