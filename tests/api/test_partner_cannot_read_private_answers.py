"""A joined partner never reads the other adult's money check answers or unshared
plan actions through any endpoint: every operation in the OpenAPI document is called
as the partner with the other adult's ids (and the export read), and every JSON body
is searched."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.api.test_finance_contract import COUPLE, _by_key, _join, _plan
from tests.api.test_platform_acceptance import (
    API,
    _operations,
    _path_params,
    _spec,
)
from tests.factories import add_baby, make_parent

ANSWERS = {**COUPLE, "money_worries": ["debts", "bills"], "housing": "rent_social"}
# Calls that would end the partner's session or membership, or that are not theirs
# to make at all, are left out: the sweep must go on as the same joined partner.
LEFT_OUT = {
    ("delete", f"{API}/me"),
    ("post", f"{API}/auth/logout"),
    ("delete", f"{API}/me/sessions"),
    ("delete", f"{API}/me/sessions/{{session_id}}"),
    ("post", f"{API}/family/leave"),
    ("delete", f"{API}/family/members/{{user_id}}"),
    ("post", f"{API}/family/join"),
    ("post", f"{API}/me/password"),
    ("post", f"{API}/me/email"),
}


def _leaks(node: Any, secret_action_ids: set[int], where: str) -> list[str]:
    """Where `node` holds money check answers or one of the secret actions."""
    found: list[str] = []
    if isinstance(node, dict):
        if "money_worries" in node or "birthing_parent_income" in node:
            found.append(f"{where}: answers")
        if isinstance(node.get("answers"), dict) and node["answers"]:
            found.append(f"{where}: a review's answers")
        if node.get("id") in secret_action_ids and "key" in node and "why" in node:
            found.append(f"{where}: unshared action {node['id']}")
        for key, value in node.items():
            found += _leaks(value, secret_action_ids, f"{where}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            found += _leaks(value, secret_action_ids, f"{where}[{i}]")
    return found


def _sweep(client, headers, ids: list[int], secret_action_ids: set[int]) -> tuple:
    spec = _spec(client)
    leaks: list[str] = []
    calls = 0
    for method, path, op, shared in _operations(spec):
        if (method, path) in LEFT_OUT or path.startswith(f"{API}/auth/"):
            continue
        params = _path_params(op, shared)
        candidates = ids if params else [None]
        for value in candidates:
            url = path
            for p in params:
                text = str(value) if p["schema"].get("type") == "integer" else "x"
                url = url.replace("{" + p["name"] + "}", text)
            response = client.open(url, method=method.upper(), json={}, headers=headers)
            calls += 1
            body = response.get_json(silent=True)
            leaks += _leaks(body, secret_action_ids, f"{method.upper()} {url}")
    return leaks, calls


def test_a_partner_cannot_read_the_other_adults_private_answers_anywhere(client):
    mum = make_parent(client)
    baby = add_baby(client, mum, due_date=date.today() + timedelta(weeks=20))
    partner = _join(client, mum)
    review = _plan(client, mum, ANSWERS, baby_id=baby["id"])
    actions = _by_key(review)
    shared = actions["child-benefit"]
    client.post(
        f"/api/v1/finance-review/actions/{shared['id']}/share",
        json={"shared": True},
        headers=mum["headers"],
    )
    secret = {a["id"] for key, a in actions.items() if key != "child-benefit"}
    assert len(secret) >= 5
    # The detector finds them where they belong: in mum's own review and export.
    assert _leaks(
        client.get("/api/v1/finance-review", headers=mum["headers"]).get_json(),
        secret,
        "mum",
    )
    assert _leaks(
        client.get("/api/v1/me/export", headers=mum["headers"]).get_json(),
        secret,
        "mum export",
    )

    ids = sorted(
        {review["id"], baby["id"], mum["user"]["id"], shared["id"], *sorted(secret)[:4]}
    )
    leaks, calls = _sweep(client, partner["headers"], ids, secret)
    assert calls > 200
    assert leaks == []
    # What she shared is what he sees of her plan.
    plan = client.get(
        "/api/v1/finance-review/household", headers=partner["headers"]
    ).get_json()
    assert [a["id"] for a in plan["actions"]] == [shared["id"]]
    family = client.get("/api/v1/family", headers=partner["headers"]).get_json()
    private = " ".join(family["visibility"]["private_to_each_adult"])
    assert "money check answers" in private
