"""Bearer tokens: random, stored as SHA-256, expiring, revocable."""

from __future__ import annotations

import functools
import hashlib
import secrets
import threading
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, or_, select, update
from sqlalchemy.orm import contains_eager, joinedload

from parent_app.extensions import db
from parent_app.models import ApiToken, Household, User
from parent_app.models.board import ReadBoard
from parent_app.models.board_writes import NOTHING, Touches
from parent_app.models.versions import (
    register_cache,
    remember_versions,
    versions_query,
)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(
    user: User, *, now: datetime, lifetime_days: int, device_hint: str | None = None
) -> tuple[str, ApiToken]:
    """A new token for `user`; the raw value is returned once and never stored."""
    raw = secrets.token_urlsafe(32)
    token = ApiToken(
        user_id=user.id,
        token_hash=hash_token(raw),
        created_at=now,
        expires_at=now + timedelta(days=lifetime_days),
        last_used_at=now,
        device_hint=device_hint,
    )
    db.session.add(token)
    db.session.flush()
    return raw, token


@functools.cache
def _sign_in_query(with_versions: bool = True) -> Any:
    """One query: the token's dates, the user with their household (the areas they
    read), muted topics and staff areas, and (without a read board) the read versions
    the in-process caches are checked against; nothing about the user is loaded lazily
    afterwards. Built once: it runs on every signed-in request the cache cannot
    answer."""
    columns: list[Any] = [
        User,
        ApiToken.id,
        ApiToken.expires_at,
        ApiToken.revoked_at,
        ApiToken.last_used_at,
    ]
    if with_versions:
        columns.append(versions_query())
    return (
        select(*columns)
        .join(ApiToken, ApiToken.user_id == User.id)
        .outerjoin(Household, User.household_id == Household.id)
        .options(
            contains_eager(User.household),
            joinedload(User.muted),
            joinedload(User.staff_areas),
        )
        .where(ApiToken.token_hash == bindparam("token_hash"))
    )


@dataclass(frozen=True)
class SignIn:
    """Who a live token signs in, and which token it is (its sessions row)."""

    user: User
    token_id: int
    last_used_at: datetime | None
    token_hash: str = ""
    # The read board's counters for this account, read before the user was loaded;
    # None when not known, and then nothing built from this sign-in may be kept.
    stamp: tuple[int, ...] | None = None


@dataclass(frozen=True)
class _Known:
    """What this worker knows of a token: whose it is (that never changes) and what it
    gave at `stamp` (`sign_in` None: not live; `stamp` None: not known yet)."""

    user_id: int
    household_id: int | None
    expires_at: datetime
    stamp: tuple[int, ...] | None
    sign_in: SignIn | None


class SignInCache:
    """Token hash -> what this worker knows of it; at most `max_entries`, the oldest
    dropped first."""

    def __init__(self, max_entries: int = 20_000) -> None:
        self.max_entries = max_entries
        self._entries: dict[str, _Known] = {}
        self._lock = threading.Lock()

    def get(self, token_hash: str) -> _Known | None:
        return self._entries.get(token_hash)

    def put(self, token_hash: str, known: _Known) -> None:
        with self._lock:
            self._entries.pop(token_hash, None)
            if len(self._entries) >= self.max_entries:
                self._entries.pop(next(iter(self._entries)))
            self._entries[token_hash] = known

    def drop(self, token_hash: str) -> None:
        with self._lock:
            self._entries.pop(token_hash, None)

    def clear(self) -> None:
        with self._lock:
            self._entries = {}


_known = SignInCache()
register_cache(_known)


def authenticate(
    raw: str, *, now: datetime, board: ReadBoard | None = None
) -> SignIn | None:
    """The sign-in of a live token, or None for unknown, expired or revoked tokens
    and for switched-off accounts.

    With a read board (only for requests that write nothing), a token seen before is
    answered from this worker's memory while the board says the account and its
    household are unchanged: no query. The user is then a detached, shared copy:
    read it, never change it."""
    if len(raw) > 200:
        return None
    token_hash = hash_token(raw)
    if board is None:
        return _load(token_hash, now=now, with_versions=True)[0]
    known = _known.get(token_hash)
    stamp = None
    if known is not None:
        stamp = board.account_stamp(known.user_id, known.household_id)
        if known.stamp == stamp:
            if known.sign_in is None or known.expires_at <= now:
                return None
            return known.sign_in
    changes = board.changes()
    sign_in, user, expires_at = _load(
        token_hash, now=now, with_versions=False, stamp=stamp
    )
    if user is None:
        _known.drop(token_hash)
        return None
    if known is None or (known.user_id, known.household_id) != (
        user.id,
        user.household_id,
    ):
        # Whose token it is was not known before the query, so its slots are read
        # after it: that holds only if nothing on the host moved the board meanwhile
        # (else keep only whose it is; the next sign-in reads the slots first).
        stamp = board.account_stamp(user.id, user.household_id)
        if board.changes() != changes:
            stamp = None
        if sign_in is not None:
            sign_in = replace(sign_in, stamp=stamp)
    if sign_in is not None and stamp is not None:
        _detach(user)
    _known.put(
        token_hash,
        _Known(
            user_id=user.id,
            household_id=user.household_id,
            expires_at=expires_at,
            stamp=stamp,
            sign_in=sign_in if stamp is not None else None,
        ),
    )
    return sign_in


def _load(
    token_hash: str,
    *,
    now: datetime,
    with_versions: bool,
    stamp: tuple[int, ...] | None = None,
) -> tuple[SignIn | None, User | None, datetime | None]:
    row = (
        db.session.execute(_sign_in_query(with_versions), {"token_hash": token_hash})
        .unique()
        .first()
    )
    if row is None:
        return None, None, None
    user, token_id, expires_at, revoked_at, last_used_at = row[:5]
    if with_versions:
        remember_versions(row[5])
    if revoked_at is not None or expires_at <= now or user.disabled_at is not None:
        return None, user, expires_at
    return (
        SignIn(
            user=user,
            token_id=token_id,
            last_used_at=last_used_at,
            token_hash=token_hash,
            stamp=stamp,
        ),
        user,
        expires_at,
    )


def _detach(user: User) -> None:
    """Take the user (and what was loaded with it) out of this request's session, so
    later requests may read the same copy (a commit would expire it otherwise)."""
    for obj in (user, user.household, *user.muted, *user.staff_areas):
        if obj is not None and obj in db.session:
            db.session.expunge(obj)


# Last use is kept to the minute: a write per request would cost more than it tells.
TOUCH_EVERY = timedelta(minutes=1)


class LastUses:
    """Last uses this worker has noted and not written yet (token id -> when). They are
    written together, at most every `write_every`: one write per worker for many
    parents, not one per parent and minute (which made the slowest 1 % of reads wait
    for them under load)."""

    def __init__(self) -> None:
        self._pending: dict[int, datetime] = {}
        self._first: datetime | None = None
        self._lock = threading.Lock()

    def note(self, token_id: int, now: datetime) -> None:
        with self._lock:
            self._pending[token_id] = now
            if self._first is None:
                self._first = now

    def take(self, now: datetime, write_every: timedelta) -> dict[int, datetime]:
        """The notes, if the first is `write_every` old (else nothing), forgotten."""
        with self._lock:
            if self._first is None or now - self._first < write_every:
                return {}
            taken, self._pending, self._first = self._pending, {}, None
            return taken

    def clear(self) -> None:
        with self._lock:
            self._pending, self._first = {}, None


_last_uses = LastUses()
register_cache(_last_uses)


def record_use(
    sign_in: SignIn, *, now: datetime, write_every: timedelta = timedelta(0)
) -> bool:
    """Note that the sign-in's token was used now, if its last use is more than a
    minute old, and write this worker's notes once the first is `write_every` old.
    Returns whether it wrote (the caller commits)."""
    last = sign_in.last_used_at
    if last is None or now - last >= TOUCH_EVERY:
        _last_uses.note(sign_in.token_id, now)
        known = _known.get(sign_in.token_hash)
        if known is not None and known.sign_in is not None:
            _known.put(
                sign_in.token_hash,
                replace(known, sign_in=replace(known.sign_in, last_used_at=now)),
            )
    return write_last_uses(now=now, write_every=write_every)


def write_last_uses(*, now: datetime, write_every: timedelta = timedelta(0)) -> bool:
    """Write the last uses this worker noted (all of them by default; with
    `write_every`, only once the first is that old). A later time another worker
    already wrote is kept. Returns whether it wrote (the caller commits)."""
    taken = _last_uses.take(now, write_every)
    if not taken:
        return False
    tokens = ApiToken.__table__
    db.session.execute(
        update(tokens)
        .where(
            tokens.c.id == bindparam("token_id"),
            or_(
                tokens.c.last_used_at.is_(None),
                tokens.c.last_used_at < bindparam("used_at"),
            ),
        )
        .values(last_used_at=bindparam("used_at"))
        # A last-use time is shown by no cached read: the board need not move.
        .execution_options(read_board=NOTHING),
        [{"token_id": t, "used_at": at} for t, at in sorted(taken.items())],
    )
    return True


def authenticate_token(raw: str, *, now: datetime) -> User | None:
    """The user a live token belongs to, or None for unknown, expired or revoked
    tokens."""
    sign_in = authenticate(raw, now=now)
    return sign_in.user if sign_in is not None else None


def revoke_token(raw: str, *, now: datetime) -> None:
    token = db.session.scalar(
        select(ApiToken).where(ApiToken.token_hash == hash_token(raw))
    )
    if token is not None and token.revoked_at is None:
        token.revoked_at = now


def revoke_all_tokens(
    user: User, *, now: datetime, except_id: int | None = None
) -> int:
    """Revoke every live token (API and web sessions) of `user`, but `except_id`;
    returns how many."""
    query = update(ApiToken).where(
        ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)
    )
    if except_id is not None:
        query = query.where(ApiToken.id != except_id)
    result = db.session.execute(
        query.values(revoked_at=now).execution_options(
            synchronize_session=False, read_board=Touches(users=(user.id,))
        )
    )
    return int(result.rowcount)
