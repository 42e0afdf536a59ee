"""Helpers for the parent app's request tests: sign up and add a baby through the
pages, as a parent would."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from typing import Any

from flask.testing import FlaskClient

from tests.factories import PASSWORD
from tests.web.helpers import submit

_counter = itertools.count(1)


def sign_up(
    client: FlaskClient, *, role: str = "birthing_parent", area: str = "dorset"
) -> str:
    """Create an account through the sign-up page; returns its email."""
    email = f"web-parent{next(_counter)}@example.org"
    page = submit(
        client,
        "/sign-up",
        {"role": role, "area": area, "email": email, "password": PASSWORD},
    )
    assert page.status_code == 302, page.get_data(as_text=True)
    return email


def date_fields(name: str, on: date) -> dict[str, str]:
    return {
        f"{name}[day]": str(on.day),
        f"{name}[month]": str(on.month),
        f"{name}[year]": str(on.year),
    }


def add_pregnancy(client: FlaskClient, due_on: date) -> None:
    page = submit(client, "/babies/new/pregnancy", date_fields("due_date", due_on))
    assert page.status_code == 302, page.get_data(as_text=True)


def today() -> date:
    return datetime.now(UTC).date()


def weeks_ahead(weeks: int) -> date:
    return today() + timedelta(weeks=weeks)


def deliver_notification(
    app: Any, email: str, title: str, *, article_slug: str | None = None
) -> int:
    """A reminder that reached this parent's inbox (as the sender leaves it)."""
    from sqlalchemy import select

    from parent_app.extensions import db
    from parent_app.models import NudgeOutbox, OutboxStatus, User

    n = next(_counter)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        assert user is not None
        row = NudgeOutbox(
            key=f"test:{n}",
            user_id=user.id,
            title=title,
            body=f"{title}: the details.",
            topic="immunisations",
            article_slug=article_slug,
            due_day=0,
            send_after_epoch=0,
            expires_epoch=0,
            ttl_seconds=3600,
            urgency="normal",
            status=OutboxStatus.DELIVERED,
            delivered_at=datetime.now(UTC),
        )
        db.session.add(row)
        db.session.commit()
        return row.id
