"""VAPID authorisation headers (RFC 8292), signed once per push-service origin."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from py_vapid import Vapid02, VapidException
from py_vapid.utils import b64urldecode, b64urlencode

# RFC 8292 §2 caps exp at 24 h; 12 h leaves room for clock skew (Apple rejects
# tokens more than a day ahead) and matches what pywebpush itself picks.
TOKEN_LIFETIME_S = 12 * 3600
REFRESH_BEFORE_S = 3600
MAX_CACHED_ORIGINS = 1024
DEFAULT_PORTS = {"https": 443, "http": 80}
# Apple refuses subjects without a real domain, such as mailto:x@localhost.
SUBJECT = re.compile(r"mailto:[^@\s]+@[^@\s]+\.[^@\s]+|https://[^\s/]+\.[^\s]+")


def origin_of(endpoint: str) -> str:
    """The VAPID audience of an endpoint: scheme://host[:port], default port left out.

    Raises ValueError when the endpoint is not an absolute http(s) URL.
    """
    parts = urlsplit(endpoint)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not a push endpoint URL: {endpoint[:80]!r}")
    port = parts.port
    if port is None or port == DEFAULT_PORTS[scheme]:
        return f"{scheme}://{parts.hostname}"
    return f"{scheme}://{parts.hostname}:{port}"


class VapidSigner:
    """Signs `Authorization: vapid t=…,k=…` headers and reuses each per audience.

    Signing costs 50–80 µs; a push service sees thousands of messages per token.
    A token is re-signed once less than `refresh_before_s` of its life is left,
    so none is ever sent close to expiry. Never builds a claims dict that
    outlives one signature (pywebpush's webpush() writes aud and exp into the
    caller's dict, which leaks one service's aud to the next).
    """

    def __init__(
        self,
        private_key: str,
        subject: str,
        *,
        lifetime_s: int = TOKEN_LIFETIME_S,
        refresh_before_s: int = REFRESH_BEFORE_S,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """`private_key` is the base64url raw 32-byte P-256 scalar; `subject` a
        mailto: or https: URL. Raises ValueError for either being unusable."""
        if not SUBJECT.fullmatch(subject):
            raise ValueError("VAPID subject must be a mailto: or https: URL")
        if refresh_before_s >= lifetime_s:
            raise ValueError("refresh_before_s must be shorter than lifetime_s")
        raw = private_key.strip().encode()
        try:
            if len(b64urldecode(raw)) != 32:
                raise ValueError("expected a base64url raw 32-byte P-256 scalar")
            self._vapid = Vapid02.from_raw(raw)
        except (ValueError, TypeError) as exc:
            raise ValueError(f"unusable VAPID private key: {exc}") from None
        self.subject = subject
        self.public_key = b64urlencode(
            self._vapid.public_key.public_bytes(
                Encoding.X962, PublicFormat.UncompressedPoint
            )
        )
        self.signatures = 0
        self._lifetime_s = lifetime_s
        self._refresh_before_s = refresh_before_s
        self._clock = clock
        self._cache: dict[str, tuple[str, int]] = {}

    def header_for(self, endpoint: str) -> str:
        """The Authorization header value for a message to `endpoint`.

        Raises ValueError when no audience can be derived from the endpoint.
        """
        audience = origin_of(endpoint)
        now = self._clock()
        cached = self._cache.get(audience)
        if cached is not None and cached[1] - now > self._refresh_before_s:
            return cached[0]
        expires_at = int(now) + self._lifetime_s
        claims = {"sub": self.subject, "aud": audience, "exp": expires_at}
        try:
            header: str = self._vapid.sign(claims)["Authorization"]
        except VapidException as exc:
            raise ValueError(str(exc)) from None
        self.signatures += 1
        if len(self._cache) >= MAX_CACHED_ORIGINS:
            self._cache.clear()
        self._cache[audience] = (header, expires_at)
        return header
