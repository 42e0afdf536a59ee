"""Households, their babies (pregnancies and born children) and partner invites."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parent_app.extensions import db
from parent_app.models.types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from parent_app.models.accounts import User


class BabyStatus(StrEnum):
    EXPECTED = "expected"
    BORN = "born"
    LOST = "lost"


class Household(db.Model):
    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    area_id: Mapped[str | None] = mapped_column(ForeignKey("areas.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Who made the household (the adult who registered into it, or who took it over
    # when that adult left): with the birthing parent, the one who may remove a partner.
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", use_alter=True), index=True
    )

    adults: Mapped[list[User]] = relationship(
        back_populates="household", foreign_keys="User.household_id"
    )
    babies: Mapped[list[Baby]] = relationship(
        back_populates="household",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Baby.id",
    )


class Baby(db.Model):
    """A pregnancy or a born child. Day numbers are days since 1970-01-01, kept by
    parent_app.families.babies.sync_day_numbers, so that planning is integer range
    queries."""

    __tablename__ = "babies"
    __table_args__ = (
        Index("ix_babies_status_due_day", "status", "due_day"),
        Index("ix_babies_status_birth_day", "status", "birth_day"),
        Index("ix_babies_status_corrected_birth_day", "status", "corrected_birth_day"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    name: Mapped[str | None] = mapped_column(String(60))
    status: Mapped[BabyStatus] = mapped_column(str_enum(BabyStatus, 16))
    due_on: Mapped[date | None] = mapped_column(Date)
    born_on: Mapped[date | None] = mapped_column(Date)
    gestation_weeks: Mapped[int | None] = mapped_column(Integer)
    gestation_days: Mapped[int | None] = mapped_column(Integer)
    lost_on: Mapped[date | None] = mapped_column(Date)
    due_day: Mapped[int | None] = mapped_column(Integer)
    birth_day: Mapped[int | None] = mapped_column(Integer)
    corrected_birth_day: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    household: Mapped[Household] = relationship(back_populates="babies")


class FamilyInvite(db.Model):
    """A one-time code a partner uses to join the household; only its hash is stored."""

    __tablename__ = "family_invites"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    used_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
