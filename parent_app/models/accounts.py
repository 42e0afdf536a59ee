"""Accounts: areas, users (parents and staff), their tokens."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from parent_app.extensions import db
from parent_app.models.types import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from parent_app.models.families import Household
    from parent_app.models.nudges import MutedTopic


class Role(StrEnum):
    BIRTHING_PARENT = "birthing_parent"
    PARTNER = "partner"
    AUTHOR = "author"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def is_parent(self) -> bool:
        return self in (Role.BIRTHING_PARENT, Role.PARTNER)


NATIONAL_AREA = "national"


class Area(db.Model):
    __tablename__ = "areas"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    region: Mapped[str | None] = mapped_column(String(120))
    is_national: Mapped[bool] = mapped_column(Boolean, default=lambda: False)
    # The wider area this one belongs to (Southampton is in Hampshire & Isle of Wight):
    # content for the wider area is shown in each area inside it.
    parent_code: Mapped[str | None] = mapped_column(ForeignKey("areas.id"))


class User(db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the one "confirm your email address" reminder went (never a second).
    verification_reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[Role] = mapped_column(str_enum(Role))
    area_id: Mapped[str | None] = mapped_column(ForeignKey("areas.id"))
    household_id: Mapped[int | None] = mapped_column(
        ForeignKey("households.id", ondelete="SET NULL"), index=True
    )
    display_name: Mapped[str | None] = mapped_column(String(80))
    reminder_time: Mapped[str] = mapped_column(String(5), default=lambda: "10:00")
    quiet_start: Mapped[str | None] = mapped_column(String(5))
    quiet_end: Mapped[str | None] = mapped_column(String(5))
    timezone: Mapped[str] = mapped_column(
        String(64), default=lambda: "Europe/London", index=True
    )
    # The local minute reminders go out: reminder_time moved out of the quiet hours;
    # kept by accounts.users.update_profile so the planner can use it in SQL.
    reminder_minute: Mapped[int] = mapped_column(Integer, default=lambda: 600)
    language: Mapped[str] = mapped_column(String(8), default=lambda: "en")
    # Generic push text ("You have a new message") for a shared phone or a watched one.
    discreet: Mapped[bool] = mapped_column(Boolean, default=lambda: False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A disabled staff account cannot sign in, and its tokens stop working at once.
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    household: Mapped[Household | None] = relationship(
        back_populates="adults", foreign_keys=[household_id]
    )
    staff_areas: Mapped[list[StaffArea]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    muted: Mapped[list[MutedTopic]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="MutedTopic.topic"
    )

    @property
    def muted_topics(self) -> list[str]:
        return [m.topic for m in self.muted]

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_staff(self) -> bool:
        return not Role(self.role).is_parent

    @property
    def staff_area_ids(self) -> set[str]:
        return {link.area_id for link in self.staff_areas}

    @property
    def quiet_hours(self) -> dict[str, Any] | None:
        if self.quiet_start and self.quiet_end:
            return {"start": self.quiet_start, "end": self.quiet_end}
        return None


class StaffArea(db.Model):
    """The areas a staff member may write and review for."""

    __tablename__ = "staff_areas"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    area_id: Mapped[str] = mapped_column(ForeignKey("areas.id"), primary_key=True)


class ApiToken(db.Model):
    """A bearer token: only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Kept to the minute (accounts.tokens.TOUCH_EVERY), not on every request.
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # "Firefox on Android": what a person needs to recognise a sign-in, no more.
    device_hint: Mapped[str | None] = mapped_column(String(60))

    user: Mapped[User] = relationship()


class LinkPurpose(StrEnum):
    VERIFY_EMAIL = "verify_email"
    RESET_PASSWORD = "reset_password"  # noqa: S105 - a purpose, not a password


class AccountLink(db.Model):
    """A single-use, expiring link sent by mail (verify an address, reset a password);
    only the SHA-256 of its random token is stored."""

    __tablename__ = "account_links"
    __table_args__ = (Index("ix_account_links_user_id_purpose", "user_id", "purpose"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    purpose: Mapped[LinkPurpose] = mapped_column(str_enum(LinkPurpose, 16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # The address it was sent to: a verification link proves only that address.
    email: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AuditEntry(db.Model):
    """Who did what to which object, from which revision (staff actions)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    action: Mapped[str] = mapped_column(String(64))
    object_type: Mapped[str] = mapped_column(String(32))
    object_id: Mapped[str] = mapped_column(String(64))
    revision: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
