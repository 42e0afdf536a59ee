"""Dialect-specific outbox SQL, kept in one place: INSERT … ON CONFLICT DO NOTHING, and
the adding upsert of the anonymous figures."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite

from parent_app.extensions import db


def insert_ignoring_duplicates(table: Table, index_elements: list[str]) -> Any:
    """An INSERT that skips rows whose unique key is already there (both databases)."""
    dialect = db.engine.dialect.name
    if dialect == "postgresql":
        statement = postgresql.insert(table).on_conflict_do_nothing(
            index_elements=index_elements
        )
    elif dialect == "sqlite":
        statement = sqlite.insert(table).on_conflict_do_nothing(
            index_elements=index_elements
        )
    else:
        raise RuntimeError(f"unsupported database {dialect}")
    # Callers report how many rows went in; psycopg's count is only kept when asked for.
    return statement.execution_options(preserve_rowcount=True)


def insert_adding_counts(table: Table, index_elements: list[str]) -> Any:
    """INSERT … ON CONFLICT (keys) DO UPDATE SET count = count + excluded.count: how an
    anonymous figure grows, on both databases."""
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table)
    return statement.on_conflict_do_update(
        index_elements=index_elements,
        set_={"count": table.c.count + statement.excluded.count},
    )
