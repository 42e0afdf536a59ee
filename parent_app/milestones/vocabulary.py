"""The milestone table: written from the one vocabulary list (domain.milestones); rows
staff added are left alone."""

from __future__ import annotations

from sqlalchemy import select

from parent_app.domain.milestones import MILESTONES
from parent_app.extensions import db
from parent_app.models import Milestone


def load_milestones() -> int:
    """Upsert the vocabulary; returns how many were new."""
    created = 0
    for position, spec in enumerate(MILESTONES):
        row = db.session.get(Milestone, spec.key)
        if row is None:
            row = Milestone(key=spec.key)
            db.session.add(row)
            created += 1
        row.title, row.anchor = spec.title, spec.anchor
        row.from_days, row.until_days = spec.from_days, spec.until_days
        row.per_adult, row.position = spec.per_adult, position
    db.session.flush()
    return created


def all_milestones() -> list[Milestone]:
    return list(
        db.session.scalars(
            select(Milestone).order_by(Milestone.position, Milestone.key)
        )
    )
