"""Which tables hold a user's or a household's personal data, declared by each domain.

Export and erase walk this one registry. Each domain declares its tables where its
model lives (a `PersonalData` value) and create_app registers them by name, so a new
table with personal data is covered by one declaration and one line in create_app; the
erase test checks every table.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select


@dataclass(frozen=True)
class PersonalData:
    name: str
    select_for_user: Callable[[Any], Select[Any]]


_registry: list[PersonalData] = []


def register_personal_data(
    name: str, select_for_user: Callable[[Any], Select[Any]]
) -> None:
    register(PersonalData(name, select_for_user))


def register(*entries: PersonalData) -> None:
    """Add entries to the registry (one per name; registering again changes nothing)."""
    for entry in entries:
        if all(known.name != entry.name for known in _registry):
            _registry.append(entry)


def personal_data() -> list[PersonalData]:
    return list(_registry)
