"""The starter catalogue loads whole, validates every file, and loads again as a no-op."""

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
        partner_articles = db.session.scalar(select(func.count()).where(Article.audience == "partner"))
        rules = db.session.scalar(select(func.count()).select_from(NudgeRule))
        partner_rules = db.session.scalar(select(func.count()).where(NudgeRule.audience == "partner"))
        topics = set(db.session.scalars(select(Article.topic).distinct()))
    assert articles >= 45 and partner_articles >= 8
    assert rules >= 40 and partner_rules >= 8
    assert {"feeding", "leave-and-pay", "money", "wellbeing", "loss-support", "immunisations"} <= topics


def test_every_article_names_its_source_and_a_review_date(runner, app):
    for _, data in read_folder("articles"):
        assert data["source_url"].startswith("http") and data["source_name"]
        assert data["review_by"] > "2026-11-22"
