"""The domestic abuse signpost: the helpline numbers, the same in the API and in the
catalogue article, each with the page it was checked on."""

from pathlib import Path

import pytest

from parent_app.domain.safeguarding import (
    HELPLINES,
    LOCAL_SERVICES,
    domestic_abuse_signpost,
)

ARTICLE = (
    Path(__file__).parents[2]
    / "parent_app/content/catalogue/articles/domestic-abuse-help.md"
)
PILOT_AREAS = (
    "hampshire",
    "southampton",
    "portsmouth",
    "isle-of-wight",
    "dorset",
    "bournemouth-christchurch-poole",
)


def test_the_national_helplines_and_the_family_hub_for_local_services():
    signpost = domestic_abuse_signpost()
    phones = {h["phone"] for h in signpost["helplines"]}
    assert phones == {"0808 2000 247", "0808 8010 327"}
    assert signpost["helplines"][0]["hours"] == "free, 24 hours a day"
    assert "family hub" in signpost["local"]
    assert "999" in signpost["text"]
    assert signpost["local_service"] is None


@pytest.mark.parametrize("area", PILOT_AREAS)
def test_every_pilot_area_has_a_local_service_with_its_source(area):
    service = domestic_abuse_signpost(area)["local_service"]
    assert service is not None
    assert service["source"].startswith("https://")
    assert service["url"].startswith("https://")


def test_a_number_we_could_not_check_is_not_printed():
    unchecked = {a for a, s in LOCAL_SERVICES.items() if s.phone is None}
    assert unchecked == {"portsmouth", "dorset", "bournemouth-christchurch-poole"}


def test_the_article_gives_the_same_numbers_and_names_where_they_were_checked():
    text = ARTICLE.read_text()
    for helpline in (*HELPLINES, *LOCAL_SERVICES.values()):
        if helpline.phone:
            assert helpline.phone in text, helpline.name
            assert helpline.source in text, helpline.name
        else:
            assert helpline.url in text, helpline.name
    assert "24 hours a day" in text
    assert "9:30am to 4:30pm" in text
