"""The read board: reads kept in a worker's memory are answered with no query, and a
write made by another process of the deployment (logout, password change, publish, a
baby's or a profile's change) is seen by the very next read; one family never sees
another's kept reads; with the board off, every read asks the database."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.api.test_query_counts import statements
from tests.factories import PASSWORD, add_baby, bearer, make_parent, publish_article

ROOT = Path(__file__).resolve().parents[2]
TODAY = date.today()
SHARED = (
    "SQLALCHEMY_DATABASE_URI",
    "READ_BOARD",
    "READ_BOARD_PATH",
    "SECRET_KEY",
    "RATELIMIT_AUTH",
    "RATELIMIT_LOGIN_ACCOUNT",
    "RATELIMIT_LOGIN_ADDRESS",
    "VAPID_PRIVATE_KEY",
    "VAPID_PUBLIC_KEY",
    "VAPID_SUBJECT",
    "MAIL_DIR",
)


def write_elsewhere(app, writes):  # type: ignore[no-untyped-def]
    """Make `writes` in another process: its own app on the same database and board."""
    job = {"config": {k: app.config[k] for k in SHARED}, "writes": writes}
    done = subprocess.run(
        [sys.executable, "-m", "tests.support.board_writer", json.dumps(job)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("done"), done.stdout


def sign_in_again(client, parent) -> dict[str, str]:  # type: ignore[no-untyped-def]
    response = client.post(
        "/api/v1/auth/login", json={"email": parent["email"], "password": PASSWORD}
    )
    assert response.status_code == 200, response.get_json()
    return bearer(response.get_json()["token"])


def warm(app, client, path, headers=None):  # type: ignore[no-untyped-def]
    """Read until the worker keeps the answer, and show the last read made no query."""
    for _ in range(2):
        client.get(path, headers=headers)
    with statements(app) as seen:
        response = client.get(path, headers=headers)
    if "read_board" in app.extensions:
        assert seen == [], seen
    return response


@pytest.fixture
def fallback_app(app):  # type: ignore[no-untyped-def]
    from config import TestingConfig
    from parent_app import create_app
    from parent_app.extensions import db

    fallback = create_app(
        {**app.config, "BASE_CONFIG": TestingConfig, "READ_BOARD": False}
    )
    yield fallback
    with fallback.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.mark.parametrize("board", ["on", "off"])
def test_writes_in_another_process_are_seen_by_the_next_read(app, fallback_app, board):
    reader = app if board == "on" else fallback_app
    client = reader.test_client()
    publish_article(app, "settled-article")
    leaving = make_parent(client)
    changing = make_parent(client)
    other_sign_in = sign_in_again(client, changing)
    family = make_parent(client)
    baby = add_baby(
        client, family, name="Sam", date_of_birth=TODAY - timedelta(days=30)
    )
    feed = f"/api/v1/feed?baby_id={baby['id']}"
    timeline = f"/api/v1/babies/{baby['id']}/timeline"

    assert warm(reader, client, "/api/v1/me", leaving["headers"]).status_code == 200
    assert warm(reader, client, "/api/v1/me", other_sign_in).status_code == 200
    me = warm(reader, client, "/api/v1/me", family["headers"]).get_json()
    assert me["display_name"] is None
    assert (
        warm(reader, client, feed, family["headers"]).get_json()["baby"]["name"]
        == "Sam"
    )
    assert warm(reader, client, timeline, family["headers"]).status_code == 200
    assert (
        warm(
            reader, client, "/api/v1/articles/fresh-news", family["headers"]
        ).status_code
        == 404
    )
    listed = warm(reader, client, "/api/v1/articles?limit=50", family["headers"])
    assert "fresh-news" not in [a["slug"] for a in listed.get_json()["items"]]

    write_elsewhere(
        app,
        [
            {
                "kind": "logout",
                "method": "POST",
                "path": "/api/v1/auth/logout",
                "token": leaving["token"],
            },
            {
                "kind": "password",
                "method": "POST",
                "path": "/api/v1/me/password",
                "token": changing["token"],
                "json": {
                    "old_password": PASSWORD,
                    "new_password": "a new passphrase 42",
                },
            },
            {"kind": "publish", "slug": "fresh-news"},
            {
                "kind": "baby",
                "method": "PATCH",
                "path": f"/api/v1/babies/{baby['id']}",
                "token": family["token"],
                "json": {"name": "Robin"},
            },
            {
                "kind": "profile",
                "method": "PATCH",
                "path": "/api/v1/me",
                "token": family["token"],
                "json": {"display_name": "Alex"},
            },
        ],
    )

    assert client.get("/api/v1/me", headers=leaving["headers"]).status_code == 401
    assert client.get("/api/v1/me", headers=other_sign_in).status_code == 401
    assert client.get("/api/v1/me", headers=changing["headers"]).status_code == 200
    assert (
        client.get(feed, headers=family["headers"]).get_json()["baby"]["name"]
        == "Robin"
    )
    me = client.get("/api/v1/me", headers=family["headers"]).get_json()
    assert me["display_name"] == "Alex"
    article = client.get("/api/v1/articles/fresh-news", headers=family["headers"])
    assert article.status_code == 200
    listed = client.get("/api/v1/articles?limit=50", headers=family["headers"])
    assert "fresh-news" in [a["slug"] for a in listed.get_json()["items"]]


@pytest.fixture
def crowded_app(app, tmp_path):  # type: ignore[no-untyped-def]
    """An app whose board has one slot per kind: every account shares one slot, and
    every household another, so only the cache keys keep families apart."""
    from config import TestingConfig
    from parent_app import create_app
    from parent_app.extensions import db

    crowded = create_app(
        {
            **app.config,
            "BASE_CONFIG": TestingConfig,
            "READ_BOARD_PATH": str(tmp_path / "board"),
            "READ_BOARD_SLOTS": 1,
        }
    )
    yield crowded
    with crowded.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_family_never_reads_another_familys_kept_reads(crowded_app):
    client = crowded_app.test_client()
    ours = make_parent(client, area="dorset")
    theirs = make_parent(client, area="southampton")
    our_baby = add_baby(client, ours, name="Ada", due_date=TODAY + timedelta(days=60))
    their_baby = add_baby(
        client, theirs, name="Bo", date_of_birth=TODAY - timedelta(days=100)
    )
    for path in (
        "/api/v1/me",
        "/api/v1/feed",
        f"/api/v1/feed?baby_id={our_baby['id']}",
        f"/api/v1/babies/{our_baby['id']}/timeline",
    ):
        warm(crowded_app, client, path, ours["headers"])

    assert (
        client.get("/api/v1/me", headers=theirs["headers"]).get_json()["email"]
        == (theirs["email"])
    )
    feed = client.get("/api/v1/feed", headers=theirs["headers"]).get_json()
    assert feed["baby"]["name"] == "Bo"
    for path in (
        f"/api/v1/feed?baby_id={our_baby['id']}",
        f"/api/v1/babies/{our_baby['id']}/timeline",
    ):
        response = client.get(path, headers=theirs["headers"])
        assert response.status_code == 404
        assert response.get_json()["error"]["code"] == "not_found"
    timeline = client.get(
        f"/api/v1/babies/{their_baby['id']}/timeline", headers=theirs["headers"]
    )
    assert timeline.status_code == 200
    # and ours are still ours
    feed = client.get("/api/v1/feed", headers=ours["headers"]).get_json()
    assert feed["baby"]["name"] == "Ada"


def test_a_kept_read_answers_304_to_its_etag(app, client):
    parent = make_parent(client)
    response = warm(app, client, "/api/v1/me", parent["headers"])
    etag = response.headers["ETag"]
    again = client.get(
        "/api/v1/me", headers={**parent["headers"], "If-None-Match": etag}
    )
    assert again.status_code == 304


@pytest.fixture
def twin_app(app):  # type: ignore[no-untyped-def]
    """A second app on the same database and board, as another worker would be."""
    from config import TestingConfig
    from parent_app import create_app
    from parent_app.extensions import db

    twin = create_app({**app.config, "BASE_CONFIG": TestingConfig})
    yield twin
    with twin.app_context():
        db.session.remove()
        db.engine.dispose()


def test_a_read_between_a_write_and_its_commit_is_not_kept_past_the_commit(
    app, twin_app, client
):
    """The board moves when a write is flushed and again after its commit: a read in
    between sees the old row (not committed yet) and may keep it, but only until the
    commit."""
    from parent_app.extensions import db
    from parent_app.models import User

    parent = make_parent(client)
    warm(app, client, "/api/v1/me", parent["headers"])
    with twin_app.app_context():
        user = db.session.get(User, parent["user"]["id"])
        user.display_name = "Alex"
        db.session.flush()
        for _ in range(3):
            me = client.get("/api/v1/me", headers=parent["headers"]).get_json()
            assert me["display_name"] is None
        db.session.commit()
    me = client.get("/api/v1/me", headers=parent["headers"]).get_json()
    assert me["display_name"] == "Alex"


def test_set_based_writes_move_the_board(app, client):
    """A statement the flush does not see moves what it declares, or by its table
    everything; one that changes no row, or only bookkeeping, moves nothing."""
    from sqlalchemy import text, update

    from parent_app.extensions import db
    from parent_app.models import ApiToken, Baby
    from parent_app.models.board import ALL_HOUSEHOLDS, ALL_USERS, ANY_CHANGE, CONTENT

    board = app.extensions["read_board"]
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(days=30))

    def moved(statement, **options):  # type: ignore[no-untyped-def]
        before = [board.read(s) for s in range(board.slots * 2 + 8)]
        with app.app_context():
            db.session.execute(statement.execution_options(**options))
            db.session.commit()
        after = [board.read(s) for s in range(board.slots * 2 + 8)]
        changed = {
            s for s, (a, b) in enumerate(zip(before, after, strict=True)) if a != b
        }
        # Every bump moves ANY_CHANGE too, and only a bump does.
        assert not changed or (ANY_CHANGE in changed and len(changed) > 1)
        return changed - {ANY_CHANGE}

    rename = update(Baby).where(Baby.id == baby["id"]).values(name="Kit")
    assert moved(rename) == {ALL_USERS, ALL_HOUSEHOLDS, CONTENT}
    assert moved(update(Baby).where(Baby.id == -1).values(name="Kit")) == set()
    user_id = parent["user"]["id"]
    from parent_app.models.board_writes import NOTHING, Touches

    revoke = update(ApiToken).where(ApiToken.user_id == user_id).values(device_hint="x")
    assert moved(revoke, read_board=Touches(users=(user_id,))) == {
        board.user_slot(user_id)
    }
    assert moved(revoke, read_board=NOTHING) == set()
    assert moved(text("UPDATE babies SET name = 'Jo'")) == {
        ALL_USERS,
        ALL_HOUSEHOLDS,
        CONTENT,
    }
    assert moved(text("SELECT 1")) == set()


def test_boards_on_one_file_share_their_counters(tmp_path):
    from parent_app.models.board import CONTENT, ReadBoard

    first = ReadBoard(tmp_path / "board", slots=16)
    second = ReadBoard(tmp_path / "board", slots=16)
    stamp = second.account_stamp(5, 7)
    first.bump([first.user_slot(5)])
    assert second.account_stamp(5, 7) != stamp
    assert second.account_stamp(6, 7) == second.account_stamp(6, 7)
    before = second.content()
    first.bump([CONTENT])
    assert second.content() == before + 1
    first.close()
    second.close()


def test_the_planners_and_senders_set_based_writes_reach_kept_timelines(app, client):
    import random
    from datetime import UTC, datetime

    from parent_app.extensions import db
    from parent_app.nudges.planner import plan_due_nudges
    from parent_app.outbox.sender import send_due_pushes
    from parent_app.outbox.webpush import FakePushSender
    from tests.api.test_nudges_api import subscription
    from tests.nudge_helpers import publish_rule

    publish_rule(app, "first-week", offset_days=1, send_window_days=30)
    parent = make_parent(client)
    client.post(
        "/api/v1/push/subscriptions", json=subscription(), headers=parent["headers"]
    )
    baby = add_baby(client, parent, date_of_birth=TODAY - timedelta(days=3))
    path = f"/api/v1/babies/{baby['id']}/timeline"

    def states():  # type: ignore[no-untyped-def]
        timeline = client.get(path, headers=parent["headers"]).get_json()
        return [(e["slug"], e["state"]) for e in timeline]

    warm(app, client, path, parent["headers"])
    assert states() == [("first-week", "upcoming")]
    with app.app_context():
        plan_due_nudges(now=datetime.now(UTC))
        db.session.commit()
    assert states() == [("first-week", "planned")]
    warm(app, client, path, parent["headers"])
    with app.app_context():
        send_due_pushes(
            FakePushSender(),
            now=datetime.now(UTC) + timedelta(days=1),
            rng=random.Random(3),
        )
    assert states() == [("first-week", "sent")]


def test_a_write_landing_during_a_first_sign_in_is_not_kept(app, twin_app, client):
    """A worker keeps a token's first sign-in only if nothing moved the board while it
    loaded it: here another worker changes the profile and commits just after the
    sign-in query read the old row, and the next read still shows the change."""
    from sqlalchemy import event

    from parent_app.extensions import db
    from parent_app.models import User

    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            pytest.skip("SQLite locks the row a running query reads: PostgreSQL only")
        engine = db.engine
    parent = make_parent(client)
    done = []

    def write_meanwhile(conn, cursor, statement, *args):  # type: ignore[no-untyped-def]
        if done or "api_tokens" not in statement:
            return
        done.append(True)
        with twin_app.app_context():
            user = db.session.get(User, parent["user"]["id"])
            user.display_name = "Alex"
            db.session.commit()

    event.listen(engine, "after_cursor_execute", write_meanwhile)
    try:
        first = client.get("/api/v1/me", headers=parent["headers"]).get_json()
    finally:
        event.remove(engine, "after_cursor_execute", write_meanwhile)
    assert done
    assert first["display_name"] is None  # it started before the write
    me = client.get("/api/v1/me", headers=parent["headers"]).get_json()
    assert me["display_name"] == "Alex"
