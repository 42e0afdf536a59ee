"""Unconfirmed email addresses get one reminder: users.verification_reminded_at.

Revision ID: a1c0e5d2b7f3
Revises: 1888ca52cfe3
Create Date: 2026-12-04 10:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "a1c0e5d2b7f3"
down_revision = "1888ca52cfe3"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "verification_reminded_at", sa.DateTime(timezone=True), nullable=True
            )
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("verification_reminded_at")
