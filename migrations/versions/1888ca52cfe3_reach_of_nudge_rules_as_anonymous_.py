"""Reach of nudge rules as anonymous figures (figures_nudge_reach: per area, month due,
rule and step, no personal id), and when a reminder was first acted on
(nudge_outbox.acted_at). The figures start from what the outbox holds today.

Revision ID: 1888ca52cfe3
Revises: c4f1a9e2b7d3
Create Date: 2026-12-04 10:27:19.716148

"""

from collections import Counter
from datetime import date, timedelta

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "1888ca52cfe3"
down_revision = "c4f1a9e2b7d3"
branch_labels = None
depends_on = None

EPOCH = date(1970, 1, 1)


def upgrade():
    op.create_table(
        "figures_nudge_reach",
        sa.Column("area_id", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("rule_id", sa.Integer(), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "area_id",
            "month",
            "rule_id",
            "measure",
            name=op.f("pk_figures_nudge_reach"),
        ),
    )
    with op.batch_alter_table("nudge_outbox", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("acted_at", sa.DateTime(timezone=True), nullable=True)
        )
    _count_what_the_outbox_holds()


def _count_what_the_outbox_holds():
    """Reach so far, from the outbox rows still held (as the reach page read them)."""
    outbox = sa.table(
        "nudge_outbox",
        sa.column("id", sa.Integer),
        sa.column("rule_id", sa.Integer),
        sa.column("baby_id", sa.Integer),
        sa.column("due_day", sa.Integer),
        sa.column("status", sa.String),
        sa.column("read_at", sa.DateTime),
    )
    babies = sa.table(
        "babies", sa.column("id", sa.Integer), sa.column("household_id", sa.Integer)
    )
    households = sa.table(
        "households", sa.column("id", sa.Integer), sa.column("area_id", sa.String)
    )
    deliveries = sa.table(
        "push_deliveries",
        sa.column("outbox_id", sa.Integer),
        sa.column("status", sa.String),
    )
    reach = sa.table(
        "figures_nudge_reach",
        sa.column("area_id", sa.String),
        sa.column("month", sa.String),
        sa.column("rule_id", sa.Integer),
        sa.column("measure", sa.String),
        sa.column("count", sa.Integer),
    )
    pushed = (
        sa.select(deliveries.c.outbox_id)
        .where(deliveries.c.outbox_id == outbox.c.id, deliveries.c.status == "sent")
        .exists()
    )
    measures = {
        "planned": outbox.c.status != "cancelled",
        "in_inbox": outbox.c.status == "delivered",
        "pushed": pushed,
        "read": outbox.c.read_at.is_not(None),
    }
    bind = op.get_bind()
    cells = Counter()
    for measure, condition in measures.items():
        rows = bind.execute(
            sa.select(
                households.c.area_id,
                outbox.c.due_day,
                outbox.c.rule_id,
                sa.func.count(),
            )
            .select_from(
                outbox.join(babies, babies.c.id == outbox.c.baby_id).join(
                    households, households.c.id == babies.c.household_id
                )
            )
            .where(
                outbox.c.rule_id.is_not(None),
                households.c.area_id.is_not(None),
                condition,
            )
            .group_by(households.c.area_id, outbox.c.due_day, outbox.c.rule_id)
        )
        for area_id, due_day, rule_id, count in rows:
            month = (EPOCH + timedelta(days=due_day)).strftime("%Y-%m")
            cells[(area_id, month, rule_id, measure)] += count
    if cells:
        op.bulk_insert(
            reach,
            [
                {
                    "area_id": area_id,
                    "month": month,
                    "rule_id": rule_id,
                    "measure": measure,
                    "count": count,
                }
                for (area_id, month, rule_id, measure), count in sorted(cells.items())
            ],
        )


def downgrade():
    with op.batch_alter_table("nudge_outbox", schema=None) as batch_op:
        batch_op.drop_column("acted_at")
    op.drop_table("figures_nudge_reach")
