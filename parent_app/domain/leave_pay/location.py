"""Where the parent works: the 2024 and 2026 paternity changes are GB-only."""

from __future__ import annotations

from enum import StrEnum


class Location(StrEnum):
    ENGLAND = "england"
    WALES = "wales"
    SCOTLAND = "scotland"
    NORTHERN_IRELAND = "northern_ireland"

    @property
    def is_great_britain(self) -> bool:
        return self is not Location.NORTHERN_IRELAND
