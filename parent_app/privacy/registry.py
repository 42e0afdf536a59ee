"""Which tables hold a user's or a household's personal data, declared by each domain.

Export and erase walk this one registry, so a new table with personal data is covered by
adding one line where its model lives, and the erase test checks every table.
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
    if all(entry.name != name for entry in _registry):
        _registry.append(PersonalData(name, select_for_user))


def personal_data() -> list[PersonalData]:
    return list(_registry)
