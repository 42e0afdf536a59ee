"""Deleting a family's rows (an erasure, a baby deleted, a household left) makes the
database look for the rows that refer to each deleted one. A foreign key with no index
of its own turns each look into a read of the whole referring table: erasing one
family with 200 reminders read the whole outbox 200 times."""

from sqlalchemy import ForeignKeyConstraint

from parent_app.extensions import db

# Tables whose rows an erasure or a family's change deletes.
FAMILY_TABLES = {"users", "babies", "households", "nudge_outbox"}


def _leading_columns(table) -> set[str]:  # type: ignore[no-untyped-def]
    led = {list(index.columns)[0].name for index in table.indexes}
    for constraint in table.constraints:
        columns = list(getattr(constraint, "columns", []))
        if columns and not isinstance(constraint, ForeignKeyConstraint):
            led.add(columns[0].name)
    return led


def unindexed_family_keys(metadata) -> list[str]:  # type: ignore[no-untyped-def]
    missing = []
    for table in metadata.sorted_tables:
        led = _leading_columns(table)
        for key in table.foreign_keys:
            if key.column.table.name in FAMILY_TABLES and key.parent.name not in led:
                missing.append(f"{table.name}.{key.parent.name}")
    return sorted(missing)


def test_every_key_to_a_family_row_has_an_index(app):
    assert unindexed_family_keys(db.metadata) == []


def test_the_check_finds_a_key_without_an_index():
    from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, Table

    metadata = MetaData()
    Table("babies", metadata, Column("id", Integer, primary_key=True))
    notes = Table(
        "probe_notes",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("baby_id", Integer, ForeignKey("babies.id")),
    )
    assert unindexed_family_keys(metadata) == ["probe_notes.baby_id"]
    Index("ix_probe_notes_baby_id", notes.c.baby_id)
    assert unindexed_family_keys(metadata) == []
