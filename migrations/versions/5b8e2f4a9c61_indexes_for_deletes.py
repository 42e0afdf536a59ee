"""Indexes on the foreign keys that deleting a family's rows looks through: a reminder's
follow-ups (nudge_outbox.follow_up_of_id, only rows that have one), the rows that name
an adult, a baby or a household (households.created_by_id, family_invites,
finance_actions.done_by_id, finance_reviews.baby_id, baby_milestones.marked_by_id,
bookings.household_id) and the content and sessions a staff member made. Without them
each deleted row read the whole referring table: deleting a family's reminders read the
whole outbox once per reminder.

Revision ID: 5b8e2f4a9c61
Revises: 7d3e9b1c5a20
Create Date: 2026-12-04 15:15:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "5b8e2f4a9c61"
down_revision = "7d3e9b1c5a20"
branch_labels = None
depends_on = None

PLAIN = (
    ("households", "created_by_id"),
    ("family_invites", "created_by_id"),
    ("family_invites", "used_by_id"),
    ("finance_actions", "done_by_id"),
    ("finance_reviews", "baby_id"),
    ("baby_milestones", "marked_by_id"),
    ("bookings", "household_id"),
    # Staff who wrote or reviewed content, or made a course session.
    ("content_items", "created_by_id"),
    ("content_revisions", "author_id"),
    ("content_revisions", "reviewer_id"),
    ("course_sessions", "created_by_id"),
)
HAS_FOLLOW_UP = sa.text("follow_up_of_id IS NOT NULL")


def upgrade():
    for table, column in PLAIN:
        op.create_index(f"ix_{table}_{column}", table, [column])
    op.create_index(
        "ix_nudge_outbox_follow_up_of_id",
        "nudge_outbox",
        ["follow_up_of_id"],
        postgresql_where=HAS_FOLLOW_UP,
        sqlite_where=HAS_FOLLOW_UP,
    )


def downgrade():
    op.drop_index("ix_nudge_outbox_follow_up_of_id", table_name="nudge_outbox")
    for table, column in reversed(PLAIN):
        op.drop_index(f"ix_{table}_{column}", table_name=table)
