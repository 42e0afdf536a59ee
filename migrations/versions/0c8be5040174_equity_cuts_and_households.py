"""Equity cuts of the milestone figures (figures_milestone_cuts: by language and by
whether a partner has joined) and the monthly households snapshot
(figures_households); no personal id in any column.

Revision ID: 0c8be5040174
Revises: a1c0e5d2b7f3
Create Date: 2026-12-04 10:37:45.406243

"""

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = "0c8be5040174"
down_revision = "a1c0e5d2b7f3"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "figures_households",
        sa.Column("area_id", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "area_id", "month", "measure", name=op.f("pk_figures_households")
        ),
    )
    op.create_table(
        "figures_milestone_cuts",
        sa.Column("area_id", sa.String(length=64), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("milestone_key", sa.String(length=64), nullable=False),
        sa.Column("measure", sa.String(length=16), nullable=False),
        sa.Column("cut", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=16), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "area_id",
            "month",
            "milestone_key",
            "measure",
            "cut",
            "value",
            name=op.f("pk_figures_milestone_cuts"),
        ),
    )


def downgrade():
    op.drop_table("figures_milestone_cuts")
    op.drop_table("figures_households")
