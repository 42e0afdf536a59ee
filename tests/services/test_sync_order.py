"""The sync feed misses no write: a transaction that commits late with an earlier
timestamp still reaches a client that synced in between (change numbers follow commit
order, on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
import time as clock
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import text

from tests.factories import article_data

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


def _publish(slug: str, title: str, now: datetime) -> None:
    from parent_app.content.lifecycle import publish_from_catalogue

    data = article_data(slug=slug, title=title, area="national")
    publish_from_catalogue("article", data, now=now)


def _sync(app: Any, since: Any) -> tuple[Any, set[str]]:
    """What a client syncing now gets: the new token (read first) and the slugs."""
    from parent_app.content import articles
    from parent_app.extensions import db

    with app.app_context():
        token = articles.latest_change(None)
        rows = db.session.scalars(
            articles.list_articles(readable=None, updated_since=since)
        )
        slugs = {row.slug for row in rows}
        db.session.rollback()
        return token, slugs


def _wait_until_blocked_or_done(app: Any, done: threading.Event) -> None:
    """Wait for the other writer to finish, or (PostgreSQL) to be waiting on a lock."""
    from parent_app.extensions import db

    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            # SQLite lets one writer in at a time: the other waits in its busy handler
            # until this transaction ends, and nothing here can see it waiting.
            done.wait(timeout=1)
            return
        for _ in range(400):
            if done.is_set():
                return
            waiting = db.session.scalar(
                text(
                    "SELECT count(*) FROM pg_stat_activity "
                    "WHERE wait_event_type = 'Lock' AND datname = current_database()"
                )
            )
            db.session.rollback()
            if waiting:
                return
            clock.sleep(0.025)
        raise AssertionError("the other writer neither finished nor waited")


def test_a_write_committed_late_with_an_earlier_time_is_not_missed(app):
    from parent_app.extensions import db

    with app.app_context():
        _publish("early-but-slow", "Early", T0)
        _publish("late-but-quick", "Late", T0)
        db.session.commit()
    token, _ = _sync(app, None)

    done = threading.Event()
    errors: list[BaseException] = []

    def quick_writer() -> None:
        try:
            with app.app_context():
                _publish("late-but-quick", "Late, changed", T0 + timedelta(minutes=2))
                db.session.commit()
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            errors.append(exc)
        finally:
            done.set()

    with app.app_context():
        # The slow transaction writes first, with the earlier time, and stays open.
        _publish("early-but-slow", "Early, changed", T0 + timedelta(minutes=1))
        db.session.flush()
        writer = threading.Thread(target=quick_writer)
        writer.start()
        _wait_until_blocked_or_done(app, done)
        # A client syncs while the slow transaction is still open.
        token, seen_first = _sync(app, token)
        db.session.commit()
    writer.join(timeout=30)
    assert not writer.is_alive() and not errors, errors
    _, seen_next = _sync(app, token)
    assert {"early-but-slow", "late-but-quick"} <= seen_first | seen_next


def test_change_numbers_grow_with_every_change_and_survive_an_empty_counter(app):
    from parent_app.content.sync import next_change_seq
    from parent_app.extensions import db

    with app.app_context():
        first = next_change_seq()
        second = next_change_seq()
        db.session.commit()
        assert second == first + 1
        assert next_change_seq() == second + 1
        db.session.rollback()


def test_courses_sync_by_change_number_with_tombstones(app, client):
    from parent_app.content.lifecycle import archive_item, get_item_for_staff
    from parent_app.extensions import db
    from parent_app.models import User
    from tests.course_helpers import publish_course
    from tests.factories import make_staff

    kept = publish_course(app, "course-kept")
    gone = publish_course(app, "course-gone")
    first = client.get("/api/v1/courses?area=dorset").get_json()
    token = first["sync_since"]
    assert isinstance(token, int) and token > 0
    assert (
        client.get(f"/api/v1/courses?area=dorset&updated_since={token}").get_json()[
            "items"
        ]
        == []
    )
    editor = make_staff(app, client, role="editor")
    with app.app_context():
        actor = db.session.scalar(db.select(User).where(User.email == editor["email"]))
        archive_item(
            actor,
            get_item_for_staff(actor, "course", gone),
            now=datetime.now(UTC),
        )
        db.session.commit()
    changes = client.get(
        f"/api/v1/courses?area=dorset&updated_since={token}"
    ).get_json()
    assert changes["items"] == [
        {
            "id": gone,
            "slug": "course-gone",
            "status": "archived",
            "updated_at": changes["items"][0]["updated_at"],
        }
    ]
    assert changes["sync_since"] > token
    listed = client.get("/api/v1/courses?area=dorset").get_json()["items"]
    assert [c["id"] for c in listed] == [kept]
