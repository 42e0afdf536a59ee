"""Finance and skills reviews and the actions of their personal plans."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parent_app.domain.finance.action import milestone_of, status_on
from parent_app.extensions import db
from parent_app.models.types import UTCDateTime, utcnow


class FinanceReview(db.Model):
    __tablename__ = "finance_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), index=True
    )
    # The adult whose answers these are: they go when that adult's account does.
    submitted_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    baby_id: Mapped[int | None] = mapped_column(
        ForeignKey("babies.id", ondelete="SET NULL"), index=True
    )
    questionnaire_version: Mapped[int] = mapped_column(Integer)
    answers: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    actions: Mapped[list[FinanceAction]] = relationship(
        back_populates="review",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="FinanceAction.priority, FinanceAction.id",
    )


class FinanceAction(db.Model):
    __tablename__ = "finance_actions"

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(
        ForeignKey("finance_reviews.id", ondelete="CASCADE"), index=True
    )
    key: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    why: Mapped[str] = mapped_column(Text)
    for_whom: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    priority: Mapped[int] = mapped_column(Integer)
    timing_note: Mapped[str] = mapped_column(Text)
    worth_pence: Mapped[int | None] = mapped_column(Integer)
    worth_period: Mapped[str | None] = mapped_column(String(16))
    worth_note: Mapped[str | None] = mapped_column(Text)
    tax_year: Mapped[str | None] = mapped_column(String(16))
    opens_on: Mapped[date | None] = mapped_column(Date)
    deadline_on: Mapped[date | None] = mapped_column(Date)
    notice_on: Mapped[date | None] = mapped_column(Date)
    is_deadline_estimated: Mapped[bool] = mapped_column(Boolean, default=lambda: False)
    where_name: Mapped[str] = mapped_column(String(200))
    where_url: Mapped[str | None] = mapped_column(String(500))
    instead: Mapped[str | None] = mapped_column(Text)
    # Shared with the other adults of the household (the household plan).
    is_shared: Mapped[bool] = mapped_column(Boolean, default=lambda: False)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    done_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )

    review: Mapped[FinanceReview] = relationship(back_populates="actions")

    @property
    def milestone(self) -> str | None:
        """The milestone this action serves (a nudge rule may serve it too)."""
        return milestone_of(self.key)

    def status_on(self, today: date) -> str:
        """open, not_yet, missed or done on `today`, from the dates and the done mark
        (`status` keeps what the plan said when it was made: "not_yet" without
        `opens_on` means it waits for a stage the app has no date for)."""
        return status_on(
            today=today,
            opens_on=self.opens_on,
            deadline_on=self.deadline_on,
            is_deadline_estimated=self.is_deadline_estimated,
            is_waiting=self.status == "not_yet" and self.opens_on is None,
            is_done=self.done_at is not None,
        )
