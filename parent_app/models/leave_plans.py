"""Saved leave plans: one adult's leave-and-pay calculation for one baby."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parent_app.extensions import db
from parent_app.models.types import UTCDateTime, utcnow

if TYPE_CHECKING:
    from parent_app.models.accounts import User


class LeavePlan(db.Model):
    """The inputs of one adult's calculation for one baby (each partner has their own).

    Only the inputs are kept: the result is worked out again from the baby's current
    dates whenever it is read, so a birth recorded later moves every date.
    """

    __tablename__ = "leave_plans"
    __table_args__ = (UniqueConstraint("user_id", "baby_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    baby_id: Mapped[int] = mapped_column(
        ForeignKey("babies.id", ondelete="CASCADE"), index=True
    )
    inputs: Mapped[dict[str, Any]] = mapped_column(JSON)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow
    )

    user: Mapped[User] = relationship()
