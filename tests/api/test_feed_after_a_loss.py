"""After a loss the feed offers support chosen by the stage of the loss (issue 17,
item 11), from the real starter catalogue, for both parents."""

from datetime import date, timedelta

import pytest

from tests.factories import add_baby, make_parent

TODAY = date.today()


@pytest.fixture
def loaded(runner, app):
    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0


def _join_partner(client, parent):
    code = client.post("/api/v1/family/invites", headers=parent["headers"]).get_json()[
        "code"
    ]
    partner = make_parent(client, role="partner")
    joined = client.post(
        "/api/v1/family/join", json={"code": code}, headers=partner["headers"]
    )
    assert joined.status_code in (200, 201), joined.get_json()
    return partner


def _loss_feed(client, parent, baby, lost_on, partner=None):
    response = client.post(
        f"/api/v1/babies/{baby['id']}/loss",
        json={"date": lost_on.isoformat()},
        headers=parent["headers"],
    )
    assert response.status_code == 200, response.get_json()
    feeds = []
    for reader in (parent, partner) if partner else (parent,):
        body = client.get(
            f"/api/v1/feed?baby_id={baby['id']}", headers=reader["headers"]
        ).get_json()
        assert {a["topic"] for a in body["articles"]} == {"loss-support"}
        feeds.append((body["stage"], {a["slug"] for a in body["articles"]}))
    return feeds


def test_a_loss_at_10_weeks_offers_miscarriage_support_and_the_certificate(
    client, loaded
):
    parent = make_parent(client)
    partner = _join_partner(client, parent)
    # 10 weeks pregnant today: the due date is 30 weeks away.
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=30))
    (stage, mine), (_, theirs) = _loss_feed(client, parent, baby, TODAY, partner)
    assert stage["loss_kind"] == "pregnancy_before_24_weeks"
    assert {
        "after-a-miscarriage",
        "baby-loss-certificate",
        "support-after-losing-a-baby",
    } <= mine
    assert not {"after-a-stillbirth", "parental-bereavement-leave-and-pay"} & mine
    assert {"after-a-miscarriage", "grief-for-partners"} <= theirs
    assert "grief-for-partners" not in mine


def test_a_loss_at_30_weeks_is_a_stillbirth_with_leave_pay_and_registration(
    client, loaded
):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=10))
    [(stage, slugs)] = _loss_feed(client, parent, baby, TODAY)
    assert stage["loss_kind"] == "stillbirth"
    assert {
        "after-a-stillbirth",
        "parental-bereavement-leave-and-pay",
        "support-after-losing-a-baby",
    } <= slugs
    assert not {"after-a-miscarriage", "baby-loss-certificate"} & slugs


def test_a_neonatal_death_offers_neonatal_support_not_pregnancy_loss(client, loaded):
    parent = make_parent(client)
    partner = _join_partner(client, parent)
    baby = add_baby(
        client,
        parent,
        date_of_birth=TODAY - timedelta(days=12),
        gestation_weeks=30,
    )
    (stage, mine), (_, theirs) = _loss_feed(
        client, parent, baby, TODAY - timedelta(days=2), partner
    )
    assert stage["loss_kind"] == "neonatal_death" and stage["loss_stage_day"] == 10
    assert {
        "after-a-neonatal-death",
        "when-a-baby-dies",
        "parental-bereavement-leave-and-pay",
    } <= mine
    assert not {"after-a-miscarriage", "after-a-stillbirth"} & mine
    assert "after-a-neonatal-death" in theirs and "grief-for-partners" in theirs
