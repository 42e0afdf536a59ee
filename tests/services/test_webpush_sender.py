"""The Web Push adapter against a real local HTTPS receiver that decrypts every push,
plus its VAPID cache, Topic helper and fake. No app, no database, loopback only."""

from __future__ import annotations

import itertools
import json
import re
import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from parent_app.outbox.vapid import VapidSigner, origin_of
from parent_app.outbox.webpush import (
    MAX_PLAINTEXT_BYTES,
    FakePushSender,
    PushMessage,
    PushResult,
    WebPushSender,
    topic_for,
)
from parent_app.secrets import generate_vapid_keys
from tests.support.push_receiver import PushReceiver, Reply

SUBJECT = "mailto:nudges@example.org"
_ids = itertools.count(1)


@pytest.fixture(scope="module")
def vapid_keys() -> tuple[str, str]:
    return generate_vapid_keys()


@pytest.fixture(scope="module")
def receiver(vapid_keys: tuple[str, str]) -> Iterator[PushReceiver]:
    with PushReceiver(vapid_public_key=vapid_keys[1]) as running:
        yield running


@pytest.fixture
def sender(
    vapid_keys: tuple[str, str], receiver: PushReceiver
) -> Iterator[WebPushSender]:
    with WebPushSender(
        vapid_keys[0], SUBJECT, ca_bundle=receiver.ca_path, timeout_seconds=5
    ) as real:
        yield real


def subscribe(receiver: PushReceiver) -> tuple[str, dict[str, Any]]:
    sid = f"t{next(_ids)}"
    return sid, receiver.register(sid)


def message(
    subscription: dict[str, Any], data: Any = None, **overrides: Any
) -> PushMessage:
    """A push to that subscription carrying `data` as JSON; fields can be overridden."""
    fields: dict[str, Any] = {
        "endpoint": subscription["endpoint"],
        "p256dh": subscription["keys"]["p256dh"],
        "auth": subscription["keys"]["auth"],
        "payload": json.dumps(data or {"title": "Hello"}).encode(),
        "ttl_seconds": 3600,
        "key": "k",
    }
    fields.update(overrides)
    return PushMessage(**fields)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class TestDelivery:
    def test_message_arrives_decrypted_with_its_payload(
        self, sender: WebPushSender, receiver: PushReceiver
    ) -> None:
        sid, sub = subscribe(receiver)
        payload = {"title": "Your baby is 8 weeks old", "body": "Jabs are due 🎉"}

        results = sender.send_batch([message(sub, payload, key="n1")])

        assert results == [PushResult("n1", 201)]
        assert receiver.payloads(sid) == [payload]

    def test_ttl_urgency_topic_and_encoding_headers_arrive(
        self, sender: WebPushSender, receiver: PushReceiver
    ) -> None:
        sid, sub = subscribe(receiver)
        topic = topic_for("r3:b9:u4")

        sender.send_batch(
            [message(sub, ttl_seconds=86400, urgency="high", topic=topic)]
        )

        headers = receiver.received_for(sid)[0].headers
        assert headers["ttl"] == "86400"
        assert headers["urgency"] == "high"
        assert headers["topic"] == topic
        assert headers["content-encoding"] == "aes128gcm"

    def test_no_topic_header_without_a_topic(
        self, sender: WebPushSender, receiver: PushReceiver
    ) -> None:
        sid, sub = subscribe(receiver)
        sender.send_batch([message(sub, ttl_seconds=0)])
        headers = receiver.received_for(sid)[0].headers
        assert "topic" not in headers
        assert headers["ttl"] == "0"

    def test_vapid_token_verifies_for_the_receivers_origin(
        self, sender: WebPushSender, receiver: PushReceiver, vapid_keys: tuple[str, str]
    ) -> None:
        sid, sub = subscribe(receiver)
        sender.send_batch([message(sub)])

        seen = receiver.received_for(sid)[0]
        assert seen.error is None  # the receiver checked signature, k, aud and exp
        assert seen.headers["authorization"].endswith(f",k={vapid_keys[1]}")
        claims = seen.vapid_claims
        assert claims is not None
        assert claims["aud"] == receiver.origin
        assert claims["sub"] == SUBJECT
        assert abs(claims["exp"] - (time.time() + 12 * 3600)) < 60
        assert sender.vapid.public_key == vapid_keys[1]

    def test_a_batch_keeps_its_order_and_keys(
        self, vapid_keys: tuple[str, str], receiver: PushReceiver
    ) -> None:
        subs = [subscribe(receiver) for _ in range(4)]
        receiver.program(subs[1][0], then=410)
        receiver.program(subs[3][0], then=500)
        batch = [
            message(sub, {"n": n}, key=n)
            for n in range(120)
            for _, sub in [subs[n % 4]]
        ]
        with WebPushSender(
            vapid_keys[0], SUBJECT, ca_bundle=receiver.ca_path, concurrency=8
        ) as narrow:
            results = narrow.send_batch(batch)

        assert [r.key for r in results] == list(range(120))
        assert [r.status for r in results] == [201, 410, 201, 500] * 30
        assert sorted(p["n"] for p in receiver.payloads(subs[0][0])) == list(
            range(0, 120, 4)
        )

    def test_the_sender_is_reused_across_batches_then_closed(
        self, vapid_keys: tuple[str, str], receiver: PushReceiver
    ) -> None:
        sid, sub = subscribe(receiver)
        real = WebPushSender(vapid_keys[0], SUBJECT, ca_bundle=receiver.ca_path)
        assert real.send_batch([]) == []
        for n in range(3):
            assert real.send_batch([message(sub, {"n": n})])[0].status == 201
        real.close()
        real.close()

        with pytest.raises(RuntimeError, match="closed"):
            real.send_batch([message(sub)])
        assert receiver.payloads(sid) == [{"n": 0}, {"n": 1}, {"n": 2}]


class TestAnswers:
    def test_gone_rate_limited_and_server_errors_come_back(
        self, sender: WebPushSender, receiver: PushReceiver
    ) -> None:
        (gone, sub_gone), (limited, sub_limited), (broken, sub_broken) = (
            subscribe(receiver) for _ in range(3)
        )
        receiver.program(gone, then=410)
        receiver.program(limited, Reply(429, retry_after="7"))
        receiver.program(
            broken, then=Reply(503, retry_after="Sun, 06 Nov 2044 08:49:37 GMT")
        )

        results = sender.send_batch(
            [
                message(sub_gone, key="gone"),
                message(sub_limited, key="limited"),
                message(sub_broken, key="broken"),
            ]
        )

        assert [(r.key, r.status, r.retry_after) for r in results] == [
            ("gone", 410, None),
            ("limited", 429, "7"),
            ("broken", 503, "Sun, 06 Nov 2044 08:49:37 GMT"),
        ]
        assert all(r.error and r.error.startswith(f"HTTP {r.status}") for r in results)

    def test_two_failures_then_success(
        self, sender: WebPushSender, receiver: PushReceiver
    ) -> None:
        sid, sub = subscribe(receiver)
        receiver.program(sid, 500, 500)

        statuses = [sender.send_batch([message(sub)])[0].status for _ in range(3)]

        assert statuses == [500, 500, 201]
        assert len(receiver.payloads(sid)) == 1

    def test_oversize_payload_gives_413_without_a_request(
        self, sender: WebPushSender, receiver: PushReceiver
    ) -> None:
        sid, sub = subscribe(receiver)
        too_big = message(sub, key="big", payload=b'"' + b"x" * 3992 + b'"')
        largest = message(sub, key="max", payload=b'"' + b"x" * 3991 + b'"')
        assert len(too_big.payload) == MAX_PLAINTEXT_BYTES + 1

        results = sender.send_batch([too_big, largest])

        assert results[0].key == "big" and results[0].status == 413
        assert "not sent" in (results[0].error or "")
        assert results[1].status == 201
        seen = receiver.received_for(sid)
        assert [r.body_bytes for r in seen] == [4096]  # only the one that fits

    def test_hanging_receiver_gives_no_status_after_the_timeout(
        self, vapid_keys: tuple[str, str], receiver: PushReceiver
    ) -> None:
        sid, sub = subscribe(receiver)
        receiver.program(sid, Reply(201, delay_seconds=10))
        with WebPushSender(
            vapid_keys[0], SUBJECT, ca_bundle=receiver.ca_path, timeout_seconds=0.3
        ) as impatient:
            started = time.monotonic()
            [result] = impatient.send_batch([message(sub, key="slow")])

        assert time.monotonic() - started < 3
        assert result.status is None
        assert result.error is not None and "Timeout" in result.error

    def test_unreachable_push_service_gives_no_status(
        self, sender: WebPushSender, receiver: PushReceiver
    ) -> None:
        _, sub = subscribe(receiver)
        endpoint = f"https://127.0.0.1:{closed_port()}/push/nobody"

        [result] = sender.send_batch([message(sub, endpoint=endpoint)])

        assert result.status is None
        assert result.error is not None and "Connect" in result.error

    def test_an_untrusted_certificate_is_refused(
        self, vapid_keys: tuple[str, str], receiver: PushReceiver
    ) -> None:
        sid, sub = subscribe(receiver)
        with WebPushSender(vapid_keys[0], SUBJECT) as trusting_only_public_roots:
            [result] = trusting_only_public_roots.send_batch([message(sub)])

        assert result.status is None
        assert result.error is not None and "certificate" in result.error.lower()
        assert receiver.received_for(sid) == []

    def test_redirects_are_not_followed(
        self, sender: WebPushSender, receiver: PushReceiver
    ) -> None:
        sid, sub = subscribe(receiver)
        elsewhere, other = subscribe(receiver)
        receiver.program(sid, Reply(307, headers={"Location": other["endpoint"]}))

        [result] = sender.send_batch([message(sub)])

        assert result.status == 307
        assert receiver.received_for(elsewhere) == []

    @pytest.mark.parametrize(
        ("keys", "reason"),
        [
            ({"p256dh": "not*base64"}, "p256dh"),
            ({"p256dh": "BAAA"}, "65 bytes"),
            ({"auth": "c2hvcnQ"}, "16 bytes"),
            ({"p256dh": "BA" + "A" * 85}, "not sent"),  # 65 bytes, not on the curve
            ({"endpoint": "ftp://127.0.0.1/push/x"}, "not a push endpoint"),
        ],
    )
    def test_unusable_subscription_gives_400_without_a_request(
        self,
        sender: WebPushSender,
        receiver: PushReceiver,
        keys: dict[str, str],
        reason: str,
    ) -> None:
        sid, sub = subscribe(receiver)

        [result] = sender.send_batch([message(sub, **keys)])

        assert result.status == 400
        assert result.error is not None and reason in result.error
        assert receiver.received_for(sid) == []


class TestVapidReuse:
    def test_one_signature_per_origin_and_each_origin_gets_its_own_aud(
        self, receiver: PushReceiver, vapid_keys: tuple[str, str], tmp_path: Path
    ) -> None:
        # pywebpush's webpush() leaks the first service's aud into a shared claims
        # dict; two origins in one batch catch that.
        with PushReceiver(vapid_public_key=vapid_keys[1]) as second:
            ours = [subscribe(receiver) for _ in range(3)]
            theirs = [subscribe(second) for _ in range(3)]
            batch = [message(sub) for _, sub in ours + theirs] * 4
            bundle = tmp_path / "both.pem"
            bundle.write_text(
                Path(receiver.ca_path).read_text() + Path(second.ca_path).read_text()
            )
            with WebPushSender(vapid_keys[0], SUBJECT, ca_bundle=str(bundle)) as both:
                results = both.send_batch(batch) + both.send_batch(batch)
                signatures = both.vapid.signatures

            assert signatures == 2
            assert {r.status for r in results} == {201}
            for server, subs in ((receiver, ours), (second, theirs)):
                seen = [r for sid, _ in subs for r in server.received_for(sid)]
                assert len(seen) == 24
                assert {r.vapid_claims["aud"] for r in seen} == {server.origin}
                assert len({r.headers["authorization"] for r in seen}) == 1


class TestVapidSigner:
    def test_token_is_signed_again_only_when_an_hour_is_left(
        self, vapid_keys: tuple[str, str]
    ) -> None:
        clock = [1_000_000.0]
        signer = VapidSigner(vapid_keys[0], SUBJECT, clock=lambda: clock[0])
        first = signer.header_for("https://fcm.googleapis.com/fcm/send/abc")
        clock[0] += 10 * 3600
        assert signer.header_for("https://fcm.googleapis.com/fcm/send/xyz") == first
        clock[0] += 3600  # 11 h in: one hour of the 12 left
        renewed = signer.header_for("https://fcm.googleapis.com/fcm/send/abc")

        assert renewed != first
        assert signer.signatures == 2

    @pytest.mark.parametrize(
        ("endpoint", "origin"),
        [
            ("https://fcm.googleapis.com/fcm/send/a:b", "https://fcm.googleapis.com"),
            ("https://FCM.googleapis.com:443/x", "https://fcm.googleapis.com"),
            ("https://127.0.0.1:8443/push/1", "https://127.0.0.1:8443"),
            ("https://user:pw@web.push.apple.com/x", "https://web.push.apple.com"),
            ("http://localhost:80/x", "http://localhost"),
        ],
    )
    def test_audience_is_the_endpoint_origin(self, endpoint: str, origin: str) -> None:
        assert origin_of(endpoint) == origin

    @pytest.mark.parametrize("endpoint", ["ftp://x.org/a", "/push/1", "https:///x", ""])
    def test_no_audience_without_an_http_url(self, endpoint: str) -> None:
        with pytest.raises(ValueError, match="not a push endpoint"):
            origin_of(endpoint)

    @pytest.mark.parametrize(
        "subject", ["ops@example.org", "mailto:ops@localhost", "http://example.org", ""]
    )
    def test_subject_must_be_a_real_mailto_or_https_url(
        self, vapid_keys: tuple[str, str], subject: str
    ) -> None:
        with pytest.raises(ValueError, match="subject"):
            VapidSigner(vapid_keys[0], subject)

    def test_private_key_must_be_usable(self) -> None:
        with pytest.raises(ValueError, match="VAPID private key"):
            VapidSigner("bm90IGEga2V5", SUBJECT)


class TestMessages:
    def test_topic_is_short_url_safe_and_stable(self) -> None:
        topics = {topic_for(f"r{n}:b1:u1") for n in range(1000)}
        assert len(topics) == 1000
        assert topic_for("r1:b1:u1") == topic_for("r1:b1:u1")
        assert all(len(t) <= 32 for t in topics)
        assert all(re.fullmatch(r"[A-Za-z0-9_-]{1,32}", t) for t in topics)

    @pytest.mark.parametrize(
        ("override", "reason"),
        [
            ({"urgency": "urgent"}, "urgency"),
            ({"topic": "x" * 33}, "topic"),
            ({"topic": "has space"}, "topic"),
            ({"ttl_seconds": -1}, "ttl"),
            ({"payload": b""}, "payload"),
        ],
    )
    def test_invalid_message_is_refused(
        self, override: dict[str, Any], reason: str
    ) -> None:
        fields = {
            "endpoint": "https://fcm.googleapis.com/fcm/send/x",
            "p256dh": "p",
            "auth": "a",
            "payload": b"{}",
            "ttl_seconds": 60,
            "key": 1,
        }
        with pytest.raises(ValueError, match=reason):
            PushMessage(**{**fields, **override})


class TestFakePushSender:
    def test_records_every_message_and_answers_201(self) -> None:
        fake = FakePushSender()
        batch = [_fake_message("https://push.example.org/a", key=n) for n in range(3)]

        results = fake.send_batch(batch)

        assert [r.status for r in results] == [201, 201, 201]
        assert fake.messages == batch
        assert fake.batches == [batch]
        assert fake.delivered() == batch

    def test_programmed_answers_run_in_order_and_the_last_repeats(self) -> None:
        fake = FakePushSender()
        fake.program("https://push.example.org/a", 500, None, 410)
        fake.program("https://push.example.org/b", 429, retry_after="5")

        a = [
            fake.send_batch([_fake_message("https://push.example.org/a")])[0]
            for _ in range(4)
        ]
        b = fake.send_batch([_fake_message("https://push.example.org/b")])[0]

        assert [r.status for r in a] == [500, None, 410, 410]
        assert a[1].error == "fake network error"
        assert (b.status, b.retry_after) == (429, "5")
        assert fake.delivered() == []

    def test_oversize_payload_gives_413_and_close_is_recorded(self) -> None:
        fake = FakePushSender(default_status=202)
        big = _fake_message("https://push.example.org/a", payload=b"x" * 4000)

        assert fake.send_batch([big])[0].status == 413
        fake.close()
        assert fake.closed
        with pytest.raises(RuntimeError):
            fake.send_batch([big])


def _fake_message(
    endpoint: str, key: str | int = "k", payload: bytes = b"{}"
) -> PushMessage:
    return PushMessage(
        endpoint=endpoint,
        p256dh="p",
        auth="a",
        payload=payload,
        ttl_seconds=60,
        key=key,
    )
