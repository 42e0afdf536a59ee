"""catalogue hash on content items: the fingerprint of what the starter catalogue last
published, so a reload never overwrites staff work

Revision ID: a1c4e5b7d9f0
Revises: eec08de04c74
Create Date: 2026-12-04 02:45:00.000000

"""
import hashlib
import json

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1c4e5b7d9f0'
down_revision = 'eec08de04c74'
branch_labels = None
depends_on = None


def _fingerprint(data):
    # The same as parent_app.content.lifecycle.catalogue_hash, frozen here.
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade():
    with op.batch_alter_table('content_items', schema=None) as batch_op:
        batch_op.add_column(sa.Column('catalogue_hash', sa.String(length=64), nullable=True))

    # Items whose live revision the catalogue wrote (no author,
    # no reviewer) are the catalogue's:
    # fingerprint them so the next load can tell whether staff have changed them since.
    items = sa.table(
        'content_items',
        sa.column('id', sa.Integer),
        sa.column('live_revision_id', sa.Integer),
        sa.column('catalogue_hash', sa.String),
    )
    revisions = sa.table(
        'content_revisions',
        sa.column('id', sa.Integer),
        sa.column('author_id', sa.Integer),
        sa.column('reviewer_id', sa.Integer),
        sa.column('data', sa.JSON),
    )
    conn = op.get_bind()
    rows = conn.execute(
        sa.select(items.c.id, revisions.c.data)
        .join(revisions, revisions.c.id == items.c.live_revision_id)
        .where(revisions.c.author_id.is_(None), revisions.c.reviewer_id.is_(None))
    ).all()
    for item_id, data in rows:
        conn.execute(
            items.update()
            .where(items.c.id == item_id)
            .values(catalogue_hash=_fingerprint(data))
        )


def downgrade():
    with op.batch_alter_table('content_items', schema=None) as batch_op:
        batch_op.drop_column('catalogue_hash')
