"""An area may belong to a wider area: content and nudges for Hampshire & Isle of
Wight reach all four of its areas, and no other (issue 17, item 12)."""

from datetime import date, timedelta

import pytest

from tests.factories import assert_error, make_parent, publish_article
from tests.nudge_helpers import make_family, outbox, plan, publish_rule

HIOW = "hampshire-and-isle-of-wight"
INSIDE = ("hampshire", "southampton", "portsmouth", "isle-of-wight")


def test_the_areas_list_names_the_wider_area(client):
    areas = {a["id"]: a for a in client.get("/api/v1/areas").get_json()}
    assert areas[HIOW]["parent_code"] is None
    for area in INSIDE:
        assert areas[area]["parent_code"] == HIOW
    assert areas["dorset"]["parent_code"] is None


@pytest.mark.parametrize("area", INSIDE)
def test_a_parent_in_each_area_inside_sees_the_wider_areas_articles(app, client, area):
    publish_article(app, "hiow-perinatal-mental-health", area=HIOW)
    parent = make_parent(client, area=area)
    slugs = {
        a["slug"]
        for a in client.get(
            "/api/v1/articles?limit=100", headers=parent["headers"]
        ).get_json()["items"]
    }
    assert "hiow-perinatal-mental-health" in slugs


def test_a_parent_outside_does_not_see_it(app, client):
    publish_article(app, "hiow-perinatal-mental-health", area=HIOW)
    parent = make_parent(client, area="dorset")
    response = client.get("/api/v1/articles?limit=100", headers=parent["headers"])
    assert "hiow-perinatal-mental-health" not in {
        a["slug"] for a in response.get_json()["items"]
    }


def test_a_wider_area_nudge_is_planned_for_families_inside_it_only(app):
    today = date(2026, 12, 4)
    publish_rule(app, "hiow-hello", area=HIOW, offset_days=14)
    born_on = today - timedelta(days=14)
    inside = make_family(app, born_on=born_on, area="portsmouth")
    outside = make_family(app, born_on=born_on, area="dorset")
    plan(app, today)
    babies = {row[1] for row in outbox(app) if row[0] == "hiow-hello"}
    assert inside["baby_ids"][0] in babies
    assert outside["baby_ids"][0] not in babies


def test_a_parent_picks_the_area_inside_not_the_wider_one(client):
    response = client.post(
        "/api/v1/auth/register",
        json={
            "email": "wider@example.org",
            "password": "a long and unusual passphrase 42",
            "role": "birthing_parent",
            "area": HIOW,
        },
    )
    error = assert_error(response, 422)
    assert "southampton" in str(error["fields"])
