"""waiting-list order: each waiting booking's place in its session's queue, given under
the session's lock, so positions are exact and unique under concurrent bookings

Revision ID: b3e8f1a2c4d6
Revises: d72f093a6a1d
Create Date: 2026-12-04 03:10:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b3e8f1a2c4d6'
down_revision = 'd72f093a6a1d'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('waitlist_seq', sa.Integer(), nullable=True))

    # Those already waiting keep the order they had (by id).
    bookings = sa.table(
        'bookings',
        sa.column('id', sa.Integer),
        sa.column('status', sa.String),
        sa.column('waitlist_seq', sa.Integer),
    )
    op.execute(
        bookings.update()
        .where(bookings.c.status == 'waitlisted')
        .values(waitlist_seq=bookings.c.id)
    )


def downgrade():
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_column('waitlist_seq')
