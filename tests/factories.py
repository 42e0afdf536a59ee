"""Plain helpers that make real users, babies and staff through the API and the
services."""

from __future__ import annotations

import itertools
from typing import Any

_counter = itertools.count(1)
PASSWORD = "correct horse battery"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def make_parent(
    client: Any,
    *,
    role: str = "birthing_parent",
    area: str = "dorset",
    email: str | None = None,
) -> dict[str, Any]:
    """Register a parent; returns {"user", "token", "headers"}."""
    email = email or f"parent{next(_counter)}@example.org"
    response = client.post(
        "/api/v1/auth/register",
        json={"email": email, "password": PASSWORD, "role": role, "area": area},
    )
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    body["headers"] = bearer(body["token"])
    body["email"] = email
    return body


def add_baby(client: Any, parent: dict[str, Any], **fields: Any) -> dict[str, Any]:
    payload = {
        k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in fields.items()
    }
    response = client.post("/api/v1/babies", json=payload, headers=parent["headers"])
    assert response.status_code == 201, response.get_json()
    return response.get_json()


def make_staff(
    app: Any, client: Any, *, role: str = "author", areas: tuple[str, ...] = ("dorset",)
) -> dict[str, Any]:
    """Create a staff account with the service (as the CLI does) and sign it in."""
    from parent_app.accounts.users import create_staff
    from parent_app.extensions import db

    email = f"staff{next(_counter)}@familyhub.example"
    with app.app_context():
        create_staff(email=email, password=PASSWORD, role=role, area_ids=list(areas))
        db.session.commit()
    response = client.post(
        "/api/v1/auth/login", json={"email": email, "password": PASSWORD}
    )
    assert response.status_code == 200, response.get_json()
    token = response.get_json()["token"]
    return {"email": email, "token": token, "headers": bearer(token)}


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is a `status` error in the one shape (and with `code`, when
    given)."""
    assert response.status_code == status, (
        response.status_code,
        response.get_data(as_text=True),
    )
    body = response.get_json()
    assert set(body) == {"error"}, body
    assert isinstance(body["error"]["code"], str) and isinstance(
        body["error"]["message"], str
    )
    assert set(body["error"]) == {"code", "message", "fields"}, body
    assert all(
        isinstance(messages, list) and all(isinstance(m, str) for m in messages)
        for messages in body["error"]["fields"].values()
    ), body
    if code is not None:
        assert body["error"]["code"] == code, body
    return body["error"]


def publish_article(app: Any, slug: str, **overrides: Any) -> None:
    """Publish an article straight away (as the catalogue loader does)."""
    from datetime import UTC, datetime

    from parent_app.content.lifecycle import publish_from_catalogue
    from parent_app.extensions import db

    data = {
        "slug": slug,
        "title": slug.replace("-", " ").capitalize(),
        "summary": f"About {slug}.",
        "body": f"All about {slug}.",
        "topic": "wellbeing",
        "audience": "everyone",
        "stage_from_day": -280,
        "stage_to_day": 912,
        "area": "national",
        "source_name": "NHS",
        "source_url": "https://www.nhs.uk",
        "review_by": "2027-06-01",
    }
    data.update(overrides)
    with app.app_context():
        publish_from_catalogue("article", data, now=datetime.now(UTC))
        db.session.commit()


def article_data(**overrides: Any) -> dict[str, Any]:
    """A valid Dorset article as staff would send it; `overrides` replace fields."""
    data: dict[str, Any] = {
        "slug": "dorset-baby-groups",
        "title": "Baby groups in Dorset",
        "summary": "Where to meet other parents.",
        "body": (
            "## Come along\n\n"
            "Our family hubs run free groups for babies under 6 months."
        ),
        "topic": "wellbeing",
        "audience": "everyone",
        "stage_from_day": 0,
        "stage_to_day": 365,
        "area": "dorset",
        "source_name": "Dorset Council",
        "source_url": "https://www.dorsetcouncil.gov.uk/family-hubs",
        "review_by": "2027-06-01",
    }
    data.update(overrides)
    return data
