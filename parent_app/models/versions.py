"""Read versions: each web worker keeps its own in-process copy of shared, public data
(the published content), labelled with the content version it was built at, and a copy
whose label differs is rebuilt. The version is the read board's content slot (a memory
read; board_writes.py moves it whenever the content change counter is taken, by every
publish and archive). With the board off, it is the `change_counters` row itself
(content/sync.py), which a request reads with its sign-in, in the same query. Either
way a publish in one worker is seen by the next request in every other worker."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

from flask import current_app, g
from sqlalchemy import String, cast, func, select

from parent_app.extensions import db
from parent_app.models.content import ChangeCounter

# Published articles, nudge rules and courses: every publish and archive moves it.
CONTENT = "content"

T = TypeVar("T")


def versions_query() -> Any:
    """A scalar subquery of every counter as "name:value,…", for a sign-in query to
    carry along."""
    return (
        select(
            func.aggregate_strings(
                ChangeCounter.name + ":" + cast(ChangeCounter.value, String), ","
            )
        )
        .scalar_subquery()
        .label("read_versions")
    )


def remember_versions(packed: str | None) -> None:
    """Keep this request's snapshot of the counters (from versions_query)."""
    versions: dict[str, int] = {}
    for part in (packed or "").split(","):
        name, _, number = part.partition(":")
        if name:
            versions[name] = int(number)
    g.read_versions = versions


def forget_versions() -> None:
    """Each request reads the counters afresh (run before every request)."""
    g.pop("read_versions", None)


def current_version(name: str) -> int:
    """The version of `name` now: the board's content slot, or without a board the
    counter as this request read it (one query if the sign-in did not)."""
    board = current_app.extensions.get("read_board")
    if board is not None and name == CONTENT:
        return int(board.content())
    versions = g.get("read_versions")
    if versions is None:
        remember_versions(db.session.execute(select(versions_query())).scalar())
        versions = g.read_versions
    return int(versions.get(name, 0))


_caches: weakref.WeakSet[VersionedCache[Any]] = weakref.WeakSet()


def register_cache(cache: Any) -> None:
    """Have clear_caches() empty this cache too (it has a `clear()`)."""
    _caches.add(cache)


def clear_caches() -> None:
    """Drop every in-process copy (tests do, after emptying the database)."""
    for cache in list(_caches):
        cache.clear()


class VersionedCache(Generic[T]):
    """Values built from one counter's data, per key, in this process. A value built
    at an older version is rebuilt; the whole cache is dropped when the version moves,
    so it holds at most `max_entries` values of the newest version."""

    def __init__(self, name: str, max_entries: int = 512) -> None:
        self.name = name
        self.max_entries = max_entries
        self._version: int | None = None
        self._values: dict[Hashable, T] = {}
        self._lock = threading.Lock()
        _caches.add(self)

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        version = current_version(self.name)
        with self._lock:
            if self._version == version and key in self._values:
                return self._values[key]
        value = build()
        with self._lock:
            if self._version != version:
                self._values = {}
                self._version = version
            if len(self._values) >= self.max_entries:
                self._values.pop(next(iter(self._values)))
            self._values[key] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._values = {}
            self._version = None
