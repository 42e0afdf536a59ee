"""Per-family read caches: one signed-in reader's ready-made JSON bodies (the feed, a
timeline, /me) with their ETags, kept by each worker while the read board says nothing
they were built from has changed.

An entry is labelled with what it depends on: the reader's sign-in stamp (their
account, their household and the two "everyone" slots, read before the user was
loaded), the content version, and, in the key, the reader's id and whatever the
caller adds (the baby, the family's local date). Without a board, or for a sign-in
whose stamp is not known yet, every read is built afresh.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any

from flask import g

from parent_app.models.board_writes import current_board
from parent_app.models.versions import register_cache

Body = tuple[bytes, str]


class FamilyReadCache:
    """Bodies per (reader, key); at most `max_entries`, the oldest dropped first."""

    def __init__(self, max_entries: int = 20_000) -> None:
        self.max_entries = max_entries
        self._entries: dict[Hashable, tuple[Any, Body]] = {}
        self._lock = threading.Lock()
        register_cache(self)

    def get(self, key: tuple[Hashable, ...], build: Callable[[], Body]) -> Body:
        board = current_board()
        sign_in = g.get("current_sign_in")
        if board is None or sign_in is None or sign_in.stamp is None:
            return build()
        label = (sign_in.stamp, board.content())
        full_key = (sign_in.user.id, *key)
        entry = self._entries.get(full_key)
        if entry is not None and entry[0] == label:
            return entry[1]
        body = build()
        with self._lock:
            self._entries.pop(full_key, None)
            if len(self._entries) >= self.max_entries:
                self._entries.pop(next(iter(self._entries)))
            self._entries[full_key] = (label, body)
        return body

    def clear(self) -> None:
        with self._lock:
            self._entries = {}


family_reads = FamilyReadCache()
