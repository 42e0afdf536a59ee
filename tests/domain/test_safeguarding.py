"""The domestic abuse signpost: the helpline numbers, the same in the API and in the
catalogue article."""

from pathlib import Path

from parent_app.domain.safeguarding import HELPLINES, domestic_abuse_signpost

ARTICLE = (
    Path(__file__).parents[2]
    / "parent_app/content/catalogue/articles/domestic-abuse-help.md"
)


def test_the_national_helplines_and_the_family_hub_for_local_services():
    signpost = domestic_abuse_signpost()
    phones = {h["phone"] for h in signpost["helplines"]}
    assert phones == {"0808 2000 247", "0808 8010 327"}
    assert "family hub" in signpost["local"]
    assert "999" in signpost["text"]


def test_the_article_gives_the_same_numbers():
    text = ARTICLE.read_text()
    for helpline in HELPLINES:
        assert helpline.phone in text
