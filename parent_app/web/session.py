"""Web sign-in for both audiences: an accounts token held in the signed session cookie,
so a web session is issued, expires and is revoked exactly like an API token."""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Literal
from urllib.parse import urlsplit

from flask import current_app, g, redirect, request, session, url_for

from parent_app.accounts import users
from parent_app.accounts.tokens import authenticate, record_use, revoke_token
from parent_app.domain.device_hint import device_hint
from parent_app.errors import Unauthorized
from parent_app.extensions import db
from parent_app.models import User

Audience = Literal["staff", "parent"]

# Whether a signed-in account belongs on this side: parents cannot use the staff
# console, and staff accounts have no family to show in the parent app.
_BELONGS: dict[str, Callable[[User], bool]] = {
    "staff": lambda user: user.is_staff,
    "parent": lambda user: not user.is_staff,
}

WRONG_SIDE = {
    "staff": "This sign-in is for family hub staff. Parents sign in on the app's "
    "home page.",
    "parent": "This sign-in is for parents. Family hub staff sign in at /staff/.",
}

# Touch the session cookie at most this often, so each page view does not rewrite it.
_TOUCH_SECONDS = 60


def _idle_limit(audience: Audience) -> timedelta:
    """Staff sessions end after a short idle time (shared office computers); a parent
    stays signed in on their own phone for weeks."""
    if audience == "staff":
        return timedelta(minutes=int(current_app.config["STAFF_IDLE_MINUTES"]))
    return timedelta(days=int(current_app.config["PARENT_IDLE_DAYS"]))


def sign_in(email: str, password: str, *, audience: Audience, now: datetime) -> User:
    """Check the password (the accounts service's one check), then start a fresh
    session: the old cookie's contents are dropped, so a session id planted before
    sign-in is worth nothing after it. Raises Unauthorized."""
    user, raw = users.login(
        email=email,
        password=password,
        now=now,
        token_days=int(current_app.config["TOKEN_LIFETIME_DAYS"]),
        device_hint=device_hint(request.user_agent.string, suffix=" (web)"),
    )
    if not _BELONGS[audience](user):
        revoke_token(raw, now=now)
        raise Unauthorized(WRONG_SIDE[audience], code="wrong_sign_in")
    start_session(raw, audience=audience, now=now)
    return user


def start_session(raw_token: str, *, audience: Audience, now: datetime) -> None:
    """Hold a freshly issued token in a new session cookie (sign-in, sign-up)."""
    session.clear()
    session.permanent = True
    session["token"] = raw_token
    session["audience"] = audience
    session["seen"] = int(now.timestamp())


def signed_in_user(audience: Audience, *, now: datetime) -> User | None:
    """The user of this browser's session, or None when signed out, idle too long,
    revoked, expired or on the wrong side."""
    raw = session.get("token")
    if not raw or session.get("audience") != audience:
        return None
    seen = int(session.get("seen", 0))
    if now.timestamp() - seen > _idle_limit(audience).total_seconds():
        sign_out(now=now)
        return None
    sign_in = authenticate(raw, now=now)
    if sign_in is None or not _BELONGS[audience](sign_in.user):
        session.clear()
        return None
    user = sign_in.user
    g.current_token_id = sign_in.token_id  # "this device" on the sign-ins page
    every = timedelta(seconds=current_app.config["LAST_USE_WRITE_SECONDS"])
    if record_use(sign_in, now=now, write_every=every):
        db.session.commit()
    if now.timestamp() - seen > _TOUCH_SECONDS:
        session["seen"] = int(now.timestamp())
    return user


def sign_out(*, now: datetime) -> None:
    """Revoke the session's token and clear the cookie."""
    raw = session.get("token")
    if raw:
        revoke_token(raw, now=now)
    session.clear()


def safe_next(target: str | None, default: str) -> str:
    """Only a path on this site may follow sign-in (no open redirect)."""
    if not target:
        return default
    parts = urlsplit(target)
    if (
        parts.scheme
        or parts.netloc
        or not target.startswith("/")
        or target.startswith("//")
    ):
        return default
    return target


def sign_in_required(
    audience: Audience,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Send a signed-out visitor to the sign-in page, then back here; the signed-in
    user is `g.current_user` in the view."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            user = signed_in_user(audience, now=datetime.now(UTC))
            if user is None:
                db.session.commit()  # an idle session's token stays revoked
                return redirect(
                    url_for(f"{audience}.sign_in", next=request.full_path.rstrip("?"))
                )
            g.current_user = user
            return view(*args, **kwargs)

        return wrapper

    return decorator
