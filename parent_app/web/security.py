"""Security headers for every page outside the JSON API: a strict Content Security
Policy with a per-request nonce, no framing, no sniffing, HSTS in production."""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g, request

API_PREFIX = "/api/"

# The only inline script is the design systems' one-line "js-enabled" switch in their
# page templates, which takes a nonce (GOV.UK Frontend's documented CSP approach).
# Everything else is an ES module under /static/.
CSP = {
    "default-src": "'self'",
    "script-src": "'self' 'nonce-{nonce}'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "manifest-src": "'self'",
    "worker-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def csp_nonce() -> str:
    """This request's nonce, made on first use."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return str(g.csp_nonce)


def content_security_policy(nonce: str) -> str:
    return "; ".join(
        f"{name} {value}".format(nonce=nonce) for name, value in CSP.items()
    )


def _add_headers(response: Response) -> Response:
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    hsts = int(current_app.config.get("HSTS_SECONDS") or 0)
    if hsts:
        response.headers.setdefault(
            "Strict-Transport-Security", f"max-age={hsts}; includeSubDomains"
        )
    if request.path.startswith(API_PREFIX):
        return response
    response.headers["Content-Security-Policy"] = content_security_policy(csp_nonce())
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    return response


def init_app(app: Flask) -> None:
    app.after_request(_add_headers)
    app.context_processor(lambda: {"cspNonce": csp_nonce()})
