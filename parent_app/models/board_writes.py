"""Writers move the read board: which slots a transaction's writes touch, found in one
place for every session (create_app installs it), never by a call in each service.

- A flush (any ORM change): an account's slot for its row and for rows carrying its
  `user_id` (tokens, muted topics, staff areas, its outbox rows…); a household's slot
  for its row and for rows carrying its `household_id`, a `baby_id` or a `user_id`
  (the baby's or the account's household, old and new when one moves); the content
  slot for the content change counter (every publish and archive takes it).
- A set-based statement through the session (`update()`, `insert()…select`, `delete()`,
  raw SQL): what it declares with the execution option `read_board` (a `Touches`), or
  else, by its table, the content slot (the change counter), nothing (bookkeeping
  tables no read is built from) or every account, household and the content at once.
  Statements that change no row move nothing.

Every slot is moved when the write happens (before the commit) and again after the
commit: a reader that read the board between the two built from what was there before
and is rebuilt; so a request that starts after a writer's response never reads stale
data. The board is one host's: see the README (Reads) for where it does not reach.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from typing import Any

from flask import current_app
from sqlalchemy import event, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.elements import TextClause

from parent_app.models.accounts import User
from parent_app.models.board import ALL_HOUSEHOLDS, ALL_USERS, CONTENT, ReadBoard
from parent_app.models.content import ChangeCounter
from parent_app.models.families import Baby, Household

# Bookkeeping no cached read is built from: writes to them move nothing.
QUIET_TABLES = frozenset(
    {
        "audit_log",
        "mail_outbox",
        "nudge_replans",
        "nudge_plan_marks",
        "push_deliveries",
        "account_links",
    }
)
_WRITE_WORDS = ("insert", "update", "delete", "merge", "truncate", "alter", "drop")
_PENDING = "read_board_pending"
_BOARD = "read_board"

_boards: weakref.WeakKeyDictionary[Engine, ReadBoard] = weakref.WeakKeyDictionary()


@dataclass(frozen=True)
class Touches:
    """What a set-based statement changes, for the board (execution option
    `read_board`): these accounts and households, or every one of them."""

    users: tuple[int, ...] = ()
    households: tuple[int, ...] = ()
    all_users: bool = False
    all_households: bool = False
    content: bool = False

    def slots(self, board: ReadBoard) -> set[int]:
        slots = {board.user_slot(u) for u in self.users}
        slots |= {board.household_slot(h) for h in self.households}
        if self.all_users:
            slots.add(ALL_USERS)
        if self.all_households:
            slots.add(ALL_HOUSEHOLDS)
        if self.content:
            slots.add(CONTENT)
        return slots


# A statement that changes nothing any read is built from (e.g. a token's last use).
NOTHING = Touches()
EVERYTHING = Touches(all_users=True, all_households=True, content=True)


def install_board(engine: Engine, board: ReadBoard) -> None:
    """Let every session bound to `engine` move `board` (the listeners are installed
    once per process)."""
    _boards[engine] = board
    for name, listener in (
        ("after_flush", _after_flush),
        ("do_orm_execute", _after_statement),
        ("after_commit", _after_commit),
    ):
        if not event.contains(Session, name, listener):
            event.listen(Session, name, listener)


def current_board() -> ReadBoard | None:
    """This app's board, or None when it is switched off (READ_BOARD = False)."""
    return current_app.extensions.get("read_board")  # type: ignore[no-any-return]


def _board_of(session: Session) -> ReadBoard | None:
    board = session.info.get(_BOARD)
    if board is None:
        try:
            bind = session.get_bind()
        except Exception:  # noqa: BLE001 - no bind, no board to move
            return None
        board = _boards.get(bind)  # type: ignore[arg-type]
        if board is not None:
            session.info[_BOARD] = board
    return board


def _move(session: Session, board: ReadBoard, slots: set[int]) -> None:
    if slots:
        board.bump(slots)
        session.info.setdefault(_PENDING, set()).update(slots)


def _after_commit(session: Session) -> None:
    pending = session.info.pop(_PENDING, None)
    board = session.info.get(_BOARD)
    if pending and board is not None:
        board.bump(pending)


def _after_statement(state: ORMExecuteState) -> Any:
    statement = state.statement
    if state.is_insert or state.is_update or state.is_delete:
        touches = state.execution_options.get("read_board")
        if touches is None:
            touches = _touches_of_table(getattr(statement, "table", None))
    elif isinstance(statement, TextClause) and _is_write(statement.text):
        touches = EVERYTHING
    else:
        return None
    if touches == NOTHING:
        return None
    board = _board_of(state.session)
    if board is None:
        return None
    result = state.invoke_statement()
    if getattr(result, "rowcount", -1) != 0:
        _move(state.session, board, touches.slots(board))
    return result


def _touches_of_table(table: Any) -> Touches:
    name = getattr(table, "name", None)
    if name == ChangeCounter.__tablename__:
        return Touches(content=True)
    if name in QUIET_TABLES:
        return NOTHING
    return EVERYTHING


def _is_write(sql: str) -> bool:
    words = sql.lstrip().split(None, 1)
    return bool(words) and words[0].lower() in _WRITE_WORDS


def _values(obj: Any, name: str) -> set[int]:
    """Every value the attribute had in this flush (old and new), without loading."""
    state = inspect(obj)
    if name not in state.mapper.attrs:
        return set()
    history = state.attrs[name].history
    return {
        v
        for v in chain(history.added, history.unchanged, history.deleted)
        if isinstance(v, int)
    }


def _after_flush(session: Session, _context: Any) -> None:
    board = _board_of(session)
    if board is None:
        return
    users: set[int] = set()
    households: set[int] = set()
    of_users: set[int] = set()
    of_babies: set[int] = set()
    slots: set[int] = set()
    for obj in chain(session.new, session.dirty, session.deleted):
        if isinstance(obj, ChangeCounter):
            slots.add(CONTENT)
            continue
        if getattr(obj, "__tablename__", None) in QUIET_TABLES:
            continue
        if isinstance(obj, User):
            users |= _values(obj, "id")
        elif isinstance(obj, Household):
            households |= _values(obj, "id")
        elif isinstance(obj, Baby):
            households |= _values(obj, "household_id")
            continue
        households |= _values(obj, "household_id")
        found = _values(obj, "user_id")
        users |= found
        of_users |= found
        of_babies |= _values(obj, "baby_id")
    households |= _households_of(session, User, of_users)
    households |= _households_of(session, Baby, of_babies)
    slots |= {board.user_slot(u) for u in users}
    slots |= {board.household_slot(h) for h in households}
    _move(session, board, slots)


def _households_of(session: Session, model: Any, ids: Iterable[int]) -> set[int]:
    """The households of these accounts or babies: from the session when loaded, in one
    query otherwise."""
    found: set[int] = set()
    missing: set[int] = set()
    mapper = inspect(model)
    for id_ in ids:
        obj = session.identity_map.get(mapper.identity_key_from_primary_key((id_,)))
        if obj is not None and "household_id" in obj.__dict__:
            found |= _values(obj, "household_id")
        else:
            missing.add(id_)
    if missing:
        found.update(
            h
            for h in session.connection().scalars(
                select(model.household_id).where(model.id.in_(sorted(missing)))
            )
            if h is not None
        )
    return found
