"""The catalogue corrections of issue 17 (items 1 and 6-9), each checked in the text a
parent reads."""

from parent_app.content.catalogue.loader import read_folder


def _item(folder: str, slug: str) -> dict:
    return next(data for _, data in read_folder(folder) if data["slug"] == slug)


def _text(folder: str, slug: str) -> str:
    data = _item(folder, slug)
    return " ".join(str(data.get(k, "")) for k in ("title", "summary", "body"))


def test_hepatitis_b_babies_have_no_separate_dose_at_1_year():
    text = _text("articles", "vaccinations-born-from-1-january-2025")
    assert "at birth, 4 weeks and 1 year" not in text
    assert "**no extra hepatitis B dose at 1 year**" in text
    assert "**4 weeks**" in text and "between 12 and 18 months" in text
    for _, rule in read_folder("nudges"):
        assert "hepatitis" not in rule["body"].lower() or "1 year" not in rule["body"]


def test_paternity_notice_for_a_new_job_is_as_soon_as_reasonably_possible():
    for slug in (
        "paternity-leave-day-one-right",
        "paternity-leave-in-two-blocks",
        "telling-your-employer-as-a-partner",
    ):
        assert "as soon as you reasonably can" in _text("articles", slug), slug


def test_the_day_one_articles_agree_on_babies_due_or_born_from_6_april_2026():
    for slug in ("paternity-leave-day-one-right", "paternity-leave-in-two-blocks"):
        text = _text("articles", slug)
        assert "due, or is born, on or after 6 April 2026" in text, slug
        assert "5 April 2026" not in text, slug


def test_no_mmr_by_january_2026_means_mmrv_and_no_dose_at_3_years_4_months():
    text = _text("articles", "vaccinations-born-1-july-to-31-december-2024")
    assert "No MMR by 1 January 2026?" in text
    assert "do **not** need a measles vaccine at 3 years 4 months" in text
    nudge = _item("nudges", "vaccines-at-1-year-born-jul-dec-2024")["body"]
    assert "MMRV instead" in nudge and "none at 3y4m" in nudge
    assert (
        "MMRV now" in _item("nudges", "vaccines-at-18-months-born-jul-dec-2024")["body"]
    )


def test_health_visiting_runs_to_5_and_the_reviews_end_at_2_to_2_and_a_half():
    text = _text("articles", "hampshire-family-information-fish")
    assert "until your child is 2 and a half" not in text
    assert "until your child is **5**" in text
    assert "**2 to 2 and a half**" in text


def test_the_flu_vaccine_is_free_if_you_are_pregnant():
    text = _text("articles", "flu-vaccine-in-pregnancy")
    assert "pregnant women and people" not in text
    assert "**free if you are pregnant**" in text
