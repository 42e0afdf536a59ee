"""Slow clients: does /health keep answering while 20 connections trickle in one header
byte a second? Gunicorn alone (2 sync workers) against the shipped deployment (nginx
from deploy/nginx/parent_app.conf in front of the same gunicorn).

python -m bench.slow_clients [--clients 20] [--seconds 40]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import threading
import time
import urllib.error
import urllib.request

from tests.support.proxy_stack import ProxyStack, nginx_available

TARGET_CLIENTS = 20


def trickle(port: int, clients: int, stop: threading.Event) -> threading.Thread:
    """Open `clients` connections that send a request line, then one header byte a
    second, never finishing; a connection the server closes is opened again."""
    sockets: list[socket.socket | None] = [None] * clients

    def run() -> None:
        while not stop.is_set():
            for index in range(clients):
                conn = sockets[index]
                try:
                    if conn is None:
                        conn = socket.create_connection(("127.0.0.1", port), timeout=2)
                        conn.sendall(b"GET /api/v1/health HTTP/1.1\r\nX-Slow: ")
                        sockets[index] = conn
                    else:
                        conn.sendall(b"a")
                except OSError:
                    if conn is not None:
                        conn.close()
                    sockets[index] = None
            stop.wait(1.0)
        for conn in sockets:
            if conn is not None:
                conn.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def probe(url: str, seconds: float) -> dict[str, object]:
    """GET /health every half second with a 2 s timeout; how many answered 200."""
    answered, latencies, probes = 0, [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        probes += 1
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
                response.read()
                if response.status == 200:
                    answered += 1
                    latencies.append((time.perf_counter() - started) * 1000)
        except (urllib.error.URLError, OSError, TimeoutError):
            pass
        time.sleep(max(0.0, 0.5 - (time.perf_counter() - started)))
    return {
        "probes": probes,
        "answered": answered,
        "median_ms": round(statistics.median(latencies), 1) if latencies else None,
    }


def run(*, nginx: bool, clients: int, seconds: float) -> dict[str, object]:
    with ProxyStack(nginx=nginx, workers=2) as stack:
        stop = threading.Event()
        thread = trickle(stack.port, clients, stop)
        time.sleep(1.5)  # let every slow connection get in first
        try:
            result = probe(stack.url("/api/v1/health"), seconds)
        finally:
            stop.set()
            thread.join(timeout=5)
        result["worker_timeouts"] = stack.gunicorn_log().count("WORKER TIMEOUT")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=TARGET_CLIENTS)
    parser.add_argument("--seconds", type=float, default=40.0)
    args = parser.parse_args(argv)
    if not nginx_available():
        print(json.dumps({"skipped": "nginx is not installed"}))
        return 0
    results = {
        "slow_clients": args.clients,
        "seconds": args.seconds,
        "gunicorn_alone": run(nginx=False, clients=args.clients, seconds=args.seconds),
        "nginx_in_front": run(nginx=True, clients=args.clients, seconds=args.seconds),
    }
    front = results["nginx_in_front"]
    assert isinstance(front, dict)
    results["target_met"] = front["answered"] == front["probes"]
    print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
