"""Safeguarding in a shared household: either adult can leave; the creator or birthing
parent can remove a partner, whose access, nudges and pushes about the family's babies
end at once; open invites can be listed and withdrawn."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select

from tests.factories import add_baby, assert_error, make_parent
from tests.nudge_helpers import publish_rule

TODAY = date.today()


def _invite(client, parent):
    response = client.post("/api/v1/family/invites", headers=parent["headers"])
    assert response.status_code == 201
    return response.get_json()["code"]


def _join(client, parent, code):
    return client.post(
        "/api/v1/family/join", json={"code": code}, headers=parent["headers"]
    )


def _couple(client):
    mum = make_parent(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(days=56))
    dad = make_parent(client, role="partner")
    assert _join(client, dad, _invite(client, mum)).status_code == 200
    return mum, dad, baby


def _user_id(client, parent):
    return client.get("/api/v1/me", headers=parent["headers"]).get_json()["id"]


def _outbox(app, user_id):
    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox

    with app.app_context():
        rows = db.session.scalars(
            select(NudgeOutbox).where(NudgeOutbox.user_id == user_id)
        ).all()
        return [(r.baby_id, r.status.value) for r in rows]


def _plan(app, now=None):
    from parent_app.extensions import db
    from parent_app.nudges.planner import plan_due_nudges

    with app.app_context():
        plan_due_nudges(now=now or datetime.now(UTC), whole_windows=True)
        db.session.commit()


class TestRemovePartner:
    def test_a_removed_partner_loses_the_family_at_once(self, app, client):
        publish_rule(app, "first-jabs", offset_days=56)
        mum, dad, baby = _couple(client)
        dad_id = _user_id(client, dad)
        _plan(app)
        assert _outbox(app, dad_id) == [(baby["id"], "pending")]
        family = client.get("/api/v1/family", headers=mum["headers"]).get_json()
        assert family["can_remove_adults"] is True
        assert [a["is_creator"] for a in family["adults"]] == [True, False]

        removed = client.delete(
            f"/api/v1/family/members/{dad_id}", headers=mum["headers"]
        )
        assert removed.status_code == 200, removed.get_json()
        assert [a["role"] for a in removed.get_json()["adults"]] == ["birthing_parent"]

        # His old token still signs him in, but to his own, empty family.
        assert_error(
            client.get(f"/api/v1/babies/{baby['id']}", headers=dad["headers"]), 404
        )
        his = client.get("/api/v1/family", headers=dad["headers"]).get_json()
        assert his["babies"] == [] and len(his["adults"]) == 1
        assert client.get("/api/v1/babies", headers=dad["headers"]).get_json() == []
        # What was waiting for him is cancelled, and planning does not add it again.
        assert _outbox(app, dad_id) == [(baby["id"], "cancelled")]
        publish_rule(app, "eight-week-check", offset_days=55)
        _plan(app)
        assert _outbox(app, dad_id) == [(baby["id"], "cancelled")]
        mum_id = _user_id(client, mum)
        assert len(_outbox(app, mum_id)) == 2

    def test_a_removed_partner_cannot_come_back_with_an_old_code(self, app, client):
        mum, dad, _ = _couple(client)
        his_code = _invite(client, dad)
        her_code = _invite(client, mum)
        dad_id = _user_id(client, dad)
        client.delete(f"/api/v1/family/members/{dad_id}", headers=mum["headers"])
        for code in (his_code, her_code):
            assert_error(_join(client, dad, code), 404, "invalid_invite")
        open_invites = client.get("/api/v1/family/invites", headers=mum["headers"])
        assert open_invites.get_json() == {"items": []}

    def test_a_partner_cannot_remove_the_birthing_parent(self, client):
        mum, dad, _ = _couple(client)
        family = client.get("/api/v1/family", headers=dad["headers"]).get_json()
        assert family["can_remove_adults"] is False
        refused = client.delete(
            f"/api/v1/family/members/{_user_id(client, mum)}", headers=dad["headers"]
        )
        assert_error(refused, 403, "cannot_remove_adults")
        assert (
            len(
                client.get("/api/v1/family", headers=mum["headers"]).get_json()[
                    "adults"
                ]
            )
            == 2
        )

    def test_removing_a_stranger_or_myself_is_refused(self, client):
        mum, _, _ = _couple(client)
        stranger = make_parent(client)
        other_family = client.delete(
            f"/api/v1/family/members/{_user_id(client, stranger)}",
            headers=mum["headers"],
        )
        assert_error(other_family, 404)
        myself = client.delete(
            f"/api/v1/family/members/{_user_id(client, mum)}", headers=mum["headers"]
        )
        assert_error(myself, 422)
        assert_error(
            client.delete("/api/v1/family/members/999999", headers=mum["headers"]), 404
        )

    def test_pushes_not_yet_sent_to_a_removed_partner_are_cancelled(self, app, client):
        from parent_app.extensions import db
        from parent_app.models import (
            DeliveryStatus,
            NudgeOutbox,
            OutboxStatus,
            PushDelivery,
            PushSubscription,
        )

        mum, dad, baby = _couple(client)
        dad_id = _user_id(client, dad)
        with app.app_context():
            sub = PushSubscription(
                user_id=dad_id,
                endpoint="https://fcm.googleapis.com/fcm/send/abc",
                p256dh="k",
                auth="a",
            )
            row = NudgeOutbox(
                key="test:1",
                user_id=dad_id,
                baby_id=baby["id"],
                title="Your baby is 8 weeks",
                body="Jabs",
                topic="immunisations",
                due_day=1,
                send_after_epoch=0,
                expires_epoch=2**40,
                ttl_seconds=60,
                urgency="normal",
                status=OutboxStatus.DELIVERED,
            )
            db.session.add_all([sub, row])
            db.session.flush()
            db.session.add(
                PushDelivery(
                    outbox_id=row.id,
                    subscription_id=sub.id,
                    status=DeliveryStatus.PENDING,
                    attempts=0,
                    next_attempt_epoch=0,
                )
            )
            db.session.commit()
        client.delete(f"/api/v1/family/members/{dad_id}", headers=mum["headers"])
        with app.app_context():
            statuses = db.session.scalars(select(PushDelivery.status)).all()
        assert statuses == [DeliveryStatus.CANCELLED]


class TestLeave:
    def test_either_adult_can_leave_and_the_babies_stay(self, app, client):
        mum, dad, baby = _couple(client)
        his_code = _invite(client, dad)
        her_code = _invite(client, mum)
        left = client.post("/api/v1/family/leave", headers=dad["headers"])
        assert left.status_code == 200, left.get_json()
        assert left.get_json()["babies"] == []
        assert left.get_json()["can_remove_adults"] is True  # his own family now
        assert_error(
            client.get(f"/api/v1/babies/{baby['id']}", headers=dad["headers"]), 404
        )
        family = client.get("/api/v1/family", headers=mum["headers"]).get_json()
        assert [b["id"] for b in family["babies"]] == [baby["id"]]
        assert len(family["adults"]) == 1
        # His open code is withdrawn with him; hers still works.
        stranger = make_parent(client, role="partner")
        assert_error(_join(client, stranger, his_code), 404, "invalid_invite")
        assert _join(client, stranger, her_code).status_code == 200

    def test_when_the_creator_leaves_the_family_passes_to_the_other_adult(self, client):
        mum, dad, _ = _couple(client)
        assert client.post("/api/v1/family/leave", headers=mum["headers"]).status_code
        family = client.get("/api/v1/family", headers=dad["headers"]).get_json()
        assert family["can_remove_adults"] is True
        assert [a["is_creator"] for a in family["adults"]] == [True]

    def test_the_only_adult_cannot_leave(self, client):
        mum = make_parent(client)
        assert_error(client.post("/api/v1/family/leave", headers=mum["headers"]), 422)


class TestInvites:
    def test_open_invites_are_listed_without_codes_and_can_be_withdrawn(self, client):
        mum = make_parent(client)
        first, second = _invite(client, mum), _invite(client, mum)
        listed = client.get("/api/v1/family/invites", headers=mum["headers"])
        items = listed.get_json()["items"]
        assert len(items) == 2
        assert first not in listed.get_data(as_text=True)
        assert second not in listed.get_data(as_text=True)
        newest = items[0]["id"]
        gone = client.delete(f"/api/v1/family/invites/{newest}", headers=mum["headers"])
        assert gone.status_code == 204
        partner = make_parent(client, role="partner")
        assert_error(_join(client, partner, second), 404, "invalid_invite")
        assert _join(client, partner, first).status_code == 200
        # A used invite is no longer open, and cannot be withdrawn.
        assert (
            client.get("/api/v1/family/invites", headers=mum["headers"]).get_json()[
                "items"
            ]
            == []
        )
        assert_error(
            client.delete(
                f"/api/v1/family/invites/{items[1]['id']}", headers=mum["headers"]
            ),
            404,
        )

    def test_another_familys_invite_is_a_404(self, client):
        mum = make_parent(client)
        _invite(client, mum)
        [invite] = client.get(
            "/api/v1/family/invites", headers=mum["headers"]
        ).get_json()["items"]
        stranger = make_parent(client)
        assert_error(
            client.delete(
                f"/api/v1/family/invites/{invite['id']}", headers=stranger["headers"]
            ),
            404,
        )
        assert (
            client.get(
                "/api/v1/family/invites", headers=stranger["headers"]
            ).get_json()["items"]
            == []
        )
        assert (
            len(
                client.get("/api/v1/family/invites", headers=mum["headers"]).get_json()[
                    "items"
                ]
            )
            == 1
        )
