"""The family's area on a rule's first reminder (nudge_outbox.area_id), written by the
planner, so the reach figures count each step from the reminder's own row instead of
reading it back joined to babies and households (which made a day's planning twice as
slow). Existing first reminders take their family's area today.

Revision ID: 9c4a7e2d1b38
Revises: 5b8e2f4a9c61
Create Date: 2026-12-04 18:00:00.000000

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "9c4a7e2d1b38"
down_revision = "5b8e2f4a9c61"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("nudge_outbox") as batch_op:
        batch_op.add_column(sa.Column("area_id", sa.String(length=64), nullable=True))
    op.execute(
        "UPDATE nudge_outbox SET area_id = ("
        " SELECT households.area_id FROM babies"
        " JOIN households ON households.id = babies.household_id"
        " WHERE babies.id = nudge_outbox.baby_id)"
        " WHERE rule_id IS NOT NULL AND follow_up_of_id IS NULL"
    )


def downgrade():
    with op.batch_alter_table("nudge_outbox") as batch_op:
        batch_op.drop_column("area_id")
