"""The served OpenAPI document is valid and says what the API does (money as strings,
required bodies required); a bounded Schemathesis pass finds the API keeping to it."""

import re
from datetime import date, timedelta

import schemathesis
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.factories import add_baby, assert_error, make_parent, make_staff

DOCUMENT = "/api/v1/openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Examples per operation: with ~100 operations the pass takes well under a minute.
EXAMPLES = 6


def _document(client):
    return client.get(DOCUMENT).get_json()


def test_the_served_document_is_valid_openapi(client):
    validate(_document(client))


def _walk(node, path=()):
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, (*path, key))
    elif isinstance(node, list):
        for n, value in enumerate(node):
            yield from _walk(value, (*path, n))


def test_money_is_a_decimal_string_everywhere(client):
    document = _document(client)
    money = [
        (path, node)
        for path, node in _walk(document)
        if node.get("format") == "decimal"
    ]
    assert len(money) > 10
    for path, node in money:
        assert node["type"] == "string", path
        assert "minimum" not in node and "maximum" not in node, path


def test_the_rates_table_sends_money_as_the_strings_it_documents(client):
    rates = client.get("/api/v1/entitlements/rates").get_json()["rate_years"]
    schema = _document(client)["components"]["schemas"]["RateYear"]["properties"]
    for row in rates:
        for name in ("flat_rate", "lower_earnings_limit"):
            assert isinstance(row[name], str) and schema[name]["type"] == "string"


def test_every_required_body_is_required(app, client):
    """Where the document says a body is required, a request without one is a 422
    naming the body, never taken as `{}` (which let a loss be recorded, or a session
    cancelled, with no body at all)."""
    editor = make_staff(app, client, role="editor")["headers"]
    admin = make_staff(app, client, role="admin")["headers"]
    parent = make_parent(client)["headers"]
    required = [
        (method, path)
        for path, operations in _document(client)["paths"].items()
        for method, operation in operations.items()
        if method != "parameters" and operation.get("requestBody", {}).get("required")
    ]
    assert ("post", "/api/v1/babies/{baby_id}/loss") in required
    assert ("post", "/api/v1/staff/sessions/{session_id}/cancel") in required
    for method, path in required:
        url = re.sub(r"\{[^}]+\}", "1", path)
        headers = (
            admin
            if path.startswith("/api/v1/staff/accounts")
            else editor
            if path.startswith("/api/v1/staff")
            else parent
        )
        response = client.open(url, method=method.upper(), headers=headers)
        assert response.status_code == 422, (method, path, response.get_json())
        assert "_json" in response.get_json()["error"]["fields"], (method, path)


def test_a_loss_is_not_recorded_without_a_body(client):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=(date.today() + timedelta(days=60)))
    refused = client.post(
        f"/api/v1/babies/{baby['id']}/loss", headers=parent["headers"]
    )
    assert_error(refused, 422, "validation_failed")
    again = client.get(f"/api/v1/babies/{baby['id']}", headers=parent["headers"])
    assert again.get_json() == baby


def _generated_requests(operation, headers):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    def keeps_to_document(case):
        case.call_and_validate(headers=headers, checks=CHECKS)

    return keeps_to_document


def test_the_api_keeps_to_its_document(app, client):
    """Every operation, a few generated valid requests each, as a parent (or an editor
    for staff routes): no 5xx, only documented statuses, content types and bodies."""
    schema = schemathesis.openapi.from_wsgi(DOCUMENT, app)
    schema.config.generation.update(modes=["positive"])
    editor = make_staff(app, client, role="editor")["headers"]
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        # A fresh parent per operation: DELETE /me and logout end the one before.
        headers = (
            editor
            if operation.path.startswith("/staff")
            else make_parent(client)["headers"]
        )

        try:
            _generated_requests(operation, headers)()
        # Report every operation that fails, not only the first.
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)


def test_money_answers_match_their_documented_schemas(app, client):
    """A sample of real answers that carry money ("500.00"), each checked against the
    schema the document gives for it: a money field documented as a number fails."""
    schema = schemathesis.openapi.from_wsgi(DOCUMENT, app)
    parent = make_parent(client)
    due = date.today() + timedelta(days=90)
    baby = add_baby(client, parent, due_date=due)
    earnings = {"earnings": {"average_weekly": "500"}}
    samples = [
        ("GET", "/api/v1/entitlements/rates", {"query_string": {"date": "2026-05-01"}}),
        (
            "POST",
            "/api/v1/entitlements/calculate",
            {"json": {"leave_type": "maternity", "due_date": "2026-06-10", **earnings}},
        ),
        (
            "POST",
            "/api/v1/entitlements/calculate",
            {"json": {"leave_type": "paternity", "due_date": "2026-06-10", **earnings}},
        ),
        (
            "POST",
            "/api/v1/entitlements/check",
            {
                "json": {
                    "due_date": "2026-06-10",
                    "birthing_parent": {
                        "employment_status": "employee",
                        "started_before_continuity_start": True,
                        "still_working_on_continuity_end": True,
                        "earned_more_than_lower_earnings_limit": True,
                    },
                }
            },
        ),
        (
            "PUT",
            "/api/v1/babies/{baby_id}/leave-plan",
            {"json": {"leave_type": "maternity", **earnings}},
        ),
    ]
    money_seen = 0
    for method, path, kwargs in samples:
        url = path.replace("{baby_id}", str(baby["id"]))
        response = client.open(url, method=method, headers=parent["headers"], **kwargs)
        assert response.status_code == 200, (path, response.get_json())
        money_seen += len(re.findall(r'"\d+\.\d\d"', response.get_data(as_text=True)))
        schema[path][method].validate_response(response)
    assert money_seen > 20
