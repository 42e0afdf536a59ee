"""Read benchmark: the parent app's read endpoints side by side with a bare Flask
endpoint, under one gunicorn (2 sync workers) on PostgreSQL, loaded with wrk.

    python -m bench.api_bench --users 100000
    python -m bench.api_bench --reuse            # skip rebuilding the database

The database (default `bench_api`) is dropped and rebuilt: never point it at real data.
It is seeded with set-based INSERTs (households of two adults, one baby each spread over
the 1001 days, a token per adult), the starter catalogue, and one day's planned nudges.
wrk rotates over `--sample` different signed-in parents so per-token caches are not a
single hot entry; each endpoint is loaded for `--warmup` seconds before it is measured,
so that the workers' caches hold every sampled parent (steady state). Target (issue
12): every read >= 50 % of bare Flask's req/s with p99 < 50 ms at 50 connections.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import text

from config import TestingConfig

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE = "postgresql://postgres@127.0.0.1:5432/bench_api"
TOKEN_PREFIX = "bench-token-"
AREAS = (
    "hampshire",
    "southampton",
    "portsmouth",
    "isle-of-wight",
    "dorset",
    "bournemouth-christchurch-poole",
)
ENDPOINTS = ("bare", "health", "me", "article", "timeline", "articles", "feed")
LABELS = {
    "bare": "bare Flask JSON (20 items)",
    "health": "`GET /health`",
    "me": "`GET /me`",
    "article": "`GET /articles/{slug}`",
    "timeline": "`GET /babies/{id}/timeline`",
    "articles": "`GET /articles?limit=20`",
    "feed": "`GET /feed?baby_id=`",
}


def sqlalchemy_url(url: str) -> str:
    if url.startswith("postgresql://"):
        return "postgresql+psycopg://" + url[len("postgresql://") :]
    return url


def refuse_shared_database(url: str) -> None:
    name = url.rsplit("/", 1)[-1].split("?")[0]
    if name == "test" or name.startswith("test_") or not name.startswith("bench"):
        raise SystemExit(
            f"refusing to drop {name!r}: the benchmark database's name must start "
            "with 'bench' (it is dropped and rebuilt)"
        )


def recreate_database(url: str) -> None:
    import psycopg

    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def make_app(url: str):  # type: ignore[no-untyped-def]
    from parent_app import create_app

    return create_app(
        {"BASE_CONFIG": TestingConfig, "SQLALCHEMY_DATABASE_URI": sqlalchemy_url(url)}
    )


def build(url: str, users: int, today: date) -> None:
    """Schema from the migrations, areas, the starter catalogue, `users` parents in
    households of two with one baby each, their tokens, and today's planned nudges."""
    from parent_app.accounts.areas import load_areas
    from parent_app.content.catalogue.loader import load_catalogue
    from parent_app.domain.daynum import to_day
    from parent_app.extensions import db
    from parent_app.milestones.vocabulary import load_milestones
    from parent_app.nudges.planner import plan_due_nudges
    from tests.conftest import reset_schema

    app = make_app(url)
    reset_schema(app)
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC) + timedelta(hours=6)
    households = users // 2
    with app.app_context():
        load_areas()
        load_milestones()  # the catalogue's nudge rules name the milestone they serve
        report = load_catalogue(now=now)
        if report.errors:
            raise SystemExit("catalogue errors: " + "; ".join(report.errors))
        db.session.commit()
        started = time.perf_counter()
        series = f"SELECT generate_series(1, {households}) AS n"
        areas = "(ARRAY[" + ", ".join(f"'{a}'" for a in AREAS) + "])"
        area = f"{areas}[1 + n % {len(AREAS)}]"
        # Stage in days from the due date: -280 (conception) to 735 (about two years).
        spread = "((n * 7919) % 1015 - 280)"
        today_day = to_day(today)
        statements = [
            f"INSERT INTO households (id, area_id, created_at) "
            f"SELECT n, {area}, :now FROM ({series}) g",
            f"""INSERT INTO users (id, email, password_hash, role, area_id,
                   household_id, display_name, reminder_time, reminder_minute,
                   timezone, language, discreet, created_at)
                SELECT 2 * n - 1, 'm' || n || '@bench.example', 'x',
                   'birthing_parent', {area}, n, 'Parent ' || n, '10:00', 600,
                   'Europe/London', 'en', false, :now FROM ({series}) g""",
            f"""INSERT INTO users (id, email, password_hash, role, area_id,
                   household_id, display_name, reminder_time, reminder_minute,
                   timezone, language, discreet, created_at)
                SELECT 2 * n, 'p' || n || '@bench.example', 'x', 'partner',
                   {area}, n, NULL, '10:00', 600, 'Europe/London', 'en', false, :now
                FROM ({series}) g""",
            f"""INSERT INTO babies (id, household_id, name, status, due_on, born_on,
                   gestation_weeks, gestation_days, due_day, birth_day,
                   corrected_birth_day, created_at, updated_at)
                SELECT n, n, CASE WHEN n % 3 = 0 THEN NULL ELSE 'Baby ' || n END,
                  CASE WHEN {spread} < 0 THEN 'expected' ELSE 'born' END,
                  DATE '1970-01-01' + ({today_day} - {spread}),
                  CASE WHEN {spread} < 0 THEN NULL
                       ELSE DATE '1970-01-01' + ({today_day} - {spread}) END,
                  CASE WHEN {spread} < 0 THEN NULL ELSE 40 - (n % 5) * 2 END,
                  CASE WHEN {spread} < 0 THEN NULL ELSE 0 END,
                  {today_day} - {spread},
                  CASE WHEN {spread} < 0 THEN NULL ELSE {today_day} - {spread} END,
                  CASE WHEN {spread} < 0 THEN NULL
                       ELSE {today_day} - {spread} + (n % 5) * 14 END,
                  :now, :now
                FROM ({series}) g""",
            f"""INSERT INTO api_tokens (user_id, token_hash, created_at, expires_at)
                SELECT n, encode(sha256(convert_to('{TOKEN_PREFIX}' || n, 'UTF8')),
                                 'hex'), :now, :now + interval '30 days'
                FROM generate_series(1, {2 * households}) AS n""",
            "SELECT setval(pg_get_serial_sequence('households', 'id'), "
            "(SELECT max(id) FROM households))",
            "SELECT setval(pg_get_serial_sequence('users', 'id'), "
            "(SELECT max(id) FROM users))",
            "SELECT setval(pg_get_serial_sequence('babies', 'id'), "
            "(SELECT max(id) FROM babies))",
        ]
        for statement in statements:
            db.session.execute(text(statement), {"now": now})
        db.session.commit()
        # Statistics first: without them the planner's INSERT … SELECT joins badly.
        db.session.execute(text("ANALYZE"))
        db.session.commit()
        seeded = time.perf_counter() - started
        started = time.perf_counter()
        planned = plan_due_nudges(now=now).planned
        db.session.commit()
        print(
            f"seeded {2 * households:,} users, {households:,} babies in {seeded:.1f} s;"
            f" planned {planned:,} nudges in {time.perf_counter() - started:.1f} s",
            flush=True,
        )
    settle(url)


def settle(url: str) -> None:
    """VACUUM ANALYZE and a checkpoint after the bulk load, so that what PostgreSQL
    does after it (autovacuum setting hint bits and the visibility map over a million
    new rows, the checkpoint writing them out) is not measured as the first endpoints'
    time: a run straight after a rebuild had them 15 to 35 points lower than a run on
    the same database a few minutes later."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM (ANALYZE)")
        try:
            conn.execute("CHECKPOINT")
        except psycopg.errors.InsufficientPrivilege:
            print("no CHECKPOINT: the benchmark's database user may not run one")


def sample(url: str, count: int) -> tuple[list[tuple[int, int]], list[str]]:
    """`count` (user id, their baby id) pairs spread over every household, and the
    slugs of published national articles."""
    import psycopg

    with psycopg.connect(url) as conn:
        households = conn.execute("SELECT count(*) FROM households").fetchone()[0]
        step = max(1, households // count)
        pairs = conn.execute(
            "SELECT u.id, b.id FROM users u JOIN babies b "
            "ON b.household_id = u.household_id "
            "WHERE b.household_id %% %s = 0 ORDER BY b.id LIMIT %s",
            (step, count),
        ).fetchall()
        slugs = [
            row[0]
            for row in conn.execute(
                "SELECT slug FROM articles WHERE status = 'published' "
                "AND area_id = 'national' ORDER BY id"
            )
        ]
    return [(u, b) for u, b in pairs], slugs


def lua_script(endpoint: str, pairs: list[tuple[int, int]], slugs: list[str]) -> str:
    """wrk script: each request signed in as the next parent of the sample."""
    prefix = "/api/v1"
    rows = []
    for n, (user_id, baby_id) in enumerate(pairs):
        path = {
            "health": f"{prefix}/health",
            "me": f"{prefix}/me",
            "article": f"{prefix}/articles/{slugs[n % len(slugs)]}",
            "timeline": f"{prefix}/babies/{baby_id}/timeline",
            "articles": f"{prefix}/articles?limit=20",
            "feed": f"{prefix}/feed?baby_id={baby_id}",
        }[endpoint]
        rows.append(f'{{"{path}", "{TOKEN_PREFIX}{user_id}"}}')
    return (
        "local r = {\n" + ",\n".join(rows) + "\n}\nlocal i = 0\n"
        "setup = function(thread) end\n"
        "init = function(args) i = math.random(#r) end\n"
        "request = function()\n"
        "  i = i % #r + 1\n"
        "  return wrk.format('GET', r[i][1], "
        "{['Authorization'] = 'Bearer ' .. r[i][2]})\n"
        "end\n"
    )


def vapid_pair() -> tuple[str, str]:
    from parent_app.secrets import generate_vapid_keys

    return generate_vapid_keys()


def start_gunicorn(
    url: str, port: int, workers: int, server_dir: Path = ROOT
) -> subprocess.Popen[bytes]:
    private, public = vapid_pair()
    env = {
        **os.environ,
        "PARENT_APP_CONFIG": "production",
        "DATABASE_URL": url,
        "SECRET_KEY": "bench-secret-key-not-for-production",
        "VAPID_PRIVATE_KEY": private,
        "VAPID_PUBLIC_KEY": public,
        # Required in production; the benchmark sends no mail.
        "MAIL_URL": "smtp+plain://127.0.0.1:1",
        "PUBLIC_BASE_URL": "https://app.example.org",
    }
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(  # noqa: S603 - our own server
        [
            gunicorn,
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "bench.api_wsgi:application",
        ],
        cwd=server_dir,
        env=env,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(  # noqa: S310 - loopback
                f"http://127.0.0.1:{port}/api/v1/health", timeout=1
            ):
                return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise SystemExit("gunicorn did not answer within 30 s")


def check(port: int, script: Path) -> None:
    """One request through the script's first row, so a 401 or 404 stops the run."""
    first = script.read_text().split("\n")[1]
    path, token = re.findall(r'"([^"]*)"', first)
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"http://127.0.0.1:{port}{path}", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def _ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s)", value).groups()  # type: ignore[union-attr]
    return float(number) * _UNITS[unit]


def run_wrk(
    wrk: str, url: str, script: Path | None, seconds: int, connections: int
) -> dict[str, float]:
    # A long timeout, so that slow answers count in the latencies instead of being
    # dropped from them as wrk's default 2 s timeout does.
    command = [
        wrk,
        "-t2",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    if script is not None:
        command += ["-s", str(script)]
    out = subprocess.run(  # noqa: S603 - wrk
        [*command, url], capture_output=True, text=True, check=True
    ).stdout
    if os.environ.get("BENCH_WRK_VERBOSE"):
        print(out, flush=True)
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),  # type: ignore[union-attr]
        "p50": _ms(re.search(r"^\s*50%\s+(\S+)", out, re.M).group(1)),  # type: ignore[union-attr]
        "p99": _ms(re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)),  # type: ignore[union-attr]
        "errors": 0.0,
    }
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    if bad:
        result["errors"] = float(bad.group(1))
    socket_errors = re.search(r"Socket errors:.*timeout (\d+)", out)
    result["timeouts"] = float(socket_errors.group(1)) if socket_errors else 0.0
    return result


WARMUP_ROUND = 10
STEADY = 1.05


def warm_up(
    wrk: str,
    url: str,
    script: Path | None,
    connections: int,
    least: int,
    most: int,
) -> int:
    """Load the endpoint for `least` seconds, then in rounds until two rounds in a row
    are no more than 5 % faster than the best before them (steady state: each worker
    has built every sampled parent's answer once) or `most` seconds have passed.
    Returns the seconds spent. How long the caches take to fill depends on the
    machine: on a slower one a fixed warm-up measured first reads."""
    run_wrk(wrk, url, script, least, connections)
    spent, best, flat = least, 0.0, 0
    while spent + WARMUP_ROUND <= most and flat < 2:
        rate = run_wrk(wrk, url, script, WARMUP_ROUND, connections)["rps"]
        spent += WARMUP_ROUND
        flat = flat + 1 if rate < best * STEADY else 0
        best = max(best, rate)
    return spent


def table(results: dict[str, dict[str, float]]) -> str:
    bare = results["bare"]["rps"]
    lines = [
        "| endpoint | req/s | share of bare Flask | p50 | p99 |",
        "|---|---|---|---|---|",
    ]
    for name, r in results.items():
        note = f" ({int(r['errors'])} non-2xx)" if r["errors"] else ""
        if r.get("timeouts"):
            note += f" ({int(r['timeouts'])} timed out after 10 s)"
        lines.append(
            f"| {LABELS[name]} | {r['rps']:,.0f} | {100 * r['rps'] / bare:.0f} % | "
            f"{r['p50']:.1f} ms | {r['p99']:.1f} ms{note} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=100_000)
    parser.add_argument(
        "--database",
        default=os.environ.get("BENCH_API_DATABASE_URL", DEFAULT_DATABASE),
    )
    parser.add_argument("--port", type=int, default=5191)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--sample", type=int, default=2000)
    parser.add_argument(
        "--warmup",
        type=int,
        default=15,
        help="seconds of load before each measured run, at least; then 10 s rounds"
        " until two rounds are no faster than the best before (the workers have read"
        " every sampled parent: their caches are warm, as for parents who come"
        " back), at most --warmup-max seconds in all; 2 with --warmup-max 2"
        " measures mostly first reads",
    )
    parser.add_argument("--warmup-max", type=int, default=180)
    parser.add_argument("--reuse", action="store_true", help="keep the database")
    parser.add_argument(
        "--server-dir",
        type=Path,
        default=ROOT,
        help="serve another checkout's app (e.g. the version before, for a before/after"
        " pair in the same conditions); it needs bench/api_wsgi.py",
    )
    parser.add_argument(
        "--only", nargs="*", choices=ENDPOINTS, help="these endpoints (and bare)"
    )
    args = parser.parse_args()
    refuse_shared_database(args.database)
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")
    today = datetime.now(UTC).date()
    if not args.reuse:
        recreate_database(args.database)
        build(args.database, args.users, today)
    pairs, slugs = sample(args.database, args.sample)
    endpoints = [e for e in ENDPOINTS if not args.only or e in args.only or e == "bare"]
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        server = start_gunicorn(
            args.database, args.port, args.workers, args.server_dir.resolve()
        )
        try:
            for endpoint in endpoints:
                script = None
                url = f"http://127.0.0.1:{args.port}/"
                if endpoint == "bare":
                    url += "bare/"
                else:
                    script = Path(tmp) / f"{endpoint}.lua"
                    script.write_text(lua_script(endpoint, pairs, slugs))
                    check(args.port, script)
                warmed = warm_up(
                    wrk, url, script, args.connections, args.warmup, args.warmup_max
                )
                results[endpoint] = run_wrk(
                    wrk, url, script, args.seconds, args.connections
                )
                r = results[endpoint]
                print(
                    f"{endpoint:>9}: {r['rps']:8,.0f} req/s  p50 {r['p50']:6.1f} ms  "
                    f"p99 {r['p99']:6.1f} ms  (after {warmed} s of warm-up)",
                    flush=True,
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(
        f"\n{args.workers} gunicorn sync workers, wrk -t2 -c{args.connections} "
        f"-d{args.seconds}s after a warm-up to steady state (at least "
        f"{args.warmup} s), {args.users:,} users, "
        f"{len(pairs):,} parents rotated\n"
    )
    print(table(results))
    failed = [
        n
        for n, r in results.items()
        if n not in ("bare", "health")
        and (r["rps"] < 0.5 * results["bare"]["rps"] or r["p99"] >= 50)
    ]
    if failed:
        print("\nbelow target (>= 50 % of bare, p99 < 50 ms): " + ", ".join(failed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
