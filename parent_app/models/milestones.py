"""Milestones: the vocabulary (staff may add rows) and what a household ticked for a
baby."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from parent_app.domain.milestones import MilestoneStatus
from parent_app.extensions import db
from parent_app.models.types import UTCDateTime, str_enum, utcnow


class Milestone(db.Model):
    """One named milestone; nudge rules may name it (`nudge_rules.milestone`)."""

    __tablename__ = "milestones"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    anchor: Mapped[str] = mapped_column(String(16))
    from_days: Mapped[int] = mapped_column(Integer)
    until_days: Mapped[int] = mapped_column(Integer)
    per_adult: Mapped[bool] = mapped_column(Boolean, default=lambda: False)
    position: Mapped[int] = mapped_column(Integer, default=lambda: 0)


class BabyMilestone(db.Model):
    """A household's mark on a milestone for a baby (both adults see it). A per-adult
    milestone (leave-checked) has one mark per adult: `for_user_id`, and `scope` is
    "u<id>" (else "") so the unique constraint holds without NULLs."""

    __tablename__ = "baby_milestones"
    __table_args__ = (UniqueConstraint("baby_id", "milestone_key", "scope"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    baby_id: Mapped[int] = mapped_column(
        ForeignKey("babies.id", ondelete="CASCADE"), index=True
    )
    milestone_key: Mapped[str] = mapped_column(
        ForeignKey("milestones.key", ondelete="CASCADE")
    )
    scope: Mapped[str] = mapped_column(String(16), default=lambda: "")
    for_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[MilestoneStatus] = mapped_column(str_enum(MilestoneStatus, 16))
    marked_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The day it is booked for (status booked, when the family gave a date): every
    # adult gets a reminder the day before.
    appointment_on: Mapped[date | None] = mapped_column(Date)
