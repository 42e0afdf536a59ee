"""The content vocabularies: topics, audiences, ages."""

from __future__ import annotations

ARTICLE_TOPICS = {
    "feeding": "Feeding",
    "leave-and-pay": "Leave and pay",
    "money": "Money",
    "wellbeing": "Wellbeing",
    "relationships": "Relationships",
    "health-checks": "Health checks",
    "immunisations": "Immunisations",
    "development": "Development",
    "sleep-and-safety": "Sleep and safety",
    "pregnancy": "Pregnancy",
    "loss-support": "Support after a loss",
}
AUDIENCES = ("everyone", "birthing_parent", "partner")
AGE_BASES = ("chronological", "corrected")
LANGUAGES = ("en", "cy", "pl", "ro", "ur", "ar")
# Stage days run from the start of pregnancy (-280) to the end of the 1001 days.
MIN_STAGE_DAY = -280
MAX_STAGE_DAY = 1001
# `(?!\n)$`: Python's `$` also matches before a final newline; "abc\n" is not a slug.
# (It stays a plain ECMAScript pattern, as OpenAPI documents it.)
SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*(?!\n)$"
# content_items.slug is VARCHAR(120): a longer slug is a 422, never a database error.
MAX_SLUG_LENGTH = 120
