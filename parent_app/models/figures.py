"""Anonymous uptake figures: counts per area × calendar month × milestone, written in
the same transaction as the event. No column holds a user, household or baby id, so
erasing a family changes no published figure."""

from __future__ import annotations

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from parent_app.extensions import db


class MilestoneFigure(db.Model):
    """How many marks of `status` adults in `role` made in the area in the month."""

    __tablename__ = "figures_milestone_marks"

    area_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    milestone_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    role: Mapped[str] = mapped_column(String(32), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class MilestoneDenominator(db.Model):
    """How many babies' windows for the milestone opened in the area in the month,
    counted on the day each opened (a snapshot: later changes do not move it)."""

    __tablename__ = "figures_milestone_windows"

    area_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    milestone_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class MilestoneWindowMark(db.Model):
    """The newest day whose opening windows were counted, per milestone."""

    __tablename__ = "figures_window_marks"

    milestone_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    counted_through_day: Mapped[int] = mapped_column(Integer)


class ReachMeasure:
    """What happened to a rule's nudges, in the order a nudge goes through them."""

    PLANNED = "planned"
    IN_INBOX = "in_inbox"
    PUSHED = "pushed"
    READ = "read"
    ACTED = "acted"
    ALL = (PLANNED, IN_INBOX, PUSHED, READ, ACTED)


class NudgeReachFigure(db.Model):
    """How many of a nudge rule's nudges, falling due in the month for families in the
    area, reached the step `measure` (planned, in the inbox, pushed to at least one
    device, read, acted on). `rule_id` names the content, not a family; no foreign key,
    so nothing cascades here."""

    __tablename__ = "figures_nudge_reach"

    area_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    rule_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    measure: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class MilestoneCutFigure(db.Model):
    """The milestone figures again, cut for equity by what the parent chose or the
    family is, never by who: `cut` "language" (the language the adult chose; for a
    window, each language read in the household) or "partner" (`value` "joined" when
    the household has a second adult, else "not_joined"). `measure` is
    "windows_opened" or the status marked."""

    __tablename__ = "figures_milestone_cuts"

    area_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    milestone_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    measure: Mapped[str] = mapped_column(String(16), primary_key=True)
    cut: Mapped[str] = mapped_column(String(16), primary_key=True)
    value: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class HouseholdFigure(db.Model):
    """Households in the area as the month began (the month's first planning run):
    `measure` "households" (with a baby, not after a loss) and "partner_joined" (of
    them, those with a second adult). Taken once a month, so later changes do not move
    it."""

    __tablename__ = "figures_households"

    area_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    measure: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class CourseMeasure:
    """What a course's bookings are counted by: those holding a place now, the adults
    in them, those on the waiting list now, and those ever cancelled."""

    BOOKED = "booked"
    PLACES = "places"
    WAITING = "waiting"
    CANCELLED = "cancelled"
    ALL = (BOOKED, PLACES, WAITING, CANCELLED)


class CourseReachFigure(db.Model):
    """A course's bookings in the area, for its sessions starting in the month (UK
    time), by `measure` (booked, places, waiting, cancelled). Moved by one at each
    booking's change of state, in the same transaction. `course_id` names the content,
    not a family; no foreign key, so nothing cascades here and an erased family's
    bookings stay counted."""

    __tablename__ = "figures_course_reach"

    area_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    course_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    measure: Mapped[str] = mapped_column(String(16), primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
