"""Reach of courses as anonymous figures (figures_course_reach: per area, month of the
session in UK time, course and measure, no personal id). The figures start from the
bookings held today, as the reach page read them.

Revision ID: 7d3e9b1c5a20
Revises: a56721405228
Create Date: 2026-12-04 14:40:00.000000

"""

from collections import Counter
from datetime import UTC
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7d3e9b1c5a20"
down_revision = "a56721405228"
branch_labels = None
depends_on = None

LONDON = ZoneInfo("Europe/London")


def upgrade():
    op.create_table(
        "figures_course_reach",
        sa.Column("area_id", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "area_id",
            "month",
            "course_id",
            "measure",
            name=op.f("pk_figures_course_reach"),
        ),
    )
    _count_todays_bookings()


def _month_of(starts_at):
    if starts_at.tzinfo is None:
        starts_at = starts_at.replace(tzinfo=UTC)
    return starts_at.astimezone(LONDON).strftime("%Y-%m")


def _count_todays_bookings():
    """Course reach so far, from the bookings held today: booked and places (adults)
    of those holding a place, waiting of those on the list, cancelled of those
    cancelled."""
    bookings = sa.table(
        "bookings",
        sa.column("session_id", sa.Integer),
        sa.column("status", sa.String),
        sa.column("attendees", sa.Integer),
    )
    sessions = sa.table(
        "course_sessions",
        sa.column("id", sa.Integer),
        sa.column("course_id", sa.Integer),
        sa.column("starts_at", sa.DateTime(timezone=True)),
    )
    items = sa.table(
        "content_items", sa.column("id", sa.Integer), sa.column("area_id", sa.String)
    )
    reach = sa.table(
        "figures_course_reach",
        sa.column("area_id", sa.String),
        sa.column("month", sa.String),
        sa.column("course_id", sa.Integer),
        sa.column("measure", sa.String),
        sa.column("count", sa.Integer),
    )
    rows = op.get_bind().execute(
        sa.select(
            items.c.area_id,
            sessions.c.course_id,
            sessions.c.starts_at,
            bookings.c.status,
            sa.func.count(),
            sa.func.coalesce(sa.func.sum(bookings.c.attendees), 0),
        )
        .select_from(
            bookings.join(sessions, sessions.c.id == bookings.c.session_id).join(
                items, items.c.id == sessions.c.course_id
            )
        )
        .where(items.c.area_id.is_not(None))
        .group_by(
            items.c.area_id,
            sessions.c.id,
            sessions.c.course_id,
            sessions.c.starts_at,
            bookings.c.status,
        )
    )
    named = {"waitlisted": "waiting", "cancelled": "cancelled"}
    cells = Counter()
    for area_id, course_id, starts_at, status, count, places in rows:
        cell = (area_id, _month_of(starts_at), course_id)
        if status == "booked":
            cells[(*cell, "booked")] += count
            cells[(*cell, "places")] += int(places)
        elif status in named:
            cells[(*cell, named[status])] += count
    if cells:
        op.bulk_insert(
            reach,
            [
                {
                    "area_id": area_id,
                    "month": month,
                    "course_id": course_id,
                    "measure": measure,
                    "count": count,
                }
                for (area_id, month, course_id, measure), count in sorted(cells.items())
            ],
        )


def downgrade():
    op.drop_table("figures_course_reach")
