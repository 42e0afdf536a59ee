"""The read board: 64-bit generation counters in one memory-mapped file that every
process of a deployment on this host shares (web workers, the scheduler, `flask`
commands), so an in-process read cache can tell "nothing changed" from a memory read.

Layout: a few fixed slots (the published content, "every account", "every household"),
then `slots` hashed slots for accounts (by user id) and as many for households (by
household id). Two ids sharing a slot only cost the other one a rebuild. A writer
moves a slot by one; readers compare what they read with what a cached value was built
at. The database stays the truth: the board only says "something changed".
"""

from __future__ import annotations

import fcntl
import mmap
import os
import threading
from collections.abc import Iterable
from pathlib import Path

CONTENT = 0
ALL_USERS = 1
ALL_HOUSEHOLDS = 2
# Moved first by every bump, whatever it moves: a reader that sees it unchanged across
# a load knows no slot moved meanwhile.
ANY_CHANGE = 3
_FIXED = 8  # room for more fixed slots without moving the hashed ones
DEFAULT_SLOTS = 65_536


class ReadBoard:
    """One process's mapping of the board file (created, zero-filled, if missing)."""

    def __init__(self, path: str | os.PathLike[str], slots: int = DEFAULT_SLOTS):
        if slots < 1:
            raise ValueError("a read board needs at least one slot per kind")
        self.path = Path(path)
        self.slots = slots
        size = 8 * (_FIXED + 2 * slots)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            # Growing zero-fills; two processes truncating to the same size is harmless.
            if os.fstat(fd).st_size < size:
                os.ftruncate(fd, size)
            self._map = mmap.mmap(fd, size)
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        self._counters = memoryview(self._map).cast("Q")
        # flock excludes other processes; threads of this one share the descriptor.
        self._thread_lock = threading.Lock()

    def user_slot(self, user_id: int) -> int:
        return _FIXED + user_id % self.slots

    def household_slot(self, household_id: int) -> int:
        return _FIXED + self.slots + household_id % self.slots

    def read(self, slot: int) -> int:
        return int(self._counters[slot])

    def content(self) -> int:
        return int(self._counters[CONTENT])

    def changes(self) -> int:
        """How many bumps this board has seen (read it before and after a load)."""
        return int(self._counters[ANY_CHANGE])

    def account_stamp(
        self, user_id: int, household_id: int | None
    ) -> tuple[int, int, int, int]:
        """What an account's sign-in (and anything built from it) was read at: its
        slot, its household's, and the two "everyone" slots."""
        counters = self._counters
        return (
            counters[ALL_USERS],
            counters[_FIXED + user_id % self.slots],
            counters[ALL_HOUSEHOLDS],
            counters[_FIXED + self.slots + household_id % self.slots]
            if household_id is not None
            else 0,
        )

    def bump(self, slots: Iterable[int]) -> None:
        """Move each slot on by one (atomically across processes), and ANY_CHANGE
        before them."""
        unique = sorted(set(slots) - {ANY_CHANGE})
        if not unique:
            return
        with self._thread_lock:
            fcntl.flock(self._fd, fcntl.LOCK_EX)
            try:
                for slot in (ANY_CHANGE, *unique):
                    self._counters[slot] = (self._counters[slot] + 1) % 2**64
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        self._counters.release()
        self._map.close()
        os.close(self._fd)
