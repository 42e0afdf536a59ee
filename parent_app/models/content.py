"""Content items of every kind, their numbered revisions, and the live articles."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parent_app.domain.lifecycle import ItemStatus, RevisionState
from parent_app.extensions import db
from parent_app.models.types import UTCDateTime, str_enum, utcnow


class ContentItem(db.Model):
    """One article, nudge rule or course through its lifecycle."""

    __tablename__ = "content_items"
    __table_args__ = (UniqueConstraint("kind", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    slug: Mapped[str] = mapped_column(String(120))
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"), index=True)
    status: Mapped[ItemStatus] = mapped_column(str_enum(ItemStatus, 16), index=True)
    # Plain integers, not foreign keys: a revision belongs to its item (which cascades),
    # and a cycle of foreign keys between the two tables would complicate every
    # migration.
    live_revision_id: Mapped[int | None] = mapped_column(Integer)
    pending_revision_id: Mapped[int | None] = mapped_column(Integer)
    created_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # The fingerprint of the data the starter catalogue last published here (None for
    # items staff wrote): the loader updates an item only while its live revision
    # still matches it.
    catalogue_hash: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, index=True
    )

    revisions: Mapped[list[ContentRevision]] = relationship(
        back_populates="item",
        order_by="ContentRevision.number",
        cascade="all, delete-orphan",
    )
    live_revision: Mapped[ContentRevision | None] = relationship(
        primaryjoin="foreign(ContentItem.live_revision_id) == ContentRevision.id",
        post_update=True,
        viewonly=False,
    )
    pending_revision: Mapped[ContentRevision | None] = relationship(
        primaryjoin="foreign(ContentItem.pending_revision_id) == ContentRevision.id",
        post_update=True,
    )


class ContentRevision(db.Model):
    __tablename__ = "content_revisions"
    __table_args__ = (UniqueConstraint("item_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int] = mapped_column(Integer)
    state: Mapped[RevisionState] = mapped_column(
        str_enum(RevisionState, 16), index=True
    )
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    reviewer_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    review_comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    item: Mapped[ContentItem] = relationship(
        foreign_keys=[item_id], back_populates="revisions"
    )


class Article(db.Model):
    """The live (published or archived) version of an article, in queryable columns."""

    __tablename__ = "articles"
    __table_args__ = (
        Index("ix_articles_status_updated", "status", "updated_at", "id"),
        Index("ix_articles_stage", "stage_from_day", "stage_to_day"),
    )

    id: Mapped[int] = mapped_column(
        ForeignKey("content_items.id", ondelete="CASCADE"), primary_key=True
    )
    slug: Mapped[str] = mapped_column(String(120), unique=True)
    status: Mapped[ItemStatus] = mapped_column(str_enum(ItemStatus, 16))
    revision: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(120))
    summary: Mapped[str] = mapped_column(String(240))
    body_markdown: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    search_text: Mapped[str] = mapped_column(Text)
    topic: Mapped[str] = mapped_column(String(32), index=True)
    audience: Mapped[str] = mapped_column(String(16))
    is_preconception: Mapped[bool] = mapped_column(Boolean, default=lambda: False)
    stage_from_day: Mapped[int | None] = mapped_column(Integer)
    stage_to_day: Mapped[int | None] = mapped_column(Integer)
    age_basis: Mapped[str] = mapped_column(String(16), default=lambda: "chronological")
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"), index=True)
    language: Mapped[str] = mapped_column(String(8), default=lambda: "en")
    source_name: Mapped[str] = mapped_column(String(200))
    source_url: Mapped[str] = mapped_column(String(500))
    review_by: Mapped[date] = mapped_column(Date)
    reading_minutes: Mapped[int] = mapped_column(Integer)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The change number of its last change (content/sync.py): what `updated_since`
    # compares, in commit order.
    change_seq: Mapped[int] = mapped_column(BigInteger, default=lambda: 0, index=True)


class ChangeCounter(db.Model):
    """The last change number handed out to a synced list's rows. Taking the next one
    locks this row until the transaction ends, so change numbers follow commit order."""

    __tablename__ = "change_counters"

    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger)
