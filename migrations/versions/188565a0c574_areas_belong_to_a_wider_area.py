"""Areas may belong to a wider area (parent_code): Hampshire & Isle of Wight holds
Hampshire, Southampton, Portsmouth and the Isle of Wight.

Revision ID: 188565a0c574
Revises: b3e8f1a2c4d6
Create Date: 2026-12-04 03:09:57.135508

"""

import sqlalchemy as sa
from alembic import op

revision = "188565a0c574"
down_revision = "b3e8f1a2c4d6"
branch_labels = None
depends_on = None

HIOW = "hampshire-and-isle-of-wight"
INSIDE_HIOW = ("hampshire", "southampton", "portsmouth", "isle-of-wight")
areas = sa.table(
    "areas",
    sa.column("id", sa.String),
    sa.column("name", sa.String),
    sa.column("region", sa.String),
    sa.column("is_national", sa.Boolean),
    sa.column("parent_code", sa.String),
)


def upgrade():
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("parent_code", sa.String(length=64), nullable=True)
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_areas_parent_code_areas"), "areas", ["parent_code"], ["id"]
        )
    # A database whose areas were loaded before: the wider area and its members now,
    # so content for the whole system is seen without waiting for `areas load`.
    bind = op.get_bind()
    present = set(
        bind.execute(sa.select(areas.c.id).where(areas.c.id.in_(INSIDE_HIOW))).scalars()
    )
    if present:
        op.bulk_insert(
            areas,
            [
                {
                    "id": HIOW,
                    "name": "Hampshire & Isle of Wight",
                    "region": "Hampshire & Isle of Wight",
                    "is_national": False,
                    "parent_code": None,
                }
            ],
        )
        op.execute(
            areas.update()
            .where(areas.c.id.in_(sorted(present)))
            .values(parent_code=HIOW)
        )


def downgrade():
    op.execute(areas.update().values(parent_code=None))
    with op.batch_alter_table("areas", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_areas_parent_code_areas"), type_="foreignkey"
        )
        batch_op.drop_column("parent_code")
