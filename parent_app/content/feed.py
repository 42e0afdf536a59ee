"""The feed: what matters this week for one baby, the reader's role and their area."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import and_, case, or_, select

from parent_app.content.articles import phase_filter, reader_areas, stage_filter
from parent_app.domain import pregnancy
from parent_app.domain.daynum import from_day
from parent_app.domain.lifecycle import ItemStatus
from parent_app.extensions import db
from parent_app.models import Baby, BabyStatus, User
from parent_app.models.accounts import NATIONAL_AREA
from parent_app.models.content import Article

FEED_SIZE = 12
GENERAL_FROM_DAY = -280
GENERAL_TO_DAY = 730
CORRECTED_UNTIL_DAYS = 730
# A loss from 24 weeks of pregnancy is a stillbirth (registered; maternity and
# paternity leave and pay still apply); before it, a miscarriage or ectopic pregnancy
# (the baby loss certificate). Day -112 is 24+0 weeks: due date - 280 + 168.
STILLBIRTH_FROM_STAGE_DAY = -112
NEONATAL_DAYS = 28


@dataclass
class Feed:
    stage: dict[str, Any]
    articles: list[Article]
    key_dates: list[dict[str, Any]] = field(default_factory=list)


def describe_stage(baby: Baby | None, today: date) -> dict[str, Any]:
    """The stage in words and days: pregnancy week, age, corrected age."""
    if baby is None:
        return {"kind": "preconception"}
    if baby.status is BabyStatus.LOST:
        return {
            "kind": "loss",
            "lost_on": baby.lost_on.isoformat() if baby.lost_on else None,
            **loss_stage(baby),
        }
    if baby.status is BabyStatus.EXPECTED and baby.due_on is not None:
        weeks, days = pregnancy.weeks_pregnant(baby.due_on, today)
        return {
            "kind": "pregnancy",
            "stage_day": (today - baby.due_on).days,
            "pregnancy_weeks": weeks,
            "pregnancy_days": days,
        }
    assert baby.born_on is not None and baby.birth_day is not None
    chronological = (today - baby.born_on).days
    stage: dict[str, Any] = {
        "kind": "baby",
        "stage_day": chronological,
        "age_weeks": chronological // 7,
    }
    corrected = corrected_stage_day(baby, today)
    if corrected is not None:
        stage["corrected_stage_day"] = corrected
        stage["corrected_age_weeks"] = corrected // 7
    return stage


def loss_stage(baby: Baby) -> dict[str, Any]:
    """When in the pregnancy or the baby's life the loss came, as a stage day (the
    same scale as articles' windows) and a kind: `pregnancy_before_24_weeks`,
    `stillbirth`, `neonatal_death` (first 28 days) or `after_birth`; empty when the
    date of the loss is not known."""
    if baby.lost_on is None:
        return {}
    if baby.born_on is not None:
        day = max(0, (baby.lost_on - baby.born_on).days)
        kind = "neonatal_death" if day < NEONATAL_DAYS else "after_birth"
    elif baby.due_on is not None:
        # A pregnancy lost after its due date is still a loss before birth.
        day = min(-1, (baby.lost_on - baby.due_on).days)
        kind = (
            "stillbirth"
            if day >= STILLBIRTH_FROM_STAGE_DAY
            else "pregnancy_before_24_weeks"
        )
    else:
        return {}
    return {"loss_kind": kind, "loss_stage_day": day}


def corrected_stage_day(baby: Baby, today: date) -> int | None:
    """Days since the corrected birth date for a preterm baby under two; None
    otherwise."""
    if baby.corrected_birth_day is None or baby.corrected_birth_day == baby.birth_day:
        return None
    chronological = (today - from_day(baby.birth_day or 0)).days
    if chronological > CORRECTED_UNTIL_DAYS:
        return None
    return (today - from_day(baby.corrected_birth_day)).days


def build_feed(
    reader: User, baby: Baby | None, *, today: date, limit: int = FEED_SIZE
) -> Feed:
    stage = describe_stage(baby, today)
    return Feed(
        stage=stage,
        articles=feed_articles(
            feed_areas(reader), reader.role.value, stage, limit=limit
        ),
    )


def feed_areas(reader: User) -> list[str]:
    return reader_areas(reader) or [NATIONAL_AREA]


def feed_articles(
    areas: list[str], role: str, stage: dict[str, Any], *, limit: int = FEED_SIZE
) -> list[Article]:
    """The feed's articles, from published content only: they depend on nothing but
    the areas, the reader's role and the stage (so a worker may keep them per content
    version)."""
    query = select(Article).where(
        Article.status == ItemStatus.PUBLISHED,
        Article.area_id.in_(areas),
        Article.audience.in_(["everyone", role]),
    )
    if stage["kind"] == "loss":
        # Support chosen by the stage of the loss: its windows are read on the day of
        # the loss, so a miscarriage at 10 weeks and a neonatal death get different
        # articles; without a known stage every support article is offered.
        query = query.where(Article.topic == "loss-support")
        if "loss_stage_day" in stage:
            query = query.where(stage_filter(stage["loss_stage_day"], None))
    else:
        query = query.where(Article.topic != "loss-support")
        if stage["kind"] == "preconception":
            query = query.where(
                or_(
                    Article.is_preconception.is_(True),
                    and_(
                        Article.stage_from_day <= GENERAL_FROM_DAY,
                        Article.stage_to_day >= GENERAL_TO_DAY,
                    ),
                )
            )
        elif stage["kind"] == "pregnancy":
            # An overdue pregnancy still reads late-pregnancy content.
            query = query.where(
                phase_filter(is_born=False),
                stage_filter(min(stage["stage_day"], 0), None),
            )
        else:
            query = query.where(
                phase_filter(is_born=True),
                stage_filter(stage["stage_day"], stage.get("corrected_stage_day")),
            )
    local_first = case((Article.area_id != NATIONAL_AREA, 0), else_=1)
    # Narrow windows first: an article about this very week beats one for the whole
    # year.
    window = Article.stage_to_day - Article.stage_from_day
    query = query.order_by(local_first, window.asc().nulls_last(), Article.id).limit(
        limit
    )
    return list(db.session.scalars(query))
