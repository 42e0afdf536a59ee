"""Nudge rules and courses name their source and a review date, as articles do.

Revision ID: 5c1e2b7d9a40
Revises: 188565a0c574
Create Date: 2026-12-04 04:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5c1e2b7d9a40"
down_revision = "188565a0c574"
branch_labels = None
depends_on = None


def upgrade():
    for table in ("nudge_rules", "courses"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("source_name", sa.String(length=200), nullable=True)
            )
            batch_op.add_column(
                sa.Column("source_url", sa.String(length=500), nullable=True)
            )
            batch_op.add_column(sa.Column("review_by", sa.Date(), nullable=True))


def downgrade():
    for table in ("courses", "nudge_rules"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("review_by")
            batch_op.drop_column("source_url")
            batch_op.drop_column("source_name")
