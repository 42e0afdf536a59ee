"""The starter catalogue loads whole, validates every file, and loads again as a
no-op."""

import re

from parent_app.content.catalogue.loader import FOLDERS, read_folder


def test_every_catalogue_file_names_itself_by_slug():
    for folder in FOLDERS:
        for name, data in read_folder(folder):
            assert name == f"{data['slug']}.md", name


def test_the_catalogue_loads_without_errors_and_is_idempotent(runner, app):
    first = runner.invoke(args=["content", "load-catalogue"])
    assert first.exit_code == 0, first.output
    second = runner.invoke(args=["content", "load-catalogue"])
    assert second.exit_code == 0, second.output
    assert re.search(r"nothing loaded, \d+ unchanged", second.output), second.output


def test_the_catalogue_covers_what_the_issues_ask(runner, app):
    from sqlalchemy import func, select

    from parent_app.extensions import db
    from parent_app.models import Article, NudgeRule

    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0
    with app.app_context():
        articles = db.session.scalar(select(func.count()).select_from(Article))
        partner_articles = db.session.scalar(
            select(func.count()).where(Article.audience == "partner")
        )
        rules = db.session.scalar(select(func.count()).select_from(NudgeRule))
        partner_rules = db.session.scalar(
            select(func.count()).where(NudgeRule.audience == "partner")
        )
        topics = set(db.session.scalars(select(Article.topic).distinct()))
    assert articles >= 45 and partner_articles >= 8
    assert rules >= 40 and partner_rules >= 8
    assert {
        "feeding",
        "leave-and-pay",
        "money",
        "wellbeing",
        "loss-support",
        "immunisations",
    } <= topics


def test_every_article_names_its_source_and_a_review_date(runner, app):
    for _, data in read_folder("articles"):
        assert data["source_url"].startswith("http") and data["source_name"]
        assert data["review_by"] > "2026-11-22"


def _row_counts_and_watermarks(app):
    from sqlalchemy import func, select, text

    from parent_app.extensions import db
    from parent_app.models import Article

    tables = [
        "content_items",
        "content_revisions",
        "articles",
        "nudge_rules",
        "courses",
        "course_sessions",
        "audit_log",
    ]
    with app.app_context():
        counts = {
            t: db.session.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in tables
        }
        counts["articles.max_updated_at"] = db.session.scalar(
            select(func.max(Article.updated_at))
        )
        counts["content_items.max_updated_at"] = db.session.execute(
            text("SELECT max(updated_at) FROM content_items")
        ).scalar()
    return counts


def test_loading_again_writes_nothing_so_sync_and_etags_do_not_churn(
    runner, app, client
):
    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0
    before = _row_counts_and_watermarks(app)
    etag = client.get("/api/v1/articles?topic=feeding").headers["ETag"]
    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0
    assert _row_counts_and_watermarks(app) == before
    assert (
        client.get(
            "/api/v1/articles?topic=feeding", headers={"If-None-Match": etag}
        ).status_code
        == 304
    )


def test_every_article_front_matter_field_validates(app):
    """Each file on its own through the same validation as the staff API: only known
    fields, every required one, a named source with a web address, a review date."""
    from parent_app.content.articles import ArticleDataSchema, validate_article

    known = set(ArticleDataSchema().fields)
    problems = {}
    with app.app_context():
        for name, data in read_folder("articles"):
            unknown = set(data) - known
            if unknown:
                problems[name] = f"unknown fields {sorted(unknown)}"
                continue
            for required in (
                "slug",
                "title",
                "summary",
                "topic",
                "audience",
                "area",
                "language",
                "source_name",
                "source_url",
                "review_by",
            ):
                if required not in data:
                    problems[name] = f"no {required}"
            try:
                cleaned = validate_article(data)
            except Exception as exc:  # noqa: BLE001 - reported per file below
                problems[name] = getattr(exc, "fields", None) or repr(exc)
                continue
            if len(cleaned["source_name"].strip()) < 3 or not re.match(
                r"https?://[^/]+\.[a-z]", cleaned["source_url"]
            ):
                problems[name] = "source not named"
            if not (
                cleaned.get("stage") == "preconception"
                or cleaned["stage_from_day"] is not None
            ):
                problems[name] = "no stage"
    assert problems == {}


# The issue's list, item by item: each needs at least one article (by slug).
COVERAGE = {
    "folic acid": ["folic-acid-before-pregnancy"],
    "vitamin D before pregnancy": ["vitamin-d-when-planning-a-pregnancy"],
    "booking": ["booking-appointment-before-10-weeks"],
    "scans": ["dating-scan-and-screening", "anomaly-scan-around-20-weeks"],
    "vaccines in pregnancy": [
        "whooping-cough-vaccine-in-pregnancy",
        "rsv-vaccine-in-pregnancy",
        "flu-vaccine-in-pregnancy",
    ],
    "Healthy Start": ["healthy-start"],
    "MATB1": ["matb1-maternity-certificate"],
    "colostrum and the first days": ["colostrum-and-the-first-days"],
    "responsive breastfeeding": ["responsive-breastfeeding"],
    "expressing and storing": ["expressing-and-storing-breast-milk"],
    "safe formula preparation": ["making-up-formula-safely"],
    "vitamin D for babies": ["vitamin-d-for-babies"],
    "getting feeding support": ["getting-feeding-support"],
    "starting solids at around 6 months": ["starting-solids-at-around-6-months"],
    "allergens": ["introducing-allergens"],
    "drinks and cups": ["drinks-and-cups"],
    "feeding a premature baby": ["feeding-a-premature-baby"],
    "maternity leave and SMP": ["maternity-leave", "statutory-maternity-pay"],
    "Maternity Allowance": ["maternity-allowance"],
    "paternity leave in two blocks": ["paternity-leave-in-two-blocks"],
    "paternity 2026 day-one change": ["paternity-leave-day-one-right"],
    "Shared Parental Leave": ["shared-parental-leave"],
    "unpaid parental leave": ["unpaid-parental-leave"],
    "antenatal time off for partners": ["time-off-for-antenatal-appointments-partners"],
    "telling your employer": [
        "telling-your-employer-youre-pregnant",
        "telling-your-employer-as-a-partner",
    ],
    "Child Benefit": ["child-benefit"],
    "Sure Start Maternity Grant": ["sure-start-maternity-grant"],
    "free childcare hours": ["free-childcare-hours"],
    "Tax-Free Childcare": ["tax-free-childcare"],
    "finance and skills review": ["finance-and-skills-review"],
    "perinatal mental health": [
        "baby-blues-or-postnatal-depression",
        "postpartum-psychosis",
    ],
    "where to get help now": ["where-to-get-help-now"],
    "arguing better as a couple": ["arguing-better-as-a-couple"],
    "coping with crying": ["coping-with-crying-icon"],
    "dads' and partners' mental health": ["dads-and-partners-mental-health"],
    "health checks and ASQ": [
        "six-to-eight-week-checks",
        "one-year-review",
        "two-year-review",
    ],
    "immunisation schedule by cohort": [
        "vaccinations-born-before-1-july-2024",
        "vaccinations-born-1-july-to-31-december-2024",
        "vaccinations-born-from-1-january-2025",
    ],
    "safer sleep": ["safer-sleep"],
    "loss support": ["after-a-miscarriage", "after-a-stillbirth", "when-a-baby-dies"],
}


def test_the_catalogue_covers_every_item_the_issue_lists():
    slugs = {data["slug"] for _, data in read_folder("articles")}
    missing = {
        item: [s for s in needed if s not in slugs] for item, needed in COVERAGE.items()
    }
    assert {k: v for k, v in missing.items() if v} == {}
    assert len(slugs) >= 45
    partner = [
        data["slug"]
        for _, data in read_folder("articles")
        if data.get("audience") == "partner"
    ]
    assert len(partner) >= 8, partner


def test_done_when_make_run_serves_the_catalogue_and_feeds_fit_the_stage(
    runner, app, client
):
    """`make run` loads the catalogue: feeding articles are listed, and the feeds for a
    12-week pregnancy and an 8-week-old baby differ and each fits its stage."""
    from datetime import date, timedelta

    from tests.factories import add_baby, make_parent

    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0
    feeding = client.get("/api/v1/articles?topic=feeding&limit=100").get_json()["items"]
    assert len(feeding) >= 10 and {a["topic"] for a in feeding} == {"feeding"}
    assert {a["status"] for a in feeding} == {"published"}

    today = date.today()
    parent = make_parent(client, area="dorset")
    pregnancy = add_baby(client, parent, due_date=today + timedelta(weeks=28))
    baby = add_baby(client, parent, date_of_birth=today - timedelta(weeks=8))
    feeds = {}
    for name, record in (("pregnancy", pregnancy), ("baby", baby)):
        body = client.get(
            f"/api/v1/feed?baby_id={record['id']}", headers=parent["headers"]
        ).get_json()
        assert body["articles"], name
        day = body["stage"]["stage_day"]
        for article in body["articles"]:
            assert article["stage_from_day"] <= day <= article["stage_to_day"], (
                name,
                article["slug"],
            )
            assert (
                article["topic"] != "loss-support" and article["audience"] != "partner"
            )
            assert article["area"] in ("national", "dorset")
        feeds[name] = [a["slug"] for a in body["articles"]]
    assert body["stage"]["age_weeks"] == 8
    assert feeds["pregnancy"] != feeds["baby"]
    assert "dating-scan-and-screening" in feeds["pregnancy"]


def _item_id(app, slug, kind="article"):
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models.content import ContentItem

    with app.app_context():
        return db.session.scalar(
            select(ContentItem.id).where(
                ContentItem.kind == kind, ContentItem.slug == slug
            )
        )


def _staff_edit_and_approve(app, client, item_id, title):
    from tests.factories import make_staff

    author = make_staff(app, client, role="author", areas=("dorset",))
    editor = make_staff(app, client, role="editor", areas=("dorset",))
    base = f"/api/v1/staff/articles/{item_id}"
    edited = client.patch(base, json={"title": title}, headers=author["headers"])
    assert edited.status_code == 200, edited.get_json()
    assert client.post(f"{base}/submit", headers=author["headers"]).status_code == 200
    approved = client.post(f"{base}/approve", headers=editor["headers"])
    assert approved.status_code == 200, approved.get_json()


def test_reloading_the_catalogue_never_reverts_an_approved_staff_edit(
    runner, app, client
):
    from tests.factories import make_staff

    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0
    item_id = _item_id(app, "dorset-family-hubs")
    _staff_edit_and_approve(app, client, item_id, "Dorset family hubs near you")
    for _ in range(2):
        result = runner.invoke(args=["content", "load-catalogue"])
        assert result.exit_code == 0, result.output
        assert (
            "skipped articles/dorset-family-hubs.md: changed by staff" in result.output
        )
        assert re.search(r"nothing loaded, \d+ unchanged, 1 skipped", result.output)
    article = client.get("/api/v1/articles/dorset-family-hubs").get_json()
    assert article["title"] == "Dorset family hubs near you"
    revisions = client.get(
        f"/api/v1/staff/articles/{item_id}/revisions",
        headers=make_staff(app, client, role="editor")["headers"],
    ).get_json()
    assert [r["number"] for r in revisions] == [1, 2]


def test_the_catalogue_leaves_archived_items_and_pending_drafts_alone(
    runner, app, client
):
    from tests.factories import make_staff

    assert runner.invoke(args=["content", "load-catalogue"]).exit_code == 0
    editor = make_staff(app, client, role="editor", areas=("dorset",))
    author = make_staff(app, client, role="author", areas=("dorset",))
    archived = _item_id(app, "dorset-family-hubs")
    drafted = _item_id(app, "dorset-family-hubs", kind="nudge_rule")
    assert (
        client.post(
            f"/api/v1/staff/articles/{archived}/archive", headers=editor["headers"]
        ).status_code
        == 200
    )
    assert (
        client.patch(
            f"/api/v1/staff/nudges/{drafted}",
            json={"title": "Your Dorset family hub"},
            headers=author["headers"],
        ).status_code
        == 200
    )
    result = runner.invoke(args=["content", "load-catalogue"])
    assert result.exit_code == 0, result.output
    assert "articles/dorset-family-hubs.md: archived by staff" in result.output
    assert (
        "nudges/dorset-family-hubs.md: a staff draft or a revision in review"
        in result.output
    )
    assert client.get("/api/v1/articles/dorset-family-hubs").status_code == 404


def test_the_catalogue_still_updates_what_staff_never_touched(app):
    from datetime import UTC, datetime

    from parent_app.content.lifecycle import publish_from_catalogue
    from parent_app.extensions import db
    from tests.factories import article_data

    data = article_data(slug="catalogue-only")
    with app.app_context():
        first = publish_from_catalogue("article", data, now=datetime.now(UTC))
        assert first.action == "created"
        again = publish_from_catalogue("article", data, now=datetime.now(UTC))
        assert again.action == "unchanged"
        changed = publish_from_catalogue(
            "article", {**data, "title": "New words"}, now=datetime.now(UTC)
        )
        assert changed.action == "updated"
        assert changed.item.live_revision.data["title"] == "New words"
        db.session.commit()


def test_an_item_staff_wrote_first_is_never_taken_over_by_the_catalogue(app, client):
    from datetime import UTC, datetime

    from parent_app.content.lifecycle import publish_from_catalogue
    from tests.factories import article_data, make_staff

    author = make_staff(app, client, role="author", areas=("dorset",))
    response = client.post(
        "/api/v1/staff/articles",
        json=article_data(slug="staff-first"),
        headers=author["headers"],
    )
    assert response.status_code == 201, response.get_json()
    with app.app_context():
        result = publish_from_catalogue(
            "article", article_data(slug="staff-first"), now=datetime.now(UTC)
        )
        assert (result.action, result.reason) == (
            "skipped",
            "written by staff, not by the catalogue",
        )
