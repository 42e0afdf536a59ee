"""Error pages in each design system: the JSON API's error handler hands errors on
pages outside /api/ to render_error_page."""

from __future__ import annotations

from flask import render_template, request

TITLES = {
    400: "There is a problem with the page you sent",
    401: "Sign in to see this page",
    403: "You cannot see this page",
    404: "Page not found",
    405: "Page not found",
    409: "That cannot be done now",
    413: "What you sent is too large",
    422: "There is a problem with what you entered",
    429: "Too many tries",
    500: "Sorry, there is a problem with the service",
}

HINTS = {
    400: "The form may have been open too long. Go back, reload the page and try "
    "again.",
    404: "If you typed the web address, check it is correct.",
    405: "If you typed the web address, check it is correct.",
    429: "Wait a minute, then try again.",
    500: "Try again later. Nothing you saved has been lost.",
}


def render_error_page(status: int, code: str, message: str):  # type: ignore[no-untyped-def]
    """The page for an error on a web path, in the staff or the parent design system."""
    audience = "staff" if request.path.startswith("/staff") else "parent"
    # A service's 4xx message is written for people ("This session is full");
    # HTTP-level and internal errors get the page's own words.
    if status >= 500:
        status = 500
    body = render_template(
        f"{audience}/error.html",
        status=status,
        code=code,
        title=TITLES.get(status, TITLES[400]),
        message=HINTS.get(status, message),
    )
    return body, status
