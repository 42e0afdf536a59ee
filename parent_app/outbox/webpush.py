"""Web Push delivery adapter: encrypt (aes128gcm), sign (VAPID) and POST messages.

`WebPushSender` is the real one, `FakePushSender` the one tests use; both satisfy
`PushSender`. The sender never decides what an answer means: that is
`parent_app.domain.push_outcome.classify`.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import logging
import re
import ssl
import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Protocol

import aiohttp
import certifi
import http_ece
from cryptography.hazmat.primitives.asymmetric import ec

from parent_app.outbox.vapid import VapidSigner

log = logging.getLogger(__name__)

# An aes128gcm body is 86 bytes of header + plaintext + 1 delimiter + 16 tag;
# RFC 8030 §7.2 only guarantees bodies of 4096 bytes. Measured: 3993 gives 4096.
MAX_PLAINTEXT_BYTES = 3993
URGENCIES = frozenset({"very-low", "low", "normal", "high"})
TOPIC = re.compile(r"[A-Za-z0-9_-]{1,32}")  # RFC 8030 §5.4
ERROR_BODY_CHARS = 200
# A connection dropped after a timeout closes TLS gracefully in the background;
# close() lets those finish instead of closing the loop under them.
CLOSE_GRACE_SECONDS = 0.25


@dataclass(frozen=True, slots=True, kw_only=True)
class PushMessage:
    """One encrypted push to one subscription; `key` matches it to its result."""

    endpoint: str
    p256dh: str
    auth: str
    payload: bytes
    ttl_seconds: int
    urgency: str = "normal"
    topic: str | None = None
    key: str | int

    def __post_init__(self) -> None:
        if not self.payload:
            raise ValueError("a push message needs a payload")
        if self.ttl_seconds < 0:
            raise ValueError("ttl_seconds must not be negative")
        if self.urgency not in URGENCIES:
            raise ValueError(f"urgency must be one of {sorted(URGENCIES)}")
        if self.topic is not None and not TOPIC.fullmatch(self.topic):
            raise ValueError("topic must be 1-32 base64url characters")


@dataclass(frozen=True, slots=True)
class PushResult:
    """What happened to one message: the HTTP status, or None and `error` when
    no answer came. 413 (too large) and 400 (unusable subscription keys or
    endpoint) are also given, with `error`, for messages never sent."""

    key: str | int
    status: int | None
    retry_after: str | None = None
    error: str | None = None


class PushSender(Protocol):
    """Sends a batch and returns one result per message, in the same order."""

    def send_batch(self, messages: Sequence[PushMessage]) -> list[PushResult]: ...

    def close(self) -> None: ...


def topic_for(outbox_key: str) -> str:
    """A 24-character base64url Topic for an outbox key (RFC 8030 §5.4: ≤ 32).

    The same key always gives the same topic, so a push service replaces a
    message that is re-sent after a crash instead of showing it twice.
    """
    digest = hashlib.sha256(outbox_key.encode()).digest()[:18]
    return base64.urlsafe_b64encode(digest).decode()


def encrypt_payload(payload: bytes, p256dh: str, auth: str) -> bytes:
    """The aes128gcm body for one subscriber (RFC 8291), as pywebpush builds it:
    a new ephemeral P-256 key and salt per message.

    Raises ValueError for keys that are not base64url, or not a P-256 point.
    """
    receiver_key = _b64url_decode(p256dh, "p256dh")
    auth_secret = _b64url_decode(auth, "auth")
    if len(receiver_key) != 65 or len(auth_secret) != 16:
        raise ValueError("p256dh must be 65 bytes and auth 16 bytes")
    sender_key = ec.generate_private_key(ec.SECP256R1())
    try:
        body: bytes = http_ece.encrypt(
            payload,
            private_key=sender_key,
            dh=receiver_key,
            auth_secret=auth_secret,
            version="aes128gcm",
        )
    except http_ece.ECEException as exc:
        raise ValueError(str(exc)) from None
    return body


class WebPushSender:
    """Sends real Web Push messages over one long-lived HTTPS connection pool.

    `send_batch` runs the batch on an event loop the sender owns and keeps
    between batches, with at most `concurrency` requests in flight. Headers:
    VAPID (one token per origin, see VapidSigner), TTL, Urgency, Topic and
    Content-Encoding: aes128gcm. Redirects are never followed, so an allowed
    push host cannot bounce us to another address. Not thread-safe for
    concurrent calls; calls from different threads take turns.
    """

    def __init__(
        self,
        vapid_private_key: str,
        vapid_subject: str,
        *,
        ca_bundle: str | None = None,
        timeout_seconds: float = 10.0,
        connect_timeout_seconds: float = 5.0,
        concurrency: int = 128,
    ) -> None:
        """`ca_bundle` adds CAs (a test receiver's) to the certifi roots.
        Raises ValueError for an unusable key, subject or limit."""
        if concurrency < 1 or timeout_seconds <= 0 or connect_timeout_seconds <= 0:
            raise ValueError("concurrency and timeouts must be positive")
        self.vapid = VapidSigner(vapid_private_key, vapid_subject)
        self._ca_bundle = ca_bundle
        self._timeout = aiohttp.ClientTimeout(
            total=timeout_seconds,
            sock_connect=min(connect_timeout_seconds, timeout_seconds),
        )
        self._concurrency = concurrency
        self._loop: asyncio.AbstractEventLoop | None = None
        self._session: aiohttp.ClientSession | None = None
        self._lock = threading.Lock()
        self._closed = False
        self._dropped_connections = False

    def send_batch(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        """Send every message; one result per message, in order. Never raises
        for a failed message; raises RuntimeError once the sender is closed."""
        if not messages:
            return []
        with self._lock:
            if self._closed:
                raise RuntimeError("WebPushSender is closed")
            if self._loop is None:
                self._loop = asyncio.new_event_loop()
            return self._loop.run_until_complete(self._send_all(messages))

    def close(self) -> None:
        """Close the connections and the event loop; safe to call twice."""
        with self._lock:
            self._closed = True
            loop, self._loop = self._loop, None
            if loop is None:
                return
            try:
                if self._session is not None:
                    loop.run_until_complete(self._session.close())
                if self._dropped_connections:
                    loop.run_until_complete(asyncio.sleep(CLOSE_GRACE_SECONDS))
                loop.run_until_complete(loop.shutdown_asyncgens())
            finally:
                self._session = None
                loop.close()

    def __enter__(self) -> WebPushSender:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    async def _send_all(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        session = self._session or self._open_session()
        results: list[PushResult | None] = [None] * len(messages)
        pending = iter(enumerate(messages))

        async def worker() -> None:
            for index, message in pending:
                results[index] = await self._send_one(session, message)

        # A fixed pool of workers bounds the requests in flight like a semaphore
        # would, without a task per message; encryption happens only once a
        # worker is free, so no request's timeout runs while others encrypt.
        workers = min(self._concurrency, len(messages))
        await asyncio.gather(*(worker() for _ in range(workers)))
        return [result for result in results if result is not None]

    def _open_session(self) -> aiohttp.ClientSession:
        context = ssl.create_default_context(cafile=certifi.where())
        if self._ca_bundle is not None:
            context.load_verify_locations(cafile=self._ca_bundle)
        connector = aiohttp.TCPConnector(
            limit=self._concurrency, limit_per_host=0, ssl=context, ttl_dns_cache=300
        )
        self._session = aiohttp.ClientSession(
            connector=connector, timeout=self._timeout, trust_env=False
        )
        return self._session

    async def _send_one(
        self, session: aiohttp.ClientSession, message: PushMessage
    ) -> PushResult:
        try:
            return await self._deliver(session, message)
        except (aiohttp.ClientError, TimeoutError, OSError) as exc:
            self._dropped_connections = True
            return PushResult(message.key, None, error=_describe(exc))
        except Exception as exc:
            # One odd message must not lose the batch's other results: the
            # outbox records an outcome for every row it claimed.
            log.exception("unexpected error sending push %s", message.key)
            return PushResult(message.key, None, error=_describe(exc))

    async def _deliver(
        self, session: aiohttp.ClientSession, message: PushMessage
    ) -> PushResult:
        if len(message.payload) > MAX_PLAINTEXT_BYTES:
            return PushResult(
                message.key,
                413,
                error=f"payload of {len(message.payload)} bytes is over "
                f"{MAX_PLAINTEXT_BYTES}; not sent",
            )
        try:
            body = encrypt_payload(message.payload, message.p256dh, message.auth)
            authorization = self.vapid.header_for(message.endpoint)
        except ValueError as exc:
            return PushResult(message.key, 400, error=f"not sent: {exc}")
        headers = {
            "Authorization": authorization,
            "TTL": str(message.ttl_seconds),
            "Urgency": message.urgency,
            "Content-Encoding": "aes128gcm",
            "Content-Type": "application/octet-stream",
        }
        if message.topic is not None:
            headers["Topic"] = message.topic
        async with session.post(
            message.endpoint, data=body, headers=headers, allow_redirects=False
        ) as response:
            answer = await response.read()
        status = response.status
        retry_after = response.headers.get("Retry-After")
        if status < 300:
            return PushResult(message.key, status, retry_after)
        text = answer[:ERROR_BODY_CHARS].decode("utf-8", "replace").strip()
        error = f"HTTP {status}: {text}" if text else f"HTTP {status}"
        return PushResult(message.key, status, retry_after, error)


@dataclass
class FakePushSender:
    """Records every message and its result and answers from a programme.

    `program(endpoint, 500, 500, 201)` answers that endpoint's next calls in
    order and repeats the last answer; other endpoints get `default_status`.
    None stands for a network error. Oversize payloads give 413 as the real
    sender does.
    """

    default_status: int | None = 201
    messages: list[PushMessage] = field(default_factory=list)
    results: list[PushResult] = field(default_factory=list)
    batches: list[list[PushMessage]] = field(default_factory=list)
    closed: bool = False
    _programs: dict[str, deque[tuple[int | None, str | None]]] = field(
        default_factory=dict, repr=False
    )

    def program(
        self, endpoint: str, *statuses: int | None, retry_after: str | None = None
    ) -> None:
        """Answer `endpoint` with these statuses in turn; the last one repeats."""
        self._programs[endpoint] = deque((status, retry_after) for status in statuses)

    def send_batch(self, messages: Sequence[PushMessage]) -> list[PushResult]:
        if self.closed:
            raise RuntimeError("FakePushSender is closed")
        self.batches.append(list(messages))
        results = []
        for message in messages:
            result = self._answer(message)
            self.messages.append(message)
            self.results.append(result)
            results.append(result)
        return results

    def close(self) -> None:
        self.closed = True

    def delivered(self) -> list[PushMessage]:
        """The messages answered with a 2xx, in the order they were sent."""
        return [
            message
            for message, result in zip(self.messages, self.results, strict=True)
            if result.status is not None and 200 <= result.status < 300
        ]

    def _answer(self, message: PushMessage) -> PushResult:
        if len(message.payload) > MAX_PLAINTEXT_BYTES:
            return PushResult(message.key, 413, error="payload too large; not sent")
        queue = self._programs.get(message.endpoint)
        status, retry_after = self.default_status, None
        if queue:
            status, retry_after = queue[0] if len(queue) == 1 else queue.popleft()
        error = "fake network error" if status is None else None
        return PushResult(message.key, status, retry_after, error)


def _b64url_decode(value: str, name: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"{name} is not base64url: {exc}") from None


def _describe(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
