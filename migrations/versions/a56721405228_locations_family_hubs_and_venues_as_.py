"""locations: family hubs and venues as content; courses held at one by slug

Revision ID: a56721405228
Revises: 0c8be5040174
Create Date: 2026-12-04 10:38:01.472107

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "a56721405228"
down_revision = "0c8be5040174"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "locations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("slug", sa.String(length=120), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "draft",
                "in_review",
                "published",
                "archived",
                name="itemstatus",
                native_enum=False,
                length=16,
            ),
            nullable=False,
        ),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("address_lines", sa.JSON(), nullable=False),
        sa.Column("town", sa.String(length=100), nullable=False),
        sa.Column("postcode", sa.String(length=10), nullable=False),
        sa.Column("opening_times", sa.Text(), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("accessibility", sa.Text(), nullable=True),
        sa.Column("area_id", sa.String(length=64), nullable=False),
        sa.Column("source_name", sa.String(length=200), nullable=False),
        sa.Column("source_url", sa.String(length=500), nullable=False),
        sa.Column("review_by", sa.Date(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["area_id"], ["areas.id"], name=op.f("fk_locations_area_id_areas")
        ),
        sa.ForeignKeyConstraint(
            ["id"],
            ["content_items.id"],
            name=op.f("fk_locations_id_content_items"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_locations")),
        sa.UniqueConstraint("slug", name=op.f("uq_locations_slug")),
    )
    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_locations_area_id"), ["area_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_locations_change_seq"), ["change_seq"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_locations_status"), ["status"], unique=False
        )

    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("location_slug", sa.String(length=120), nullable=True)
        )
        batch_op.create_index(
            batch_op.f("ix_courses_location_slug"), ["location_slug"], unique=False
        )


def downgrade():
    with op.batch_alter_table("courses", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_courses_location_slug"))
        batch_op.drop_column("location_slug")

    with op.batch_alter_table("locations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_locations_status"))
        batch_op.drop_index(batch_op.f("ix_locations_change_seq"))
        batch_op.drop_index(batch_op.f("ix_locations_area_id"))

    op.drop_table("locations")
