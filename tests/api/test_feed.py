"""The feed fits the baby's stage, the reader's role and area, and turns to support
after a loss."""

from datetime import date, timedelta

import pytest

from tests.factories import add_baby, assert_error, make_parent, publish_article

TODAY = date.today()


@pytest.fixture
def catalogue(app):
    publish_article(
        app,
        "folic-acid",
        topic="pregnancy",
        stage="preconception",
        stage_from_day=None,
        stage_to_day=None,
    )
    publish_article(
        app, "dating-scan", topic="pregnancy", stage_from_day=-224, stage_to_day=-182
    )
    publish_article(
        app,
        "first-vaccinations",
        topic="immunisations",
        stage_from_day=49,
        stage_to_day=70,
    )
    publish_article(
        app, "newborn-feeding", topic="feeding", stage_from_day=0, stage_to_day=28
    )
    publish_article(
        app,
        "starting-solids",
        topic="feeding",
        stage_from_day=150,
        stage_to_day=240,
        age_basis="corrected",
    )
    publish_article(
        app,
        "tummy-time",
        topic="development",
        stage_from_day=7,
        stage_to_day=30,
        age_basis="corrected",
    )
    publish_article(
        app,
        "paternity-leave",
        topic="leave-and-pay",
        audience="partner",
        stage_from_day=-280,
        stage_to_day=365,
    )
    publish_article(
        app,
        "mum-postnatal-check",
        topic="health-checks",
        audience="birthing_parent",
        stage_from_day=42,
        stage_to_day=70,
    )
    publish_article(
        app,
        "dorset-groups",
        topic="wellbeing",
        area="dorset",
        stage_from_day=0,
        stage_to_day=365,
    )
    publish_article(
        app,
        "hampshire-groups",
        topic="wellbeing",
        area="hampshire",
        stage_from_day=0,
        stage_to_day=365,
    )
    publish_article(
        app, "after-a-loss", topic="loss-support", stage_from_day=-280, stage_to_day=912
    )
    publish_article(
        app,
        "general-wellbeing",
        topic="wellbeing",
        stage_from_day=-280,
        stage_to_day=912,
    )


def _feed(client, parent, baby=None):
    url = "/api/v1/feed" + (f"?baby_id={baby['id']}" if baby else "")
    response = client.get(url, headers=parent["headers"])
    assert response.status_code == 200, response.get_json()
    body = response.get_json()
    return body, {a["slug"] for a in body["articles"]}


def test_pregnancy_at_12_weeks(client, catalogue):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=28))
    body, slugs = _feed(client, parent, baby)
    assert body["stage"]["pregnancy_weeks"] == 12
    assert "dating-scan" in slugs
    assert not slugs & {
        "first-vaccinations",
        "newborn-feeding",
        "after-a-loss",
        "folic-acid",
    }


def test_baby_at_8_weeks_differs_from_the_pregnancy(client, catalogue):
    parent = make_parent(client)
    baby = add_baby(client, parent, date_of_birth=TODAY - timedelta(weeks=8))
    body, slugs = _feed(client, parent, baby)
    assert body["stage"]["age_weeks"] == 8
    assert {"first-vaccinations", "mum-postnatal-check", "dorset-groups"} <= slugs
    assert not slugs & {
        "dating-scan",
        "hampshire-groups",
        "newborn-feeding",
        "paternity-leave",
    }
    assert body["articles"][0]["slug"] == "dorset-groups"  # local first


def test_premature_baby_gets_development_by_corrected_age(client, catalogue):
    parent = make_parent(client)
    baby = add_baby(
        client, parent, date_of_birth=TODAY - timedelta(weeks=10), gestation_weeks=32
    )
    body, slugs = _feed(client, parent, baby)
    assert (body["stage"]["age_weeks"], body["stage"]["corrected_age_weeks"]) == (10, 2)
    assert "tummy-time" in slugs  # corrected age 2 weeks
    assert "first-vaccinations" in slugs  # immunisations follow the real age


def test_partner_and_birthing_parent_see_their_own_content(client, catalogue):
    mum = make_parent(client)
    baby = add_baby(client, mum, date_of_birth=TODAY - timedelta(weeks=8))
    partner = make_parent(client, role="partner")
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    client.post("/api/v1/family/join", json={"code": code}, headers=partner["headers"])
    _, mum_slugs = _feed(client, mum, baby)
    _, partner_slugs = _feed(client, partner, baby)
    assert "paternity-leave" in partner_slugs and "paternity-leave" not in mum_slugs
    assert (
        "mum-postnatal-check" in mum_slugs
        and "mum-postnatal-check" not in partner_slugs
    )


def test_after_a_loss_only_support_is_shown(client, catalogue):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=26))
    client.post(f"/api/v1/babies/{baby['id']}/loss", json={}, headers=parent["headers"])
    body, slugs = _feed(client, parent, baby)
    assert body["stage"]["kind"] == "loss"
    assert slugs == {"after-a-loss"}


def test_no_baby_gets_preconception_and_general_content(client, catalogue):
    parent = make_parent(client)
    _, slugs = _feed(client, parent)
    assert slugs == {"folic-acid", "general-wellbeing"}


def test_another_familys_baby_feed_is_a_404(client, catalogue):
    owner = make_parent(client)
    baby = add_baby(client, owner, due_date=TODAY + timedelta(weeks=20))
    stranger = make_parent(client)
    assert_error(
        client.get(f"/api/v1/feed?baby_id={baby['id']}", headers=stranger["headers"]),
        404,
    )


@pytest.fixture
def around_birth(app, catalogue):
    publish_article(
        app, "packing-your-bag", topic="pregnancy", stage_from_day=-42, stage_to_day=0
    )
    publish_article(
        app, "going-into-labour", topic="pregnancy", stage_from_day=-21, stage_to_day=0
    )


def test_without_baby_id_the_feed_follows_the_pregnancy(client, catalogue):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=20))
    body, slugs = _feed(client, parent)
    assert body["stage"]["kind"] == "pregnancy"
    assert body["stage"]["pregnancy_weeks"] == 20
    assert body["baby"] == {
        "id": baby["id"],
        "name": None,
        "status": "expected",
        "chosen": "youngest",
    }
    assert "folic-acid" not in slugs


def test_without_baby_id_the_youngest_active_baby_is_chosen(client, catalogue):
    parent = make_parent(client)
    add_baby(client, parent, date_of_birth=TODAY - timedelta(weeks=60))
    lost = add_baby(client, parent, due_date=TODAY + timedelta(weeks=30))
    client.post(f"/api/v1/babies/{lost['id']}/loss", json={}, headers=parent["headers"])
    younger = add_baby(client, parent, date_of_birth=TODAY - timedelta(weeks=8))
    body, slugs = _feed(client, parent)
    assert body["baby"]["id"] == younger["id"]
    assert body["stage"]["age_weeks"] == 8 and "first-vaccinations" in slugs
    asked, _ = _feed(client, parent, younger)
    assert asked["baby"]["chosen"] == "asked"


def test_no_baby_at_all_says_so(client, catalogue):
    parent = make_parent(client)
    body, _ = _feed(client, parent)
    assert body["baby"] is None and body["stage"] == {"kind": "preconception"}


@pytest.mark.parametrize("days_old", [0, 1])
def test_a_born_baby_never_gets_pregnancy_only_content(client, around_birth, days_old):
    parent = make_parent(client)
    baby = add_baby(
        client,
        parent,
        due_date=TODAY + timedelta(days=7 - days_old),
    )
    born = client.post(
        f"/api/v1/babies/{baby['id']}/birth",
        json={"date_of_birth": (TODAY - timedelta(days=days_old)).isoformat()},
        headers=parent["headers"],
    )
    assert born.status_code == 200, born.get_json()
    _, slugs = _feed(client, parent, baby)
    assert "newborn-feeding" in slugs and "general-wellbeing" in slugs
    assert not slugs & {"packing-your-bag", "going-into-labour", "dating-scan"}


def test_an_overdue_pregnancy_keeps_late_pregnancy_content_not_newborn(
    client, around_birth
):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY - timedelta(days=5))
    body, slugs = _feed(client, parent, baby)
    assert body["stage"]["kind"] == "pregnancy"
    assert {"packing-your-bag", "going-into-labour"} <= slugs
    assert not slugs & {"newborn-feeding", "dorset-groups"}
