"""Milestone follow-ups and booked dates: a nudge rule may declare a follow-up
(`follow_up_days`, its title and text), an outbox row names the first reminder it
follows, and a booked milestone keeps the day it is booked for.

Revision ID: c4f1a9e2b7d3
Revises: 4b622644d43f
Create Date: 2026-12-04 10:50:00.000000

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "c4f1a9e2b7d3"
down_revision = "4b622644d43f"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("nudge_rules", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follow_up_days", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("follow_up_title", sa.String(length=120), nullable=True)
        )
        batch_op.add_column(
            sa.Column("follow_up_body", sa.String(length=200), nullable=True)
        )

    with op.batch_alter_table("nudge_outbox", schema=None) as batch_op:
        batch_op.add_column(sa.Column("follow_up_of_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_nudge_outbox_follow_up_of_id_nudge_outbox"),
            "nudge_outbox",
            ["follow_up_of_id"],
            ["id"],
            ondelete="CASCADE",
        )
        batch_op.create_index(
            "ix_nudge_outbox_rule_delivered",
            ["rule_id", "delivered_at"],
            unique=False,
        )

    with op.batch_alter_table("baby_milestones", schema=None) as batch_op:
        batch_op.add_column(sa.Column("appointment_on", sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table("baby_milestones", schema=None) as batch_op:
        batch_op.drop_column("appointment_on")

    with op.batch_alter_table("nudge_outbox", schema=None) as batch_op:
        batch_op.drop_index("ix_nudge_outbox_rule_delivered")
        batch_op.drop_constraint(
            batch_op.f("fk_nudge_outbox_follow_up_of_id_nudge_outbox"),
            type_="foreignkey",
        )
        batch_op.drop_column("follow_up_of_id")

    with op.batch_alter_table("nudge_rules", schema=None) as batch_op:
        batch_op.drop_column("follow_up_body")
        batch_op.drop_column("follow_up_title")
        batch_op.drop_column("follow_up_days")
