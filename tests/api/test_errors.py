"""Every failure comes back as a 4xx in the one error shape; a 5xx says nothing
internal."""

import json
import re

import pytest

from tests.factories import assert_error, make_parent, make_staff


def test_unknown_route_is_a_404_in_the_error_shape(client):
    assert_error(client.get("/api/v1/no-such-thing"), 404, "not_found")


def test_wrong_method_is_a_405_with_allow(client):
    response = client.delete("/api/v1/health")
    assert_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[" * 100_000,
        "[" * 5000 + "]" * 5000,
        '{"a":' * 5000 + "1" + "}" * 5000,
        b"\xff\xfe\x00",
    ],
    ids=["malformed", "unclosed-deep", "deep-array", "deep-object", "not-utf8"],
)
def test_malformed_or_deeply_nested_json_is_a_400(client, body):
    response = client.post(
        "/api/v1/auth/register", data=body, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 400, "invalid_json")


@pytest.mark.parametrize("body", ["[1, 2]", '"text"', "42", "null"])
def test_json_that_is_not_an_object_is_a_422(client, body):
    response = client.post(
        "/api/v1/auth/register", data=body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code in (400, 422)
    assert_error(response, response.status_code)


def test_body_over_the_configured_limit_is_a_413(client, app):
    body = json.dumps(
        {"email": "a@example.org", "password": "x" * (app.config["MAX_CONTENT_LENGTH"])}
    )
    response = client.post(
        "/api/v1/auth/register", data=body, headers={"Content-Type": "application/json"}
    )
    assert_error(response, 413, "payload_too_large")


def test_validation_errors_name_each_field(client):
    response = client.post(
        "/api/v1/auth/register",
        json={"email": "nope", "password": "short", "role": "dad"},
    )
    error = assert_error(response, 422, "validation_failed")
    assert set(error["fields"]) == {"email", "password", "role", "area"}


def test_missing_token_is_a_401(client):
    assert_error(client.get("/api/v1/me"), 401, "unauthorized")


def test_garbage_token_is_a_401(client):
    response = client.get(
        "/api/v1/me", headers={"Authorization": "Bearer " + "x" * 5000}
    )
    assert_error(response, 401, "unauthorized")


def test_rate_limit_is_a_429_in_the_error_shape(client, app):
    app.config["RATELIMIT_LOGIN_ADDRESS"] = "3 per minute"
    try:
        for _ in range(3):
            client.post(
                "/api/v1/auth/login", json={"email": "a@b.org", "password": "x"}
            )
        response = client.post(
            "/api/v1/auth/login", json={"email": "a@b.org", "password": "x"}
        )
        assert_error(response, 429, "rate_limited")
        assert "Retry-After" in response.headers
    finally:
        app.config["RATELIMIT_LOGIN_ADDRESS"] = "10000 per minute"


def test_an_unexpected_error_is_a_500_without_internals(
    client, app, monkeypatch, caplog
):
    parent = make_parent(client)
    from parent_app.families import babies

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals: password=hunter2")

    monkeypatch.setattr(babies, "list_babies", explode)
    response = client.get("/api/v1/babies", headers=parent["headers"])
    error = assert_error(response, 500, "internal_error")
    assert "hunter2" not in json.dumps(error)
    assert "secret internals" in caplog.text


def test_openapi_document_lists_the_contract(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    for path in [
        "/api/v1/auth/register",
        "/api/v1/babies/{baby_id}/loss",
        "/api/v1/me/export",
    ]:
        assert path in spec["paths"]
    register = spec["paths"]["/api/v1/auth/register"]["post"]
    assert {"201", "409", "422"} <= set(register["responses"])
    assert "bearerAuth" in spec["components"]["securitySchemes"]
    assert client.get("/api/v1/docs").status_code == 200


def test_health_reports_the_database(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.get_json()["status"] == "ok"


def _routes_with_ids(app):
    for rule in app.url_map.iter_rules():
        id_args = [
            name
            for name, conv in rule._converters.items()
            if conv.__class__.__name__ == "RowIdConverter"
        ]
        # Pages (/, /staff/) answer with their own 404 page: tests/web checks them.
        if id_args and rule.rule.startswith("/api/"):
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method, id_args


def test_every_id_route_answers_an_id_past_the_database_range_with_a_404(app, client):
    """A 64-bit id used to reach PostgreSQL and come back as a 500."""
    parent = make_parent(client)
    staff = make_staff(app, client, role="admin", areas=("dorset",))
    checked = 0
    for rule, method, id_args in _routes_with_ids(app):
        path = rule.rule
        for name in id_args:
            path = path.replace(f"<int:{name}>", "99999999999").replace(
                f"<int(max=2147483647):{name}>", "99999999999"
            )
        # Other parts of the path (a milestone key) take any word.
        path = re.sub(r"<string:\w+>", "x", path)
        assert "<" not in path, path
        headers = staff["headers"] if "/staff/" in path else parent["headers"]
        response = client.open(path, method=method, headers=headers, json={})
        assert_error(response, 404, "not_found")
        checked += 1
    assert checked >= 10


def test_a_cursor_past_the_database_range_is_refused_as_invalid(client):
    import base64

    parent = make_parent(client)
    cursor = base64.urlsafe_b64encode(b"[99999999999]").decode().rstrip("=")
    response = client.get(
        f"/api/v1/notifications?cursor={cursor}", headers=parent["headers"]
    )
    assert_error(response, 400, "invalid_cursor")


@pytest.mark.parametrize(
    ("raw", "fields"),
    [
        ('{"display_name": "Sam\\u0000"}', {"display_name"}),
        ('{"display_name": "\\ud800"}', {"display_name"}),
        ('{"display_name": "\\udc00\\ud800"}', {"display_name"}),
        (
            '{"quiet_hours": {"start": "\\u0000", "end": "07:00"}}',
            {"quiet_hours.start"},
        ),
        ('{"muted_topics": ["money", "\\ud83d"]}', {"muted_topics.1"}),
        ('{"a\\u0000": 1}', {"a\ufffd"}),
    ],
    ids=[
        "nul",
        "lone-high-surrogate",
        "reversed-pair",
        "nested",
        "in-a-list",
        "in-a-key",
    ],
)
def test_text_no_database_can_store_is_a_422_naming_the_field(client, raw, fields):
    parent = make_parent(client)
    response = client.patch(
        "/api/v1/me",
        data=raw,
        headers={**parent["headers"], "Content-Type": "application/json"},
    )
    assert set(assert_error(response, 422, "validation_failed")["fields"]) == fields
    assert (
        client.get("/api/v1/me", headers=parent["headers"]).get_json()["display_name"]
        is None
    )


def test_a_surrogate_pair_is_an_ordinary_character(client):
    parent = make_parent(client)
    response = client.patch(
        "/api/v1/me",
        data='{"display_name": "Sam \\ud83d\\ude00"}',
        headers={**parent["headers"], "Content-Type": "application/json"},
    )
    assert response.get_json()["display_name"] == "Sam \U0001f600"


@pytest.mark.parametrize(
    "raw",
    [
        '{"gestation_weeks": ' + "9" * 5000 + "}",
        '{"gestation_weeks": NaN}',
        '{"gestation_weeks": Infinity}',
        '{"gestation_weeks": -Infinity}',
        '{"gestation_weeks": 1e400}',
    ],
    ids=["5000-digits", "nan", "infinity", "minus-infinity", "overflowing-float"],
)
def test_numbers_json_cannot_carry_are_a_400(client, raw):
    parent = make_parent(client)
    response = client.post(
        "/api/v1/babies",
        data=raw,
        headers={**parent["headers"], "Content-Type": "application/json"},
    )
    assert_error(response, 400, "invalid_json")


def test_nul_in_a_query_parameter_or_the_path_is_refused(client):
    error = assert_error(
        client.get("/api/v1/articles", query_string={"q": "a\x00"}), 422
    )
    assert set(error["fields"]) == {"q"}
    assert_error(client.get("/api/v1/articles/a%00b"), 404)


def test_unknown_routes_answer_404_before_the_body_is_read(client):
    response = client.post(
        "/api/v1/no-such-thing",
        data="{not json",
        headers={"Content-Type": "application/json"},
    )
    assert_error(response, 404, "not_found")


def test_health_is_a_503_in_the_one_shape_when_the_database_is_down(
    client, monkeypatch
):
    from sqlalchemy.exc import OperationalError

    from parent_app.extensions import db

    def unreachable(*args, **kwargs):
        raise OperationalError(
            "SELECT 1", {}, Exception("connection refused to 10.0.0.7")
        )

    monkeypatch.setattr(db.session, "execute", unreachable)
    error = assert_error(client.get("/api/v1/health"), 503, "database_unavailable")
    assert "10.0.0.7" not in error["message"]


class TestOneErrorShapeReallyOne:
    """Issue 10, item 10: `fields` always there and flat, strict JSON types, unknown
    query parameters refused everywhere."""

    def test_fields_is_present_and_empty_on_401_404_405_409_413(self, client, app):
        parent = make_parent(client)
        again = client.post(
            "/api/v1/auth/register",
            json={
                "email": parent["email"],
                "password": "another long passphrase 42",
                "role": "partner",
                "area": "dorset",
            },
        )
        big = json.dumps({"email": "x" * app.config["MAX_CONTENT_LENGTH"]})
        responses = {
            401: client.get("/api/v1/me"),
            404: client.get("/api/v1/no-such-thing"),
            405: client.delete("/api/v1/health"),
            409: again,
            413: client.post(
                "/api/v1/auth/login",
                data=big,
                headers={"Content-Type": "application/json"},
            ),
        }
        for status, response in responses.items():
            assert response.status_code == status, (status, response.get_json())
            assert response.get_json()["error"]["fields"] == {}, status

    def test_nested_field_errors_are_dotted_paths_from_every_source(self, client):
        parent = make_parent(client)
        url = "/api/v1/push/subscriptions"
        endpoint = "https://fcm.googleapis.com/fcm/send/abc"
        from_schema = client.post(
            url,
            json={"endpoint": endpoint, "keys": {"p256dh": "A" * 87}},
            headers=parent["headers"],
        )
        from_service = client.post(
            url,
            json={"endpoint": endpoint, "keys": {"p256dh": "A" * 87, "auth": "A" * 22}},
            headers=parent["headers"],
        )
        assert "keys.auth" in assert_error(from_schema, 422)["fields"]
        assert "keys.p256dh" in assert_error(from_service, 422)["fields"]

    @pytest.mark.parametrize(
        ("path", "body", "field"),
        [
            (
                "/api/v1/auth/register",
                {
                    "email": "strict@example.org",
                    "password": "a long enough passphrase 42",
                    "role": "partner",
                    "area": "dorset",
                    "unused": 1,
                },
                "unused",
            ),
        ],
    )
    def test_unknown_body_fields_are_refused(self, client, path, body, field):
        assert field in assert_error(client.post(path, json=body), 422)["fields"]

    def test_a_string_is_neither_a_boolean_nor_a_number_in_json(self, client):
        parent = make_parent(client)
        baby = client.post(
            "/api/v1/babies",
            json={"date_of_birth": "2026-11-01", "gestation_weeks": "38"},
            headers=parent["headers"],
        )
        assert assert_error(baby, 422)["fields"] == {
            "gestation_weeks": ["Not a valid number: send a JSON number, not text."]
        }
        check = client.post(
            "/api/v1/entitlements/check",
            json={
                "due_date": "2027-06-01",
                "birthing_parent": {
                    "employment_status": "employee",
                    "started_before_continuity_start": "yes",
                },
            },
            headers=parent["headers"],
        )
        fields = assert_error(check, 422)["fields"]
        assert fields.get("birthing_parent.started_before_continuity_start") == [
            "Not a valid boolean: use true or false."
        ], fields

    @pytest.mark.parametrize(
        "path",
        [
            "/api/v1/courses",
            "/api/v1/notifications",
            "/api/v1/me/bookings",
            "/api/v1/babies",
            "/api/v1/openreferral/services",
            "/api/v1/entitlements/rates",
            "/api/v1/articles",
            "/api/v1/feed",
        ],
    )
    def test_unknown_query_parameters_are_refused_everywhere(self, client, path):
        parent = make_parent(client)
        response = client.get(f"{path}?sort=newest", headers=parent["headers"])
        assert assert_error(response, 422, "validation_failed")["fields"] == {
            "sort": ["Unknown query parameter."]
        }


def test_the_docs_page_serves_swagger_ui_from_the_package_not_a_cdn(client):
    page = client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "cdn" not in html and "https://" not in html
    for asset in ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js"):
        assert f"/api/v1/docs/assets/{asset}" in html
        with client.get(f"/api/v1/docs/assets/{asset}") as served:
            assert served.status_code == 200 and b"SwaggerUI" in served.data
    with client.get("/api/v1/docs/assets/swagger-ui.css") as css:
        assert css.status_code == 200 and css.mimetype == "text/css"
    assert_error(client.get("/api/v1/docs/assets/../../secrets.json"), 404)


def test_no_api_documentation_page_loads_anything_from_another_host(app, client):
    """ReDoc's page loaded its script from a CDN; every docs page works offline."""
    docs_paths = [
        rule.rule
        for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/api/v1/")
        and any(word in rule.rule for word in ("docs", "redoc", "rapidoc", "swagger"))
        and "<" not in rule.rule
    ]
    assert "/api/v1/docs" in docs_paths
    for path in docs_paths:
        html = client.get(path).get_data(as_text=True)
        assert "//" not in html.replace("://localhost", ""), path
    assert_error(client.get("/api/v1/redoc"), 404)
