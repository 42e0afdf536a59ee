"""Issue 2's "Done when", as a new user would run it: two families, a partner joining,
no cross-family access, export and erase, and no malformed request anywhere a 500."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from tests.factories import (
    PASSWORD,
    add_baby,
    assert_error,
    bearer,
    make_parent,
    make_staff,
)

TODAY = date.today()
API = "/api/v1"
METHODS = ("get", "post", "put", "patch", "delete")
# Ids nobody holds: past the 32-bit range, negative, zero, not a number.
BAD_IDS = ["99999999999", "-1", "0", "abc"]
UNUSED_ID = "2147483647"
# Routes every signed-in user may use for their own account, staff included.
OWN_ACCOUNT_ROUTES = {
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/v1/me"),
    ("patch", "/api/v1/me"),
    ("delete", "/api/v1/me"),
    ("get", "/api/v1/me/export"),
    ("post", "/api/v1/me/password"),
    ("post", "/api/v1/me/email"),
    ("post", "/api/v1/me/email-verification"),
    ("get", "/api/v1/me/sessions"),
    ("delete", "/api/v1/me/sessions"),
    ("delete", "/api/v1/me/sessions/{session_id}"),
}
# A body each baby route accepts, so that only ownership can refuse it.
VALID_BODIES = {
    ("patch", ""): {"name": "Mine now"},
    ("post", "/birth"): {"date_of_birth": TODAY.isoformat()},
    ("post", "/loss"): {},
}


def _spec(client) -> dict[str, Any]:
    response = client.get(f"{API}/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def _operations(spec: dict[str, Any]):
    for path, item in spec["paths"].items():
        for method in METHODS:
            if method in item:
                yield method, path, item[method], item.get("parameters", [])


def _deref(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node:
        name = node["$ref"].split("/")[-1]
        kind = node["$ref"].split("/")[-2]
        node = spec["components"][kind][name]
    return node


def _body_schema(spec, op) -> dict[str, Any] | None:
    content = op.get("requestBody", {}).get("content", {})
    if "application/json" not in content:
        return None
    return _deref(spec, content["application/json"]["schema"])


def _path_params(op, shared) -> list[dict[str, Any]]:
    params = [p for p in shared + op.get("parameters", []) if "$ref" not in p]
    return [p for p in params if p["in"] == "path"]


def _query_params(op) -> list[dict[str, Any]]:
    return [
        p for p in op.get("parameters", []) if "$ref" not in p and p["in"] == "query"
    ]


def _fill(path: str, params: list[dict[str, Any]], value: str | None = None) -> str:
    for p in params:
        default = UNUSED_ID if p["schema"].get("type") == "integer" else "no-such-thing"
        path = path.replace("{" + p["name"] + "}", value or default)
    return path


def _one_shape(response) -> bool:
    """`{"error": {code, message, fields}}`, `fields` always there and flat: each
    (dotted) field name maps to a list of strings."""
    body = response.get_json(silent=True)
    if not (
        isinstance(body, dict)
        and set(body) == {"error"}
        and isinstance(body["error"].get("code"), str)
        and isinstance(body["error"].get("message"), str)
        and set(body["error"]) == {"code", "message", "fields"}
        and isinstance(body["error"]["fields"], dict)
    ):
        return False
    return all(
        isinstance(name, str)
        and isinstance(messages, list)
        and all(isinstance(m, str) for m in messages)
        for name, messages in body["error"]["fields"].items()
    )


def _wrong_values(spec, prop: dict[str, Any]) -> list[Any]:
    prop = _deref(spec, prop) if "$ref" in prop else prop
    if "allOf" in prop:
        prop = _deref(spec, prop["allOf"][0])
    kind = prop.get("type")
    if kind == "string":
        values: list[Any] = [12345, {}, []]
        if prop.get("format") in ("date", "date-time"):
            values += ["2026-02-30", "99999-01-01"]
        if "enum" in prop:
            values.append("not-one-of-these")
        return values
    if kind == "integer":
        # JSON types are strict: a number in a string is not a number.
        return ["abc", 1.5, {}, 10**20, "5", True]
    if kind == "number":
        return ["abc", {}, 10**400]
    if kind == "boolean":
        return ["maybe", {}, "yes", "true", 1]
    if kind == "array":
        return ["x", {}]
    if kind == "object" or "properties" in prop:
        return ["x", []]
    return []


class Sweep:
    """Sends requests and records every one that breaks the contract."""

    def __init__(self, client) -> None:
        self.client = client
        self.failures: list[str] = []
        self.sent = 0

    def send(
        self,
        method,
        url,
        *,
        headers,
        strict,
        data=None,
        content_type=None,
        json_body=None,
        query=None,
    ):
        kwargs: dict[str, Any] = {"headers": dict(headers), "query_string": query}
        if json_body is not None:
            kwargs["json"] = json_body
        elif data is not None:
            kwargs["data"] = data
            kwargs["headers"]["Content-Type"] = content_type or "application/json"
        response = self.client.open(url, method=method.upper(), **kwargs)
        self.sent += 1
        status = response.status_code
        sent = json_body if json_body is not None else data
        label = (
            f"{method.upper()} {url[:90]} {query or ''} {str(sent)[:60]!r} -> {status}"
        )
        if status >= 500:
            self.failures.append("5xx: " + label)
        elif status >= 400 and not _one_shape(response):
            self.failures.append("not the one error shape: " + label)
        elif strict and status < 400:
            self.failures.append("accepted: " + label)
        return response


def test_done_when_two_families_a_partner_export_and_erase(client, app):
    # Two parents register, each in a household of their own.
    mum = make_parent(client, area="dorset", email="mum@example.org")
    other = make_parent(client, area="southampton", email="other@example.org")
    assert mum["user"]["household_id"] != other["user"]["household_id"]

    # A pregnancy and a born baby.
    bump = add_baby(client, mum, due_date=TODAY + timedelta(weeks=20), name="Bump")
    born = add_baby(
        client, other, date_of_birth=TODAY - timedelta(weeks=6), gestation_weeks=34
    )
    assert (bump["status"], born["status"]) == ("expected", "born")

    # A partner registers, joins mum's family with a one-time code, and sees the baby.
    partner = make_parent(
        client, role="partner", area="dorset", email="dad@example.org"
    )
    invite = client.post(f"{API}/family/invites", headers=mum["headers"])
    assert invite.status_code == 201 and set(invite.get_json()) == {
        "code",
        "expires_at",
    }
    joined = client.post(
        f"{API}/family/join",
        json={"code": invite.get_json()["code"]},
        headers=partner["headers"],
    )
    assert joined.status_code == 200
    seen = client.get(f"{API}/babies", headers=partner["headers"]).get_json()
    assert [b["id"] for b in seen] == [bump["id"]]

    # Another family's baby is a 404 on every route that takes a baby id.
    spec = _spec(client)
    baby_routes = [(m, p, op) for m, p, op, _ in _operations(spec) if "{baby_id}" in p]
    assert len(baby_routes) >= 6
    for method, path, op in baby_routes:
        body = VALID_BODIES.get((method, path.rsplit("}", 1)[1]))
        if body is None and "requestBody" in op:
            body = {}
        theirs = path.replace("{baby_id}", str(born["id"]))
        nobodys = path.replace("{baby_id}", UNUSED_ID)
        for parent in (mum, partner):
            response = client.open(
                theirs, method=method.upper(), json=body, headers=parent["headers"]
            )
            unknown = client.open(
                nobodys, method=method.upper(), json=body, headers=parent["headers"]
            )
            # The same answer as for a baby that does not exist: a 404, or, for a route
            # whose body this test cannot fill in, the same validation error.
            assert (response.status_code, response.get_json()) == (
                unknown.status_code,
                unknown.get_json(),
            )
            if (
                method,
                path.rsplit("}", 1)[1],
            ) in VALID_BODIES or "requestBody" not in op:
                assert_error(response, 404)
    assert_error(
        client.get(
            f"{API}/feed", query_string={"baby_id": born["id"]}, headers=mum["headers"]
        ),
        404,
    )
    # ... and nothing about it shows in the family view or the export.
    family = client.get(f"{API}/family", headers=mum["headers"]).get_json()
    assert [b["id"] for b in family["babies"]] == [bump["id"]]
    # The other family's own baby is untouched by all of that.
    assert (
        client.get(f"{API}/babies/{born['id']}", headers=other["headers"]).status_code
        == 200
    )

    # A used code is gone; the other family cannot use it either.
    used = client.post(
        f"{API}/family/join",
        json={"code": invite.get_json()["code"]},
        headers=other["headers"],
    )
    assert_error(used, 404, "invalid_invite")

    # The export holds my account, family and babies, and nothing of another family.
    export = client.get(f"{API}/me/export", headers=mum["headers"])
    assert export.status_code == 200
    data = export.get_json()
    assert data["account"][0]["email"] == "mum@example.org"
    assert data["household"][0]["id"] == mum["user"]["household_id"]
    assert [b["id"] for b in data["babies"]] == [bump["id"]]
    assert "other@example.org" not in json.dumps(data)
    assert str(born["id"]) not in [str(b["id"]) for b in data["babies"]]

    # The partner and then mum erase their accounts: nothing personal is left anywhere.
    household_id = mum["user"]["household_id"]
    for adult in (partner, mum):
        response = client.delete(
            f"{API}/me", json={"password": PASSWORD}, headers=adult["headers"]
        )
        assert response.status_code == 204
        assert_error(client.get(f"{API}/me", headers=adult["headers"]), 401)
    leftovers = personal_rows(
        app,
        user_ids=[mum["user"]["id"], partner["user"]["id"]],
        household_ids=[household_id],
        baby_ids=[bump["id"]],
        emails=["mum@example.org", "dad@example.org"],
    )
    assert leftovers == []
    # The other family is still there.
    assert (
        client.get(f"{API}/babies/{born['id']}", headers=other["headers"]).status_code
        == 200
    )


def personal_rows(app, *, user_ids, household_ids, baby_ids, emails) -> list[str]:
    """Where (table.column) any of these users, households, babies or emails remain."""
    from parent_app.extensions import db

    owners = {"users": user_ids, "households": household_ids, "babies": baby_ids}
    found = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                targets = {fk.column.table.name for fk in column.foreign_keys}
                if column.primary_key and table.name in owners:
                    targets.add(table.name)
                values = [v for t in targets & owners.keys() for v in owners[t]]
                if type(column.type).__name__ in ("String", "Text"):
                    values += emails
                if values:
                    count = db.session.scalar(
                        select(func.count())
                        .select_from(table)
                        .where(column.in_(values))
                    )
                    if count:
                        found.append(f"{table.name}.{column.name}")
    return found


@pytest.fixture
def actors(app, client):
    """A parent with a baby, and an admin for staff routes."""
    parent = make_parent(client, email="sweep@example.org")
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=20))
    staff = make_staff(app, client, role="admin", areas=("dorset", "national"))
    return {
        "parent": parent["headers"],
        "staff": staff["headers"],
        "baby_id": str(baby["id"]),
    }


# Valid bodies the sweep breaks one field of, so that a bad value reaches the service.
BASE_BODIES = {
    ("post", "/api/v1/auth/register"): {
        "email": "new-sweep@example.org",
        "password": PASSWORD,
        "role": "partner",
        "area": "dorset",
    },
    ("post", "/api/v1/auth/login"): {
        "email": "sweep@example.org",
        "password": PASSWORD,
    },
    ("patch", "/api/v1/me"): {"display_name": "Sweep"},
    ("delete", "/api/v1/me"): {"password": "not the password"},
    ("post", "/api/v1/babies"): {"due_date": (TODAY + timedelta(weeks=10)).isoformat()},
    ("patch", "/api/v1/babies/{baby_id}"): {"name": "Sweep"},
    ("post", "/api/v1/babies/{baby_id}/birth"): {"date_of_birth": TODAY.isoformat()},
    ("post", "/api/v1/family/join"): {"code": "ABCDE-FGHJK"},
}


def _headers_for(path: str, actors) -> dict[str, str]:
    return actors["staff"] if path.startswith(f"{API}/staff") else actors["parent"]


def _fresh_token_if_logout(client, method, path, headers):
    if (method, path) != ("post", f"{API}/auth/logout"):
        return headers
    email = "logout@example.org"
    client.post(
        f"{API}/auth/register",
        json={
            "email": email,
            "password": PASSWORD,
            "role": "partner",
            "area": "dorset",
        },
    )
    token = client.post(
        f"{API}/auth/login", json={"email": email, "password": PASSWORD}
    )
    return bearer(token.get_json()["token"])


def test_no_malformed_request_on_any_route_in_the_spec_is_a_500(client, actors):
    spec = _spec(client)
    sweep = Sweep(client)
    deep_array = "[" * 5000 + "]" * 5000
    deep_object = '{"a":' * 5000 + "1" + "}" * 5000
    for method, path, op, shared in _operations(spec):
        headers = _headers_for(path, actors)
        path_params = _path_params(op, shared)
        url = _fill(path, path_params)

        # Ids that nobody holds, in every path parameter.
        for value in BAD_IDS if path_params else []:
            is_int = any(p["schema"].get("type") == "integer" for p in path_params)
            h = _fresh_token_if_logout(client, method, path, headers)
            sweep.send(
                method, _fill(path, path_params, value), headers=h, strict=is_int
            )
        for value in ["x" * 5000, "%00", "%ff%fe"] if path_params else []:
            sweep.send(
                method, _fill(path, path_params, value), headers=headers, strict=False
            )

        # A query parameter the route does not declare is refused, on every route.
        h = _fresh_token_if_logout(client, method, path, headers)
        refused = sweep.send(
            method, url, headers=h, strict=True, query={"not_a_parameter": "1"}
        )
        if refused.status_code != 422 or "not_a_parameter" not in (
            (refused.get_json(silent=True) or {}).get("error", {}).get("fields", {})
        ):
            sweep.failures.append(f"unknown query parameter not named: {method} {url}")

        # Bad query parameters, one at a time.
        for param in _query_params(op):
            for value in ["abc", "99999999999", "-1", "x" * 5000, "\x00"]:
                h = _fresh_token_if_logout(client, method, path, headers)
                sweep.send(
                    method, url, headers=h, strict=False, query={param["name"]: value}
                )

        schema = _body_schema(spec, op)
        base = BASE_BODIES.get((method, path), {})
        if schema is not None and base:
            url = (
                url.replace(UNUSED_ID, actors["baby_id"])
                if "{baby_id}" in path
                else url
            )
        if schema is None:
            # A body where none is expected must not break anything either.
            for data in ["not json", deep_array]:
                h = _fresh_token_if_logout(client, method, path, headers)
                sweep.send(method, url, headers=h, strict=False, data=data)
            continue

        required = bool(schema.get("required"))
        sweep.send(method, url, headers=headers, strict=required)
        for data in ["{not json", deep_array, deep_object, '{"a": ' + "9" * 5000 + "}"]:
            sweep.send(method, url, headers=headers, strict=True, data=data)
        for data in ["[1, 2]", '"text"', "42"]:
            sweep.send(method, url, headers=headers, strict=True, data=data)
        sweep.send(method, url, headers=headers, strict=required, data="null")
        sweep.send(
            method,
            url,
            headers=headers,
            strict=False,
            data="x=1",
            content_type="text/plain",
        )
        for name, prop in schema.get("properties", {}).items():
            if prop.get("readOnly"):
                continue
            for wrong in _wrong_values(spec, prop):
                body = {**base, name: wrong}
                sweep.send(method, url, headers=headers, strict=True, json_body=body)
            rest = json.dumps({k: v for k, v in base.items() if k != name})[1:-1]
            rest = ", " + rest if rest else ""
            if (
                _deref(spec, prop).get("type") == "string"
                or prop.get("type") == "string"
            ):
                for text in ["a\\u0000b", "\\ud800"]:
                    data = "{" + json.dumps(name) + ': "' + text + '"' + rest + "}"
                    sweep.send(method, url, headers=headers, strict=True, data=data)
                sweep.send(
                    method,
                    url,
                    headers=headers,
                    strict=False,
                    json_body={**base, name: "x" * 20_000},
                )
            if name == next(iter(schema["properties"])):
                for literal in ["NaN", "-Infinity", "1e400"]:
                    data = "{" + json.dumps(name) + ": " + literal + rest + "}"
                    sweep.send(method, url, headers=headers, strict=True, data=data)
    assert sweep.sent > 1000
    assert sweep.failures == []


def test_anonymous_and_bad_tokens_get_401_on_every_secured_route(client):
    spec = _spec(client)
    secured = [(m, p, op, s) for m, p, op, s in _operations(spec) if op.get("security")]
    assert len(secured) > 30
    for method, path, op, shared in secured:
        url = _fill(path, _path_params(op, shared))
        for headers in (
            {},
            {"Authorization": "Bearer nope"},
            {"Authorization": "Basic abc"},
        ):
            response = client.open(url, method=method.upper(), headers=headers)
            assert_error(response, 401)


def test_staff_get_403_on_parent_routes_and_parents_403_on_staff_routes(client, actors):
    spec = _spec(client)
    checked = 0
    for method, path, op, shared in _operations(spec):
        if not op.get("security") or (method, path) in OWN_ACCOUNT_ROUTES:
            continue
        url = _fill(path, _path_params(op, shared))
        wrong = actors["parent"] if path.startswith(f"{API}/staff") else actors["staff"]
        response = client.open(url, method=method.upper(), json={}, headers=wrong)
        assert_error(response, 403)
        checked += 1
    assert checked > 30


PLATFORM_PARENT_TAGS = {"babies", "family"}
RATE_LIMITED = {
    ("post", f"{API}/auth/register"),
    ("post", f"{API}/auth/login"),
    ("post", f"{API}/family/join"),
    ("post", f"{API}/auth/verify-email"),
    ("post", f"{API}/auth/password-reset"),
    ("post", f"{API}/auth/password-reset/confirm"),
    ("post", f"{API}/me/password"),
    ("post", f"{API}/me/email"),
}


def _error_schema_of(spec, response: dict[str, Any]) -> str | None:
    response = _deref(spec, response)
    schema = response.get("content", {}).get("application/json", {}).get("schema", {})
    return schema.get("$ref", "").split("/")[-1] or None


def test_openapi_documents_every_operation_with_schemas_and_error_responses(client):
    spec = _spec(client)
    problems = []
    for method, path, op, shared in _operations(spec):
        where = f"{method.upper()} {path}"
        responses = op["responses"]
        if not op.get("summary"):
            problems.append(f"{where}: no summary")
        successes = [code for code in responses if re.fullmatch(r"2\d\d", code)]
        if not successes:
            problems.append(f"{where}: no success response")
        for code in successes:
            if code != "204" and not _deref(spec, responses[code]).get("content"):
                problems.append(f"{where}: {code} has no schema")
        for code, response in responses.items():
            if (
                code.isdigit()
                and int(code) >= 400
                and _error_schema_of(spec, response) != "Error"
            ):
                problems.append(
                    f"{where}: {code} is not documented with the error schema"
                )
        needed = set()
        if op.get("security"):
            needed.add("401")
        if _path_params(op, shared):
            needed.add("404")
        if "requestBody" in op:
            needed |= {"400", "422"}
            if not _body_schema(spec, op):
                problems.append(f"{where}: request body has no JSON schema")
        if _query_params(op):
            needed.add("422")
        if PLATFORM_PARENT_TAGS & set(op.get("tags", [])):
            needed.add("403")
        if (method, path) in RATE_LIMITED:
            needed.add("429")
        missing = needed - set(responses)
        if missing:
            problems.append(f"{where}: undocumented {sorted(missing)}")
    assert problems == []
    assert spec["components"]["schemas"]["Error"]["properties"]["error"]
    assert client.get(f"{API}/docs").status_code == 200
