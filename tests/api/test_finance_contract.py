"""The finance and skills review against issue 6's contract: questions, plan, reminders,
the household's shared plan, the baby's dates, privacy and bad input."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from tests.factories import PASSWORD, add_baby, assert_error, make_parent, make_staff

TODAY = date.today()
COUPLE = {
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


def _add_months(on, months):
    month = on.month - 1 + months
    year, month = on.year + month // 12, month % 12 + 1
    for day in (on.day, 30, 29, 28):
        try:
            return on.replace(year=year, month=month, day=day)
        except ValueError:
            continue
    raise AssertionError(on)


def _join(client, inviter):
    partner = make_parent(client, role="partner")
    code = client.post("/api/v1/family/invites", headers=inviter["headers"]).get_json()[
        "code"
    ]
    assert (
        client.post(
            "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
        ).status_code
        == 200
    )
    return partner


@pytest.fixture
def couple(client):
    """A couple whose baby is due in 20 weeks (20 weeks pregnant today)."""
    mum = make_parent(client)
    due_on = TODAY + timedelta(weeks=20)
    baby = add_baby(client, mum, due_date=due_on)
    partner = _join(client, mum)
    return {"mum": mum, "partner": partner, "baby": baby, "due_on": due_on}


def _version(client):
    return client.get("/api/v1/finance-review/questions").get_json()["version"]


def _submit(client, parent, answers=COUPLE, **extra):
    body = {"version": _version(client), "answers": answers, **extra}
    return client.post("/api/v1/finance-review", json=body, headers=parent["headers"])


def _plan(client, parent, answers=COUPLE, **extra):
    response = _submit(client, parent, answers, **extra)
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def _by_key(review):
    return {action["key"]: action for action in review["actions"]}


def _finance_nudges(app, user_id, status=None):
    """{action key: (status, due_day)} of the user's finance reminders."""
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    with app.app_context():
        rows = db.session.scalars(
            select(NudgeOutbox).where(
                NudgeOutbox.user_id == user_id, NudgeOutbox.key.like("p:finance:%")
            )
        ).all()
        return {
            row.key.rsplit(":u", 1)[0].rsplit(":", 1)[1]: (
                row.status.value,
                row.due_day,
            )
            for row in rows
            if status is None or row.status.value == status
        }


class TestQuestions:
    def test_every_topic_the_issue_lists_is_asked_as_versioned_data(self, client):
        response = client.get("/api/v1/finance-review/questions")
        assert response.status_code == 200
        body = response.get_json()
        assert isinstance(body["version"], int) and body["version"] >= 1
        questions = {q["id"]: q for q in body["questions"]}
        options = {
            qid: {o["value"] for o in q.get("options", [])}
            for qid, q in questions.items()
        }
        assert options["household_adults"] == {"one", "two"}
        assert "other_children_under_16" in questions
        for adult in ("birthing_parent", "partner"):
            assert options[f"{adult}_work"] == {
                "employed",
                "self_employed",
                "not_working",
                "student",
            }
            assert len(options[f"{adult}_income"]) >= 3
        assert {"universal_credit", "child_benefit"} <= options["benefits"]
        assert {
            "housing",
            "childcare_plans",
            "money_worries",
            "area",
        } <= questions.keys()
        assert {"debts", "bills"} <= options["money_worries"]
        assert {
            "budgeting",
            "cooking_on_a_budget",
            "back_to_work",
            "english",
            "digital",
        } <= options["skills"]

    def test_the_questions_carry_an_etag(self, client):
        first = client.get("/api/v1/finance-review/questions")
        again = client.get(
            "/api/v1/finance-review/questions",
            headers={"If-None-Match": first.headers["ETag"]},
        )
        assert again.status_code == 304


class TestThePlan:
    def test_at_20_weeks_a_couple_gets_dated_valued_actions_for_both_adults(
        self, client, couple
    ):
        review = _plan(client, couple["mum"], baby_id=couple["baby"]["id"])
        assert review["questionnaire_version"] == _version(client)
        assert review["baby_id"] == couple["baby"]["id"]
        actions = _by_key(review)
        due_on = couple["due_on"]
        register = actions["register-birth"]
        assert register["deadline_on"] == (due_on + timedelta(days=42)).isoformat()
        assert (
            register["is_deadline_estimated"] is True and register["for_whom"] == "both"
        )
        child_benefit = actions["child-benefit"]
        assert child_benefit["deadline_on"] == _add_months(due_on, 3).isoformat()
        assert (
            child_benefit["worth_pence"] > 0 and child_benefit["worth_period"] == "week"
        )
        assert (
            child_benefit["tax_year"]
            and child_benefit["tax_year"] in child_benefit["worth_note"]
        )
        # On Universal Credit: Healthy Start (from 10 weeks pregnant: open now) and the
        # Sure Start Maternity Grant (£500, from 11 weeks before the due week).
        assert actions["healthy-start"]["status"] == "open"
        grant = actions["sure-start-maternity-grant"]
        assert grant["worth_pence"] == 50000 and grant["worth_period"] == "one_off"
        assert date.fromisoformat(grant["opens_on"]) <= due_on - timedelta(weeks=11)
        assert {a["for_whom"] for a in review["actions"]} >= {
            "birthing_parent",
            "partner",
            "both",
        }
        assert actions["statutory-maternity-pay"]["for_whom"] == "birthing_parent"
        assert actions["paternity-leave-and-pay"]["for_whom"] == "partner"
        for action in review["actions"]:
            assert action["title"] and action["why"] and action["where"]["name"]
            assert action["status"] in ("open", "not_yet", "missed")
        assert actions["child-benefit"]["where"]["url"].startswith(
            "https://www.gov.uk/"
        )
        assert actions["debt-advice"]["where"]["url"].startswith(
            "https://www.citizensadvice.org.uk/"
        )
        assert actions["family-hub-skills"]["where"]["name"] == "Dorset family hubs"

    def test_a_plan_is_private_to_the_adult_who_answered(self, client, couple):
        review = _plan(client, couple["partner"])
        latest = client.get(
            "/api/v1/finance-review", headers=couple["partner"]["headers"]
        )
        assert latest.status_code == 200
        assert latest.get_json()["id"] == review["id"]
        assert_error(
            client.get("/api/v1/finance-review", headers=couple["mum"]["headers"]), 404
        )
        household = client.get(
            "/api/v1/finance-review/household", headers=couple["mum"]["headers"]
        )
        assert household.get_json() == {"actions": []}
        action = _by_key(review)["child-benefit"]
        shared = client.post(
            f"/api/v1/finance-review/actions/{action['id']}/share",
            json={"shared": True},
            headers=couple["partner"]["headers"],
        )
        assert shared.status_code == 200 and shared.get_json()["is_shared"] is True
        household = client.get(
            "/api/v1/finance-review/household", headers=couple["mum"]["headers"]
        ).get_json()
        assert [a["key"] for a in household["actions"]] == ["child-benefit"]
        assert household["actions"][0]["shared_by"] == couple["partner"]["user"]["id"]
        # Only the plan's own adult may share its actions.
        other = _by_key(review)["register-birth"]
        assert_error(
            client.post(
                f"/api/v1/finance-review/actions/{other['id']}/share",
                json={"shared": True},
                headers=couple["mum"]["headers"],
            ),
            404,
        )
        stranger = make_parent(client)
        assert_error(
            client.get("/api/v1/finance-review", headers=stranger["headers"]),
            404,
            "not_found",
        )

    def test_without_a_baby_id_the_plan_uses_the_newest_baby(self, client, couple):
        assert _plan(client, couple["mum"])["baby_id"] == couple["baby"]["id"]


class TestReminders:
    def test_dated_actions_become_nudges_for_the_adults_they_are_for(
        self, client, app, couple
    ):
        review = _by_key(_plan(client, couple["mum"]))
        assert _finance_nudges(app, couple["partner"]["user"]["id"], "pending") == {}
        for key in ("register-birth", "child-benefit", "paternity-leave-and-pay"):
            client.post(
                f"/api/v1/finance-review/actions/{review[key]['id']}/share",
                json={"shared": True},
                headers=couple["mum"]["headers"],
            )
        mum = _finance_nudges(app, couple["mum"]["user"]["id"], "pending")
        partner = _finance_nudges(app, couple["partner"]["user"]["id"], "pending")
        assert {"register-birth", "child-benefit"} <= mum.keys() & partner.keys()
        assert (
            "statutory-maternity-pay" in mum
            and "statutory-maternity-pay" not in partner
        )
        assert (
            "paternity-leave-and-pay" in partner
            and "paternity-leave-and-pay" not in mum
        )

    def test_the_reminders_are_on_the_babys_timeline(self, client, couple):
        review = _plan(client, couple["mum"])
        titles = {a["key"]: a["title"] for a in review["actions"]}
        for key in ("register-birth", "child-benefit"):
            client.post(
                f"/api/v1/finance-review/actions/{_by_key(review)[key]['id']}/share",
                json={"shared": True},
                headers=couple["mum"]["headers"],
            )
        for parent in (couple["mum"], couple["partner"]):
            timeline = client.get(
                f"/api/v1/babies/{couple['baby']['id']}/timeline",
                headers=parent["headers"],
            )
            assert timeline.status_code == 200
            planned = {
                e["title"] for e in timeline.get_json() if e["state"] == "planned"
            }
            assert (
                titles["register-birth"] in planned
                and titles["child-benefit"] in planned
            )

    def test_marking_done_clears_the_reminder_for_both_and_is_idempotent(
        self, client, app, couple
    ):
        plan = _by_key(_plan(client, couple["mum"]))
        action = plan["child-benefit"]
        private = client.post(
            f"/api/v1/finance-review/actions/{action['id']}/done",
            headers=couple["partner"]["headers"],
        )
        assert_error(private, 404)  # not shared yet: not the partner's to see
        for key in ("child-benefit", "register-birth"):
            client.post(
                f"/api/v1/finance-review/actions/{plan[key]['id']}/share",
                json={"shared": True},
                headers=couple["mum"]["headers"],
            )
        first = client.post(
            f"/api/v1/finance-review/actions/{action['id']}/done",
            headers=couple["partner"]["headers"],
        )
        assert first.status_code == 200 and first.get_json()["done_at"]
        again = client.post(
            f"/api/v1/finance-review/actions/{action['id']}/done",
            headers=couple["mum"]["headers"],
        )
        assert (
            again.status_code == 200
            and again.get_json()["done_at"] == first.get_json()["done_at"]
        )
        for parent in (couple["mum"], couple["partner"]):
            assert (
                _finance_nudges(app, parent["user"]["id"])["child-benefit"][0]
                == "cancelled"
            )
            assert (
                _finance_nudges(app, parent["user"]["id"])["register-birth"][0]
                == "pending"
            )
        latest = _by_key(
            client.get(
                "/api/v1/finance-review", headers=couple["mum"]["headers"]
            ).get_json()
        )
        assert latest["child-benefit"]["done_at"] == first.get_json()["done_at"]

    def test_another_familys_or_an_impossible_action_is_404(self, client, couple):
        action = _by_key(_plan(client, couple["mum"]))["child-benefit"]
        stranger = make_parent(client)
        for action_id in (action["id"], 2**31, 2**40, 0):
            assert_error(
                client.post(
                    f"/api/v1/finance-review/actions/{action_id}/done",
                    headers=stranger["headers"],
                ),
                404,
            )

    def test_a_new_review_replaces_the_reminders_and_keeps_done_actions_done(
        self, client, app, couple
    ):
        first = _by_key(_plan(client, couple["mum"]))
        done = client.post(
            f"/api/v1/finance-review/actions/{first['register-birth']['id']}/done",
            headers=couple["mum"]["headers"],
        ).get_json()
        assert "sure-start-maternity-grant" in _finance_nudges(
            app, couple["mum"]["user"]["id"], "pending"
        )
        # Off Universal Credit and earning more: the maternity grant no longer applies.
        answers = {
            **COUPLE,
            "benefits": ["none"],
            "birthing_parent_income": "30k_to_60k",
        }
        second = _by_key(_plan(client, couple["mum"], answers))
        assert "sure-start-maternity-grant" not in second
        assert second["register-birth"]["done_at"] == done["done_at"]
        assert second["child-benefit"]["done_at"] is None
        pending = _finance_nudges(app, couple["mum"]["user"]["id"], "pending")
        assert (
            "sure-start-maternity-grant" not in pending
            and "register-birth" not in pending
        )
        assert "child-benefit" in pending


class TestTheBabysDates:
    def test_recording_the_birth_turns_estimates_into_real_deadlines(self, client, app):
        mum = make_parent(client)
        baby = add_baby(client, mum, due_date=TODAY + timedelta(days=40))
        partner = _join(client, mum)
        couple = {"mum": mum, "partner": partner, "baby": baby}
        before = _by_key(_plan(client, mum))
        born_on = TODAY - timedelta(days=2)  # six weeks early, at 34 weeks
        response = client.post(
            f"/api/v1/babies/{baby['id']}/birth",
            json={"date_of_birth": born_on.isoformat(), "gestation_weeks": 34},
            headers=partner["headers"],
        )
        assert response.status_code == 200, response.get_json()
        after = _by_key(
            client.get("/api/v1/finance-review", headers=mum["headers"]).get_json()
        )
        register = after["register-birth"]
        assert register["id"] == before["register-birth"]["id"]
        assert register["deadline_on"] == (born_on + timedelta(days=42)).isoformat()
        assert (
            register["is_deadline_estimated"] is False and register["status"] == "open"
        )
        assert (
            after["child-benefit"]["deadline_on"] == _add_months(born_on, 3).isoformat()
        )
        from parent_app.domain.daynum import to_day

        status, due_day = _finance_nudges(app, couple["mum"]["user"]["id"])[
            "register-birth"
        ]
        assert status == "pending"
        assert due_day == to_day(born_on + timedelta(days=42 - 14))

    def test_a_moved_due_date_moves_the_deadlines(self, client, couple):
        _plan(client, couple["mum"])
        due_on = couple["due_on"] + timedelta(days=10)
        response = client.patch(
            f"/api/v1/babies/{couple['baby']['id']}",
            json={"due_date": due_on.isoformat()},
            headers=couple["mum"]["headers"],
        )
        assert response.status_code == 200, response.get_json()
        after = _by_key(
            client.get(
                "/api/v1/finance-review", headers=couple["mum"]["headers"]
            ).get_json()
        )
        assert (
            after["register-birth"]["deadline_on"]
            == (due_on + timedelta(days=42)).isoformat()
        )

    def test_a_loss_stops_every_finance_reminder(self, client, app, couple):
        _plan(client, couple["mum"])
        response = client.post(
            f"/api/v1/babies/{couple['baby']['id']}/loss",
            json={},
            headers=couple["mum"]["headers"],
        )
        assert response.status_code == 200
        for parent in (couple["mum"], couple["partner"]):
            assert _finance_nudges(app, parent["user"]["id"], "pending") == {}
        # No new plan of claims for a baby the family has lost.
        assert_error(
            _submit(client, couple["mum"], baby_id=couple["baby"]["id"]),
            409,
            "baby_lost",
        )


class TestPrivacy:
    def test_my_export_holds_the_review_and_its_actions(self, client, couple):
        review = _plan(client, couple["mum"])
        data = client.get(
            "/api/v1/me/export", headers=couple["mum"]["headers"]
        ).get_json()
        assert [r["id"] for r in data["finance_reviews"]] == [review["id"]]
        assert data["finance_reviews"][0]["answers"]["benefits"] == ["universal_credit"]
        assert {a["id"] for a in data["finance_actions"]} == {
            a["id"] for a in review["actions"]
        }
        stranger = make_parent(client)
        partner = couple["partner"]["headers"]
        for parent in (stranger["headers"], partner):
            other = client.get("/api/v1/me/export", headers=parent).get_json()
            assert other["finance_reviews"] == [] and other["finance_actions"] == []

    def test_a_review_goes_with_the_adult_who_answered_it(self, client, app, couple):
        _plan(client, couple["mum"])
        partners = _plan(client, couple["partner"])
        assert (
            client.delete(
                "/api/v1/me",
                json={"password": PASSWORD},
                headers=couple["mum"]["headers"],
            ).status_code
            == 204
        )
        from parent_app.extensions import db
        from parent_app.models.finance import FinanceReview

        with app.app_context():
            assert db.session.scalars(select(FinanceReview.id)).all() == [
                partners["id"]
            ]
        assert (
            client.delete(
                "/api/v1/me",
                json={"password": PASSWORD},
                headers=couple["partner"]["headers"],
            ).status_code
            == 204
        )
        from parent_app.extensions import db
        from parent_app.models.finance import FinanceAction, FinanceReview

        with app.app_context():
            assert db.session.scalars(select(FinanceReview.id)).all() == []
            assert db.session.scalars(select(FinanceAction.id)).all() == []


class TestBadInput:
    @pytest.mark.parametrize(
        ("change", "field"),
        [
            ({"favourite_colour": "blue"}, "favourite_colour"),
            ({"other_children_under_16": "two"}, "other_children_under_16"),
            ({"other_children_under_16": True}, "other_children_under_16"),
            ({"other_children_under_16": 10**40}, "other_children_under_16"),
            ({"benefits": "universal_credit"}, "benefits"),
            ({"benefits": [["universal_credit"]]}, "benefits"),
            ({"area": {"name": "dorset"}}, "area"),
            ({"household_adults": None}, "household_adults"),
        ],
    )
    def test_answers_that_do_not_fit_name_the_question(
        self, client, couple, change, field
    ):
        response = _submit(client, couple["mum"], {**COUPLE, **change})
        assert field in assert_error(response, 422, "validation_failed")["fields"]

    @pytest.mark.parametrize(
        ("body", "field"),
        [
            ({"version": 999, "answers": COUPLE}, "version"),
            ({"version": "1", "answers": COUPLE}, "version"),
            ({"answers": [COUPLE]}, "answers"),
            ({"answers": "all of them"}, "answers"),
            ({}, "answers"),
            ({"answers": COUPLE, "baby_id": 2**40}, "baby_id"),
            ({"answers": COUPLE, "baby_id": 0}, "baby_id"),
            ({"answers": COUPLE, "baby_id": "1"}, "baby_id"),
            ({"answers": COUPLE, "extra": 1}, "extra"),
        ],
    )
    def test_a_bad_body_is_422_never_500(self, client, couple, body, field):
        response = client.post(
            "/api/v1/finance-review", json=body, headers=couple["mum"]["headers"]
        )
        assert field in assert_error(response, 422, "validation_failed")["fields"]

    @pytest.mark.parametrize("body", ["[1, 2]", '"answers"', "null", "{nope"])
    def test_a_body_that_is_not_an_object_is_4xx(self, client, couple, body):
        response = client.post(
            "/api/v1/finance-review",
            data=body,
            headers={**couple["mum"]["headers"], "Content-Type": "application/json"},
        )
        assert response.status_code in (400, 422)
        assert_error(response, response.status_code)

    def test_another_familys_baby_is_404(self, client, couple):
        stranger = make_parent(client)
        assert_error(
            _submit(client, stranger, baby_id=couple["baby"]["id"]), 404, "not_found"
        )

    def test_the_review_is_for_parents(self, client, app):
        staff = make_staff(app, client)
        assert_error(_submit(client, staff), 403)
        assert_error(
            client.get("/api/v1/finance-review", headers=staff["headers"]), 403
        )
        assert_error(
            client.post("/api/v1/finance-review", json={"answers": COUPLE}), 401
        )
        assert_error(client.get("/api/v1/finance-review"), 401)
