"""Nudges: the live rules, the outbox (which is also the inbox), push subscriptions and
deliveries.

Instants the planner computes in SQL are integer epoch seconds (`*_epoch`): day-number
arithmetic in one portable INSERT … SELECT on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parent_app.domain.lifecycle import ItemStatus
from parent_app.extensions import db
from parent_app.models.types import UTCDateTime, str_enum, utcnow


class NudgeRule(db.Model):
    """The live version of a nudge rule (published or archived), in planner-ready
    columns."""

    __tablename__ = "nudge_rules"

    id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[ItemStatus] = mapped_column(str_enum(ItemStatus, 16), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    anchor: Mapped[str] = mapped_column(String(16))
    offset_days: Mapped[int] = mapped_column(Integer)
    age_basis: Mapped[str] = mapped_column(String(16))
    corrected_until_days: Mapped[int] = mapped_column(Integer)
    born_from_day: Mapped[int | None] = mapped_column(Integer)
    born_until_day: Mapped[int | None] = mapped_column(Integer)
    audience: Mapped[str] = mapped_column(String(16))
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"))
    topic: Mapped[str] = mapped_column(String(32))
    send_window_days: Mapped[int] = mapped_column(Integer)
    ttl_seconds: Mapped[int] = mapped_column(Integer)
    urgency: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(String(200))
    article_slug: Mapped[str | None] = mapped_column(String(120))
    source_name: Mapped[str | None] = mapped_column(String(200))
    source_url: Mapped[str | None] = mapped_column(String(500))
    review_by: Mapped[date | None] = mapped_column(Date)
    # The milestone the rule serves: a mark of done or not_for_us stops it.
    milestone: Mapped[str | None] = mapped_column(String(64))
    # A follow-up: remind again this many days after the first reminder reached the
    # adult, unless the milestone is booked, done or not for us by then.
    follow_up_days: Mapped[int | None] = mapped_column(Integer)
    follow_up_title: Mapped[str | None] = mapped_column(String(120))
    follow_up_body: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NudgePlanMark(db.Model):
    """How far the planning sweep has gone for one revision of a rule in one time
    zone: the newest anchor day it has planned. The next day's sweep only reads the
    babies whose window has opened since, so its cost follows what became due, not
    what is held."""

    __tablename__ = "nudge_plan_marks"

    rule_id: Mapped[int] = mapped_column(
        ForeignKey("nudge_rules.id", ondelete="CASCADE"), primary_key=True
    )
    timezone: Mapped[str] = mapped_column(String(64), primary_key=True)
    revision: Mapped[int] = mapped_column(Integer)
    planned_through_day: Mapped[int] = mapped_column(Integer)


class FamilyToReplan(db.Model):
    """A family whose facts changed (a baby added or dated, an adult joined, a topic
    unmuted, a time zone moved): the next planning run plans its whole windows again,
    since the sweep's marks only cover what was already there."""

    __tablename__ = "nudge_replans"

    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), primary_key=True
    )


class OutboxStatus(StrEnum):
    PENDING = "pending"  # planned, waiting for the recipient's reminder time
    DELIVERED = "delivered"  # in the inbox; pushes go out through push_deliveries
    CANCELLED = "cancelled"  # a loss, or the plan changed before it was sent
    EXPIRED = "expired"  # its window passed before it could go


class NudgeOutbox(db.Model):
    """One nudge for one recipient about one baby: the outbox row and the inbox entry.

    `key` is unique: a rule's nudge is "r<rule>:b<baby>:u<user>", a personal one
    "p:<source>:u<user>", so planning again, or moving a date, never makes a second one.
    """

    __tablename__ = "nudge_outbox"
    __table_args__ = (
        Index("ix_nudge_outbox_due", "status", "send_after_epoch"),
        Index("ix_nudge_outbox_inbox", "user_id", "status", "id"),
        # The follow-up sweep reads a rule's first reminders delivered N days ago.
        Index("ix_nudge_outbox_rule_delivered", "rule_id", "delivered_at"),
        # Deleting a reminder (an erasure, a baby deleted) looks for its follow-ups:
        # without this every deleted row would read the whole outbox. Follow-ups are
        # few, so only they are indexed.
        Index(
            "ix_nudge_outbox_follow_up_of_id",
            "follow_up_of_id",
            postgresql_where=text("follow_up_of_id IS NOT NULL"),
            sqlite_where=text("follow_up_of_id IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(120), unique=True)
    rule_id: Mapped[int | None] = mapped_column(
        ForeignKey("nudge_rules.id", ondelete="CASCADE"), index=True
    )
    baby_id: Mapped[int | None] = mapped_column(
        ForeignKey("babies.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    anchor: Mapped[str | None] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(120))
    body: Mapped[str] = mapped_column(String(200))
    topic: Mapped[str] = mapped_column(String(32))
    article_slug: Mapped[str | None] = mapped_column(String(120))
    # The milestone the rule serves: the inbox entry and the push offer its actions.
    milestone: Mapped[str | None] = mapped_column(String(64))
    # A follow-up names the first reminder it follows (key "f<rule>:b<baby>:u<user>").
    follow_up_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("nudge_outbox.id", ondelete="CASCADE")
    )
    # The family's area when a rule's first reminder was planned. The reach figures
    # count every step of that reminder under it, so planned, pushed and read stay one
    # funnel and counting needs no second read of the family. Empty on other rows.
    area_id: Mapped[str | None] = mapped_column(String(64))
    due_day: Mapped[int] = mapped_column(Integer)
    send_after_epoch: Mapped[int] = mapped_column(BigInteger)
    expires_epoch: Mapped[int] = mapped_column(BigInteger)
    ttl_seconds: Mapped[int] = mapped_column(Integer)
    urgency: Mapped[str] = mapped_column(String(16))
    status: Mapped[OutboxStatus] = mapped_column(str_enum(OutboxStatus, 16))
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the parent first ticked the reminder's milestone action (counted once).
    acted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class PushSubscription(db.Model):
    """A browser's PushSubscription; deactivated for good when the push service says
    404/410."""

    __tablename__ = "push_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    endpoint: Mapped[str] = mapped_column(String(1024), unique=True)
    p256dh: Mapped[str] = mapped_column(String(128))
    auth: Mapped[str] = mapped_column(String(64))
    is_active: Mapped[bool] = mapped_column(Boolean, default=lambda: True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    deactivated_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    DEAD = "dead"
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class PushDelivery(db.Model):
    """One push of one outbox row to one subscription, claimed by a sender and
    retried."""

    __tablename__ = "push_deliveries"
    __table_args__ = (
        Index("ix_push_deliveries_due", "status", "next_attempt_epoch"),
        Index(
            "uq_push_deliveries_outbox_subscription",
            "outbox_id",
            "subscription_id",
            unique=True,
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    outbox_id: Mapped[int] = mapped_column(
        ForeignKey("nudge_outbox.id", ondelete="CASCADE")
    )
    subscription_id: Mapped[int] = mapped_column(
        ForeignKey("push_subscriptions.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[DeliveryStatus] = mapped_column(str_enum(DeliveryStatus, 16))
    attempts: Mapped[int] = mapped_column(Integer, default=lambda: 0)
    next_attempt_epoch: Mapped[int] = mapped_column(BigInteger)
    claimed_until_epoch: Mapped[int | None] = mapped_column(BigInteger)
    claim_token: Mapped[str | None] = mapped_column(String(32), index=True)
    last_status: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(Text)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    outbox: Mapped[NudgeOutbox] = relationship()
    subscription: Mapped[PushSubscription] = relationship()


class MutedTopic(db.Model):
    """A topic a user asked not to be nudged about (a table so planning can filter in
    SQL)."""

    __tablename__ = "muted_topics"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(32), primary_key=True)
