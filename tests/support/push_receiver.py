"""A local HTTPS Web Push receiver that decrypts and checks every push it is sent.

It plays the push service and the browser at once: `register()` makes a
subscription (a P-256 key pair and auth secret, as a browser would) and returns
the standard PushSubscription JSON; every POST to /push/<id> has its VAPID
token verified (ES256 signature with `k`, `aud` = this origin, `exp` in the
next 24 h), must carry TTL and Content-Encoding: aes128gcm, is decrypted with
that subscriber's private key and auth secret (RFC 8291) and recorded. Answers
are programmable per subscription, or for the receiver as a whole.

    with PushReceiver() as receiver:
        subscription = receiver.register("alice")
        receiver.program("alice", 500, Reply(429, retry_after="1"), then=201)
        ... send, using receiver.ca_path as the CA bundle ...
        receiver.payloads("alice")  # decrypted JSON of the pushes answered 2xx

Only 127.0.0.1 is used. The server runs on its own event loop in a daemon
thread (aiohttp: keep-alive, hundreds of concurrent TLS connections).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import datetime as dt
import ipaddress
import json
import os
import re
import shutil
import socket
import ssl
import tempfile
import threading
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

import http_ece
from aiohttp import web
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from py_vapid import jwt

MAX_BODY_BYTES = 4096  # RFC 8030 §7.2
MAX_TOKEN_LIFETIME_S = 24 * 3600  # RFC 8292 §2
AUTHORIZATION = re.compile(r"vapid\s+(.*)", re.IGNORECASE)


@dataclass(frozen=True)
class Reply:
    """One programmed answer; `delay_seconds` holds the response back (a hang).

    A held push is recorded as received with its status at once, as a real push
    service would already have stored it: a sender that times out and retries
    then delivers it twice, which is what at-least-once sending looks like.
    """

    status: int = 201
    retry_after: str | None = None
    delay_seconds: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Received:
    """One request as the receiver saw it. `headers` keys are lower case;
    `payload` is the decrypted JSON (None when not decrypted or rejected)."""

    subscription_id: str
    status: int
    payload: Any
    headers: dict[str, str]
    vapid_claims: dict[str, Any] | None
    error: str | None
    body_bytes: int


@dataclass
class Subscriber:
    """A browser's side of one subscription."""

    id: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes
    subscription: dict[str, Any]


class PushReceiver:
    """A real HTTPS push endpoint on 127.0.0.1 (random free port); see the module
    docstring. Use as a context manager, or start() and stop()."""

    def __init__(
        self,
        *,
        vapid_public_key: str | None = None,
        decrypt_every: int = 1,
        record: bool = True,
    ) -> None:
        """`vapid_public_key` (base64url), when given, must be the token's `k`.
        `decrypt_every=n` decrypts every n-th push only (benchmarks); `record=False`
        keeps counts but not the requests."""
        self.expected_vapid_key = vapid_public_key
        self.decrypt_every = decrypt_every
        self.record = record
        self.received: list[Received] = []
        self.counts: Counter[str] = Counter()
        self.tokens_seen: set[str] = set()
        self.port = 0
        self.origin = ""
        self.ca_path = ""
        self._subscribers: dict[str, Subscriber] = {}
        self._programs: dict[str | None, deque[Reply]] = {}
        self._then: dict[str | None, Reply] = {}
        self._verified: dict[tuple[str, str], dict[str, Any]] = {}
        self._lock = threading.Lock()
        self._dir: str | None = None
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None

    def __enter__(self) -> PushReceiver:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def start(self) -> PushReceiver:
        """Make the certificates, bind a free port and serve in a thread."""
        self._dir = tempfile.mkdtemp(prefix="push-receiver-")
        self.ca_path, cert_path, key_path = _write_certificates(Path(self._dir))
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(cert_path, key_path)
        sock = socket.create_server(("127.0.0.1", 0), backlog=4096)
        self.port = sock.getsockname()[1]
        self.origin = f"https://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._serve, args=(sock, context), name="push-receiver", daemon=True
        )
        self._thread.start()
        self._ready.wait(timeout=10)
        if self._failure is not None or not self._ready.is_set():
            self.stop()
            raise RuntimeError("push receiver did not start") from self._failure
        return self

    def stop(self) -> None:
        """Stop serving (releasing any held responses) and remove the certificates."""
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            loop.call_soon_threadsafe(self._begin_stop)
            thread.join(timeout=10)
        self._thread = None
        if self._dir is not None:
            shutil.rmtree(self._dir, ignore_errors=True)
            self._dir = None

    def register(self, subscription_id: str | None = None) -> dict[str, Any]:
        """A new subscription, as the browser's PushSubscription.toJSON() gives it."""
        if not self.origin:
            raise RuntimeError("start the receiver before registering subscriptions")
        with self._lock:
            sid = subscription_id or f"s{len(self._subscribers) + 1}"
            if sid in self._subscribers:
                raise ValueError(f"subscription {sid} exists")
            private_key = ec.generate_private_key(ec.SECP256R1())
            auth_secret = os.urandom(16)
            public = private_key.public_key().public_bytes(
                serialization.Encoding.X962,
                serialization.PublicFormat.UncompressedPoint,
            )
            subscription = {
                "endpoint": f"{self.origin}/push/{sid}",
                "expirationTime": None,
                "keys": {"p256dh": _b64(public), "auth": _b64(auth_secret)},
            }
            self._subscribers[sid] = Subscriber(
                sid, private_key, auth_secret, subscription
            )
            return subscription

    def program(
        self,
        subscription_id: str | None,
        *replies: Reply | int,
        then: Reply | int = 201,
    ) -> None:
        """Answer the next requests with `replies` in turn, then `then` for good.

        `subscription_id=None` programs the receiver as a whole: its replies go, in
        arrival order, to requests for subscriptions without a programme of their
        own. `program("a", 500, 500)` = two 500s then 201;
        `program("a", Reply(429, retry_after="1"))`; `program("a", then=410)`.
        """
        with self._lock:
            self._programs[subscription_id] = deque(_reply(r) for r in replies)
            self._then[subscription_id] = _reply(then)

    def received_for(self, subscription_id: str) -> list[Received]:
        """Every request to that subscription, answered or not, in arrival order."""
        return [r for r in list(self.received) if r.subscription_id == subscription_id]

    def payloads(self, subscription_id: str) -> list[Any]:
        """The decrypted payloads that subscription accepted (answered 2xx)."""
        return [
            r.payload
            for r in self.received_for(subscription_id)
            if 200 <= r.status < 300
        ]

    def _serve(self, sock: socket.socket, context: ssl.SSLContext) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        try:
            runner = loop.run_until_complete(self._open(sock, context))
        except BaseException as exc:
            self._failure = exc
            self._ready.set()
            loop.close()
            sock.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(runner.cleanup())
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _open(
        self, sock: socket.socket, context: ssl.SSLContext
    ) -> web.AppRunner:
        self._stopping = asyncio.Event()
        app = web.Application()
        app.router.add_post("/push/{subscription_id}", self._handle)
        runner = web.AppRunner(app, access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        await web.SockSite(runner, sock, ssl_context=context).start()
        return runner

    def _begin_stop(self) -> None:
        assert self._stopping is not None and self._loop is not None
        self._stopping.set()
        # Let held handlers answer before the server goes away.
        self._loop.call_later(0.05, self._loop.stop)

    async def _handle(self, request: web.Request) -> web.Response:
        sid = request.match_info["subscription_id"]
        headers = {name.lower(): value for name, value in request.headers.items()}
        body = await request.read()
        self.counts["requests"] += 1
        subscriber = self._subscribers.get(sid)
        claims, payload, error, status = None, None, None, 0
        if subscriber is None:
            status, error = 404, "unknown subscription"
        else:
            claims, error, status = self._check_vapid(headers.get("authorization"))
        if error is None:
            status, error = _check_request(headers, body)
        if error is None and subscriber is not None:
            payload, error = self._decrypt(subscriber, body)
            status = 400 if error else 0
        reply = Reply(status) if error else self._next_reply(sid)
        self.counts[f"status_{reply.status}"] += 1
        if self.record:
            self.received.append(
                Received(sid, reply.status, payload, headers, claims, error, len(body))
            )
        if reply.delay_seconds > 0 and self._stopping is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stopping.wait(), reply.delay_seconds)
        answer_headers = dict(reply.headers)
        if reply.retry_after is not None:
            answer_headers["Retry-After"] = reply.retry_after
        text = json.dumps({"code": reply.status, "error": error}) if error else ""
        return web.Response(status=reply.status, text=text, headers=answer_headers)

    def _check_vapid(
        self, authorization: str | None
    ) -> tuple[dict[str, Any] | None, str | None, int]:
        match = AUTHORIZATION.fullmatch((authorization or "").strip())
        if match is None:
            self.counts["vapid_rejected"] += 1
            return None, "missing vapid authorization", 401
        parts = dict(
            item.strip().split("=", 1)
            for item in match.group(1).split(",")
            if "=" in item
        )
        token, key = parts.get("t", ""), parts.get("k", "")
        claims = self._verified.get((token, key))
        if claims is None:
            verdict = self._verify_token(token, key)
            if isinstance(verdict, str):
                self.counts["vapid_rejected"] += 1
                return None, verdict, 401
            claims = self._verified[(token, key)] = verdict
            self.counts["vapid_signatures_verified"] += 1
        now = time.time()
        if not now < claims["exp"] <= now + MAX_TOKEN_LIFETIME_S:
            self.counts["vapid_rejected"] += 1
            return claims, "exp outside the next 24 hours", 403
        self.tokens_seen.add(token)
        self.counts["vapid_ok"] += 1
        return claims, None, 0

    def _verify_token(self, token: str, key: str) -> dict[str, Any] | str:
        if self.expected_vapid_key and key != self.expected_vapid_key:
            return "unexpected vapid key"
        try:
            header = json.loads(_unb64(token.split(".", 1)[0]))
            claims: dict[str, Any] = jwt.decode(token, key)
        except (InvalidSignature, ValueError):
            return "vapid signature does not verify"
        if header.get("alg") != "ES256":
            return "vapid alg is not ES256"
        if claims.get("aud") != self.origin:
            return f"aud {claims.get('aud')!r} is not {self.origin!r}"
        if not str(claims.get("sub", "")).startswith(("mailto:", "https:")):
            return "sub is not a mailto: or https: URL"
        if not isinstance(claims.get("exp"), int):
            return "exp missing"
        return claims

    def _decrypt(self, subscriber: Subscriber, body: bytes) -> tuple[Any, str | None]:
        self.counts["bodies"] += 1
        if self.counts["bodies"] % self.decrypt_every:
            return None, None
        try:
            plain = http_ece.decrypt(
                body,
                private_key=subscriber.private_key,
                auth_secret=subscriber.auth_secret,
                version="aes128gcm",
            )
            payload = json.loads(plain)
        except Exception as exc:
            self.counts["decrypt_failed"] += 1
            return None, f"cannot decrypt: {type(exc).__name__}: {exc}"
        self.counts["decrypt_ok"] += 1
        return payload, None

    def _next_reply(self, sid: str) -> Reply:
        with self._lock:
            owner: str | None = sid if sid in self._then else None
            queue = self._programs.get(owner)
            if queue:
                return queue.popleft()
            return self._then.get(owner, Reply())


def _check_request(headers: dict[str, str], body: bytes) -> tuple[int, str | None]:
    if not headers.get("ttl", "").isdigit():
        return 400, "TTL header missing or not a number"
    if headers.get("content-encoding") != "aes128gcm":
        return 400, "Content-Encoding must be aes128gcm"
    if len(body) > MAX_BODY_BYTES:
        return 413, "body over 4096 bytes"
    return 0, None


def _reply(value: Reply | int) -> Reply:
    return value if isinstance(value, Reply) else Reply(value)


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _write_certificates(directory: Path) -> tuple[str, str, str]:
    """A throwaway CA and a 127.0.0.1 server certificate it signed: (ca, cert, key)."""
    now = dt.datetime.now(dt.UTC)
    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name(
        [x509.NameAttribute(NameOID.COMMON_NAME, "push receiver test CA")]
    )
    ca_ski = x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key())
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ca_ski, critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [
                    x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
                    x509.DNSName("localhost"),
                ]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    ca_path, cert_path, key_path = (
        directory / "ca.pem",
        directory / "cert.pem",
        directory / "key.pem",
    )
    ca_path.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(ca_path), str(cert_path), str(key_path)
