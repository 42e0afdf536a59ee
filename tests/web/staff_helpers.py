"""Staff console request tests: signed-in clients and forms as a browser posts them."""

from __future__ import annotations

from typing import Any

from tests.factories import PASSWORD, make_staff
from tests.web.helpers import submit


def signed_in_staff(
    app: Any, *, role: str = "author", areas: tuple[str, ...] = ("dorset",)
) -> tuple[Any, dict[str, Any]]:
    """A fresh browser-like client signed in to the console as a new staff member."""
    client = app.test_client()
    staff = make_staff(app, client, role=role, areas=areas)
    page = submit(
        client, "/staff/sign-in", {"email": staff["email"], "password": PASSWORD}
    )
    assert page.status_code == 302, page.get_data(as_text=True)
    return client, staff


def article_form(**overrides: Any) -> dict[str, Any]:
    """The new-article form filled in as an author would."""
    form = {
        "title": "Baby groups in Dorset",
        "slug": "dorset-baby-groups",
        "summary": "Where to meet other parents.",
        "body": "## Come along\n\nOur family hubs run free groups for babies.",
        "topic": "wellbeing",
        "audience": "everyone",
        "stage": "window",
        "stage_from_unit": "age_weeks",
        "stage_from_number": "0",
        "stage_to_unit": "age_months",
        "stage_to_number": "6",
        "age_basis": "chronological",
        "area": "dorset",
        "language": "en",
        "source_name": "Dorset Council",
        "source_url": "https://www.dorsetcouncil.gov.uk/family-hubs",
        "review_by": "1 6 2027",
        "action": "save",
    }
    form.update(overrides)
    return form


def post_form(client: Any, url: str, data: dict[str, Any]) -> Any:
    """Post `data` to `url` with the CSRF token of the page at `url`; the date input's
    three boxes share one name, so "1 6 2027" is sent as three values."""
    from tests.web.helpers import csrf_token_of

    token = csrf_token_of(client.get(url))
    fields: list[tuple[str, str]] = [("csrf_token", token)]
    for name, value in data.items():
        if name == "review_by" and isinstance(value, str):
            fields += [(name, part) for part in value.split(" ")]
        else:
            fields.append((name, value))
    from werkzeug.datastructures import MultiDict

    return client.post(url, data=MultiDict(fields))


def action(client: Any, item_url: str, name: str, **data: Any) -> Any:
    """Press a button on an item's page (submit, approve, archive, request-changes)."""
    from tests.web.helpers import csrf_token_of

    token = csrf_token_of(client.get(item_url))
    return client.post(f"{item_url}/{name}", data={"csrf_token": token, **data})
