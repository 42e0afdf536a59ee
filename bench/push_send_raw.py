"""Benchmark: Web Push sending over HTTPS to a loopback receiver, three ways in one run.

    python bench/push_send_raw.py [--messages 20000] [--subscriptions 1000]

(a) the raw cost of encrypting one message (aes128gcm, new ephemeral key each);
(b) a naive loop of pywebpush.webpush() over a sample, as its README shows it;
(c) WebPushSender over every message, in outbox-sized batches, classifying each
    result with domain.push_outcome (the bookkeeping, without the database).

The receiver (tests/support/push_receiver.py) runs in its own process, pinned to
the other core when there are two, so its TLS, decryption and VAPID checks do
not eat the sender's CPU; the sender process is pinned to CPU 0. Every message
is decrypted by the receiver with the subscriber's key unless --decrypt-every
says otherwise. Figures are compared with the targets of issue 5.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from parent_app.domain.push_outcome import classify  # noqa: E402
from parent_app.outbox.vapid import VapidSigner  # noqa: E402
from parent_app.outbox.webpush import (  # noqa: E402
    PushMessage,
    WebPushSender,
    encrypt_payload,
    topic_for,
)
from parent_app.secrets import generate_vapid_keys  # noqa: E402
from tests.support.push_receiver import PushReceiver  # noqa: E402

SUBJECT = "mailto:bench@example.org"
TARGET_RATE = 1500
TARGET_RATIO = 40
TARGET_CPU_MS = 1.0
TARGET_RSS_MB = 300
TARGET_TWO_PROCESS_RATE = 2700


def main(argv: list[str] | None = None) -> int:
    args = _parse(argv)
    pin = args.pin and hasattr(os, "sched_setaffinity") and (os.cpu_count() or 1) >= 2
    all_cpus = os.sched_getaffinity(0) if pin else set()
    if pin:
        os.sched_setaffinity(0, {0})
    load_before = os.getloadavg()[0]
    private_key, public_key = generate_vapid_keys()
    receiver = ReceiverProcess(args.subscriptions, args.decrypt_every, public_key, pin)
    processes = None
    try:
        subscriptions = receiver.subscriptions
        messages = _messages(subscriptions, args.messages)
        encrypt = _measure_encryption(messages[: min(2000, len(messages))])
        signing = _measure_signing(private_key)
        naive = _measure_naive(
            messages[: args.naive], private_key, receiver.ca_path, receiver
        )
        sender = _measure_sender(messages, private_key, receiver, args)
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if args.senders > 1:
            if pin:  # children inherit the parent's affinity
                os.sched_setaffinity(0, all_cpus)
                receiver.unpin(all_cpus)
            processes = _measure_processes(subscriptions, private_key, receiver, args)
    finally:
        receiver.stop()
    print(
        f"load average before the run: {load_before:.2f} (other work on this box "
        "skews every figure)"
    )
    _report(args, pin, encrypt, signing, naive, sender, peak_rss_mb, processes)
    delivered_all = sender.delivered == sender.messages and (
        processes is None or processes.delivered == processes.messages
    )
    return 0 if delivered_all else 1


@dataclass
class Phase:
    messages: int
    wall_s: float
    cpu_s: float
    delivered: int = 0
    receiver: dict[str, Any] | None = None
    waited_s: float = 0.0  # runnable but another process had the CPU

    @property
    def rate(self) -> float:
        return self.messages / self.wall_s

    @property
    def cpu_ms(self) -> float:
        return self.cpu_s / self.messages * 1000


class ReceiverProcess:
    """The push receiver in a child process; counts come back over a pipe."""

    def __init__(
        self, subscriptions: int, decrypt_every: int, vapid_key: str, pin: bool
    ) -> None:
        context = multiprocessing.get_context("spawn")
        self._conn, child = context.Pipe()
        self._process = context.Process(
            target=_serve_receiver,
            args=(child, subscriptions, decrypt_every, vapid_key, 1 if pin else None),
            daemon=True,
        )
        self._process.start()
        ready = self._conn.recv()
        self.ca_path: str = ready["ca_path"]
        self.subscriptions: list[dict[str, Any]] = ready["subscriptions"]

    def stats(self) -> dict[str, Any]:
        self._conn.send("stats")
        stats: dict[str, Any] = self._conn.recv()
        return stats

    def unpin(self, cpus: set[int]) -> None:
        if self._process.pid is not None:
            os.sched_setaffinity(self._process.pid, cpus)

    def stop(self) -> None:
        if self._process.is_alive():
            self._conn.send("stop")
            self._process.join(timeout=10)


def _serve_receiver(
    conn: Connection, subscriptions: int, decrypt_every: int, key: str, cpu: int | None
) -> None:
    if cpu is not None:
        os.sched_setaffinity(0, {cpu})
    with PushReceiver(
        vapid_public_key=key, decrypt_every=decrypt_every, record=False
    ) as receiver:
        subs = [receiver.register() for _ in range(subscriptions)]
        conn.send({"ca_path": receiver.ca_path, "subscriptions": subs})
        while (command := conn.recv()) != "stop":
            assert command == "stats"
            conn.send(
                {
                    "counts": dict(receiver.counts),
                    "tokens": len(receiver.tokens_seen),
                    "cpu_s": time.process_time(),
                }
            )


def _messages(subscriptions: list[dict[str, Any]], count: int) -> list[PushMessage]:
    messages = []
    for index in range(count):
        sub = subscriptions[index % len(subscriptions)]
        payload = {
            "title": "Your baby is 4 months old this week",
            "body": "Tummy time, the 16-week jabs and what to expect from sleep now.",
            "notification_id": index,
            "tag": f"r12:b{index}:u{index}",
            "url": "/articles/four-months",
        }
        messages.append(
            PushMessage(
                endpoint=sub["endpoint"],
                p256dh=sub["keys"]["p256dh"],
                auth=sub["keys"]["auth"],
                payload=json.dumps(payload, separators=(",", ":")).encode(),
                ttl_seconds=86400,
                urgency="normal",
                topic=topic_for(f"r12:b{index}:u{index}"),
                key=str(index),
            )
        )
    return messages


def _cpu_loop(call: Callable[[], object], repeat: int) -> float:
    """Best of three: CPU seconds per call."""
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for _ in range(repeat):
            call()
        best = min(best, (time.process_time() - started) / repeat)
    return best


def _measure_encryption(messages: list[PushMessage]) -> float:
    started = time.process_time()
    for m in messages:
        encrypt_payload(m.payload, m.p256dh, m.auth)
    first = (time.process_time() - started) / len(messages)
    started = time.process_time()
    for m in messages:
        encrypt_payload(m.payload, m.p256dh, m.auth)
    return min(first, (time.process_time() - started) / len(messages))


def _measure_signing(private_key: str) -> float:
    signer = VapidSigner(private_key, SUBJECT)
    origins = iter(range(10**9))

    def sign_for_a_new_origin() -> None:
        signer.header_for(f"https://push{next(origins)}.example.org/x")

    return _cpu_loop(sign_for_a_new_origin, 200)


def _measure_naive(
    sample: list[PushMessage],
    private_key: str,
    ca_path: str,
    receiver: ReceiverProcess,
) -> Phase:
    import certifi
    from pywebpush import webpush

    # As production would: the certifi roots plus the receiver's CA, via the
    # variable requests reads (webpush() has no verify argument).
    with tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False) as bundle:
        bundle.write(Path(certifi.where()).read_text() + Path(ca_path).read_text())
    saved = os.environ.get("REQUESTS_CA_BUNDLE")
    os.environ["REQUESTS_CA_BUNDLE"] = bundle.name
    before = receiver.stats()
    delivered = 0
    try:
        wall, cpu = time.perf_counter(), time.process_time()
        for m in sample:
            response = webpush(
                {"endpoint": m.endpoint, "keys": {"p256dh": m.p256dh, "auth": m.auth}},
                data=m.payload.decode(),
                vapid_private_key=private_key,
                vapid_claims={"sub": SUBJECT},  # a fresh dict: webpush() writes to it
                ttl=m.ttl_seconds,
                headers={"Urgency": m.urgency, "Topic": m.topic or ""},
                timeout=10,
            )
            delivered += response.status_code == 201
        phase = Phase(
            len(sample),
            time.perf_counter() - wall,
            time.process_time() - cpu,
            delivered,
        )
    finally:
        if saved is None:
            del os.environ["REQUESTS_CA_BUNDLE"]
        else:
            os.environ["REQUESTS_CA_BUNDLE"] = saved
        os.unlink(bundle.name)
    phase.receiver = _difference(receiver.stats(), before)
    return phase


def _measure_sender(
    messages: list[PushMessage],
    private_key: str,
    receiver: ReceiverProcess,
    args: argparse.Namespace,
) -> Phase:
    before = receiver.stats()
    phase = _send_everything(
        messages, private_key, receiver.ca_path, args.concurrency, args.batch
    )
    phase.receiver = {**_difference(receiver.stats(), before), **(phase.receiver or {})}
    return phase


def _send_everything(
    messages: list[PushMessage],
    private_key: str,
    ca_path: str,
    concurrency: int,
    batch: int,
) -> Phase:
    """What one sender process does: send in batches, classify every result."""
    rng = random.Random(1)
    kinds: dict[str, int] = {}
    sender = WebPushSender(
        private_key,
        SUBJECT,
        ca_bundle=ca_path,
        timeout_seconds=30,
        concurrency=concurrency,
    )
    try:
        waited = _run_queue_wait_s()
        wall, cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(messages), batch):
            results = sender.send_batch(messages[start : start + batch])
            now = datetime.now(UTC)
            for result in results:
                outcome = classify(result.status, result.retry_after, 1, now, rng=rng)
                kinds[outcome.kind.value] = kinds.get(outcome.kind.value, 0) + 1
        phase = Phase(
            len(messages),
            time.perf_counter() - wall,
            time.process_time() - cpu,
            kinds.get("sent", 0),
            waited_s=_run_queue_wait_s() - waited,
        )
    finally:
        sender.close()
    phase.receiver = {"signatures": sender.vapid.signatures, "outcomes": kinds}
    return phase


def _measure_processes(
    subscriptions: list[dict[str, Any]],
    private_key: str,
    receiver: ReceiverProcess,
    args: argparse.Namespace,
) -> Phase:
    """`args.senders` sender processes at once, unpinned, sharing the CPUs with
    the receiver; the rate is all messages over the span from first start to
    last finish."""
    context = multiprocessing.get_context("spawn")
    share = args.messages // args.senders
    pipes, processes = [], []
    for number in range(args.senders):
        parent, child = context.Pipe()
        process = context.Process(
            target=_serve_sender,
            args=(
                child,
                subscriptions,
                number * share,
                share,
                private_key,
                receiver.ca_path,
                args.concurrency,
                args.batch,
            ),
            daemon=True,
        )
        process.start()
        pipes.append(parent)
        processes.append(process)
    for pipe in pipes:
        assert pipe.recv() == "ready"
    before = receiver.stats()
    for pipe in pipes:
        pipe.send("go")
    reports = [pipe.recv() for pipe in pipes]
    for process in processes:
        process.join(timeout=30)
    span = max(r["finished"] for r in reports) - min(r["started"] for r in reports)
    phase = Phase(
        share * args.senders,
        span,
        sum(r["cpu_s"] for r in reports),
        sum(r["delivered"] for r in reports),
    )
    phase.receiver = _difference(receiver.stats(), before)
    phase.receiver["peak_rss_mb"] = max(r["peak_rss_mb"] for r in reports)
    return phase


def _serve_sender(
    conn: Connection,
    subscriptions: list[dict[str, Any]],
    first: int,
    count: int,
    private_key: str,
    ca_path: str,
    concurrency: int,
    batch: int,
) -> None:
    messages = _messages(subscriptions, first + count)[first:]
    conn.send("ready")
    assert conn.recv() == "go"
    started = time.time()
    phase = _send_everything(messages, private_key, ca_path, concurrency, batch)
    conn.send(
        {
            "started": started,
            "finished": time.time(),
            "cpu_s": phase.cpu_s,
            "delivered": phase.delivered,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    )


def _run_queue_wait_s() -> float:
    """Seconds this thread has waited, runnable, for a CPU (Linux schedstat)."""
    try:
        fields = Path(f"/proc/self/task/{threading.get_native_id()}/schedstat")
        return int(fields.read_text().split()[1]) / 1e9
    except (OSError, IndexError, ValueError):
        return 0.0


def _difference(after: dict[str, Any], before: dict[str, Any]) -> dict[str, Any]:
    counts = {
        key: value - before["counts"].get(key, 0)
        for key, value in after["counts"].items()
    }
    return {
        "counts": counts,
        "tokens": after["tokens"] - before["tokens"],
        "cpu_s": after["cpu_s"] - before["cpu_s"],
    }


def _report(
    args: argparse.Namespace,
    pin: bool,
    encrypt_s: float,
    signing_s: float,
    naive: Phase,
    sender: Phase,
    peak_rss_mb: float,
    processes: Phase | None,
) -> None:
    ratio = sender.rate / naive.rate
    decrypted = (
        "every message"
        if args.decrypt_every == 1
        else (f"every {args.decrypt_every}th message")
    )
    placement = (
        "sender on CPU 0, receiver process on CPU 1"
        if pin
        else "no pinning, receiver in its own process"
    )
    print(
        f"Web Push send benchmark: {args.messages:,} messages to "
        f"{args.subscriptions:,} subscriptions, HTTPS on 127.0.0.1\n"
        f"{placement}; receiver verifies VAPID and decrypts {decrypted}\n"
    )
    rows = [
        ("(a) encrypt one message (aes128gcm)", "-", "-", f"{encrypt_s * 1e6:.0f} µs"),
        (
            "    VAPID signature (once per origin)",
            "-",
            "-",
            f"{signing_s * 1e6:.0f} µs",
        ),
        _row("(b) naive pywebpush.webpush() loop", naive),
        _row(
            f"(c) WebPushSender, {args.concurrency} in flight, batches of {args.batch}",
            sender,
        ),
    ]
    if processes is not None:
        rows.append(
            _row(f"(d) {args.senders} sender processes at once, unpinned", processes)
        )
    print(f"{'phase':<56}{'messages':>9}{'msg/s':>9}{'CPU/msg':>11}")
    for name, count, rate, cpu in rows:
        print(f"{name:<56}{count:>9}{rate:>9}{cpu:>11}")
    phases = [("(b)", naive), ("(c)", sender)]
    if processes is not None:
        phases.append(("(d)", processes))
    for label, phase in phases:
        seen = phase.receiver or {"counts": {}, "tokens": 0, "cpu_s": 0.0}
        counts = seen["counts"]
        print(
            f"{label} receiver: {counts.get('requests', 0):,} requests, "
            f"{counts.get('status_201', 0):,} answered 201, "
            f"{counts.get('decrypt_ok', 0):,} decrypted OK, "
            f"{counts.get('decrypt_failed', 0)} failed, "
            f"VAPID ok {counts.get('vapid_ok', 0):,} "
            f"(rejected {counts.get('vapid_rejected', 0)}), "
            f"{seen['tokens']:,} distinct tokens, "
            f"receiver CPU {seen['cpu_s'] / phase.messages * 1000:.2f} ms/msg"
        )
    extra = sender.receiver or {}
    print(
        f"(c) sender: {extra.get('signatures')} VAPID signature(s); outcomes "
        f"{extra.get('outcomes')}; peak RSS of the sender process {peak_rss_mb:.0f} MB"
    )
    print(
        f"(c) sender busy {sender.cpu_s / sender.wall_s:.0%} of the wall time; it "
        f"waited {sender.waited_s:.1f} s of {sender.wall_s:.1f} s for its CPU while "
        f"other processes ran; CPU-bound ceiling 1/CPU = "
        f"{1000 / sender.cpu_ms:,.0f} msg/s"
    )
    print(f"\nratio (c)/(b): {ratio:.0f}x\n\ntargets (issue 5):")
    checks = [
        (
            f"≥ {TARGET_RATE:,} msg/s from one sender process",
            f"{sender.rate:,.0f}",
            sender.rate >= TARGET_RATE,
        ),
        (f"≥ {TARGET_RATIO}x the naive loop", f"{ratio:.0f}x", ratio >= TARGET_RATIO),
        (
            f"≤ {TARGET_CPU_MS:g} ms CPU/msg incl. bookkeeping (DB excluded here)",
            f"{sender.cpu_ms:.3f} ms",
            sender.cpu_ms <= TARGET_CPU_MS,
        ),
        (
            f"peak RSS < {TARGET_RSS_MB} MB",
            f"{peak_rss_mb:.0f} MB",
            peak_rss_mb < TARGET_RSS_MB,
        ),
        (
            "(c) every message accepted (201), decrypted ones all valid",
            f"{sender.delivered:,}/{sender.messages:,}",
            sender.delivered == sender.messages and _decrypted_all(sender, args),
        ),
    ]
    if processes is not None:
        name = f"≥ {TARGET_TWO_PROCESS_RATE:,} msg/s, {args.senders} sender processes"
        checks.insert(
            4,
            (
                name,
                f"{processes.rate:,.0f}",
                processes.rate >= TARGET_TWO_PROCESS_RATE,
            ),
        )
    for name, value, ok in checks:
        print(f"  {name:<62}{value:>12}  {'PASS' if ok else 'FAIL'}")
    if processes is not None:
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
        print(
            f"\n(d) shares {cores} cores with the receiver, which spends "
            f"{_receiver_ms(processes):.2f} ms per message on TLS, HTTP, VAPID and "
            f"decryption; the senders alone would need {processes.cpu_ms:.2f} ms of "
            f"CPU per message, a ceiling of {cores * 1000 / processes.cpu_ms:,.0f} "
            f"msg/s on {cores} cores of their own."
        )


def _decrypted_all(phase: Phase, args: argparse.Namespace) -> bool:
    counts = (phase.receiver or {}).get("counts", {})
    return bool(
        counts.get("decrypt_failed", 0) == 0
        and counts.get("decrypt_ok", 0) >= phase.messages // args.decrypt_every
        and counts.get("vapid_ok", 0) == phase.messages
    )


def _receiver_ms(phase: Phase) -> float:
    seen = phase.receiver or {}
    return float(seen.get("cpu_s", 0.0)) / phase.messages * 1000


def _row(name: str, phase: Phase) -> tuple[str, str, str, str]:
    return (name, f"{phase.messages:,}", f"{phase.rate:,.0f}", f"{phase.cpu_ms:.2f} ms")


def _parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=20_000)
    parser.add_argument("--subscriptions", type=int, default=1_000)
    parser.add_argument("--naive", type=int, default=300, help="naive loop sample")
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--batch", type=int, default=1_000, help="messages per call")
    parser.add_argument("--decrypt-every", type=int, default=1)
    parser.add_argument(
        "--senders", type=int, default=2, help="processes in phase (d); 1 skips it"
    )
    parser.add_argument("--no-pin", dest="pin", action="store_false")
    return parser.parse_args(argv)


if __name__ == "__main__":
    sys.exit(main())
