"""The shipped deployment (deploy/: nginx in front of gunicorn) answers the errors that
never reach the app in the API's one JSON error shape; gunicorn alone answers them in
HTML. Runs where nginx is installed (Debian's nginx-light)."""

import json
import socket

import pytest

from tests.support.proxy_stack import ProxyStack, nginx_available

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not nginx_available(), reason="nginx is not installed"),
]


def raw_request(port: int, request: bytes) -> tuple[int, dict[str, str], bytes]:
    """Send bytes as they are (no client library would send a NUL in a header) and
    read the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as conn:
        conn.sendall(request)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *header_lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in header_lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


def get(path: str, *headers: bytes) -> bytes:
    return (
        b"GET "
        + path.encode()
        + b" HTTP/1.1\r\nHost: localhost\r\n"
        + b"".join(h + b"\r\n" for h in headers)
        + b"Connection: close\r\n\r\n"
    )


LONG_LINE = get("/api/v1/health?q=" + "a" * 10_000)
HUGE_HEADER = get("/api/v1/health", b"X-Big: " + b"b" * 10_000)
NUL_IN_HEADER = get("/api/v1/health", b"X-Nul: a\x00b")


@pytest.fixture(scope="module")
def stack():
    with ProxyStack(nginx=True) as running:
        yield running


def assert_json_error(answer, status, code):
    got_status, headers, body = answer
    assert got_status == status, (got_status, body[:200])
    assert headers["content-type"].startswith("application/json"), headers
    error = json.loads(body)["error"]
    assert error["code"] == code and error["message"], error


def test_the_api_answers_through_the_proxy(stack):
    status, headers, body = raw_request(stack.port, get("/api/v1/health"))
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, headers, body = raw_request(stack.port, get("/api/v1/nothing-here"))
    assert_json_error((status, headers, body), 404, "not_found")


@pytest.mark.parametrize(
    ("request_bytes", "status", "code"),
    [
        (LONG_LINE, 414, "uri_too_long"),
        (HUGE_HEADER, 431, "headers_too_large"),
        (NUL_IN_HEADER, 400, "bad_request"),
    ],
    ids=["long-request-line", "huge-header", "nul-in-header"],
)
def test_errors_before_the_app_are_json_through_the_proxy(
    stack, request_bytes, status, code
):
    assert_json_error(raw_request(stack.port, request_bytes), status, code)


@pytest.mark.parametrize(
    "request_bytes",
    [LONG_LINE, HUGE_HEADER, NUL_IN_HEADER],
    ids=["long-request-line", "huge-header", "nul-in-header"],
)
def test_gunicorn_alone_answers_them_in_html(stack, request_bytes):
    status, headers, _ = raw_request(stack.gunicorn_port, request_bytes)
    assert status >= 400
    assert not headers.get("content-type", "").startswith("application/json")


def test_an_app_that_is_down_is_a_json_502(stack):
    stack.stop_gunicorn()
    assert_json_error(
        raw_request(stack.port, get("/api/v1/health")), 502, "unavailable"
    )
