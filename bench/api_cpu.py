"""CPU time and SQL statements per read, one request at a time in one process (the
Flask test client, production configuration), on the database `bench.api_bench`
built. Less sensitive than wrk to other work on a shared machine: it counts what one
request costs this process, not how long it waited for a core.

    python -m bench.api_bench --users 100000    # once, to build bench_api
    python -m bench.api_cpu [--requests 300]
"""

from __future__ import annotations

import argparse
import time
from typing import Any

from bench.api_bench import DEFAULT_DATABASE, TOKEN_PREFIX, sample, sqlalchemy_url


def main() -> int:
    from sqlalchemy import event

    from bench.api_wsgi import bare
    from config import ProductionConfig
    from parent_app import create_app
    from parent_app.extensions import db
    from parent_app.secrets import generate_vapid_keys

    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default=DEFAULT_DATABASE)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--only", nargs="*", help="these endpoints")
    args = parser.parse_args()
    private, public = generate_vapid_keys()
    app = create_app(
        {
            "BASE_CONFIG": ProductionConfig,
            "SQLALCHEMY_DATABASE_URI": sqlalchemy_url(args.database),
            "SECRET_KEY": "bench-secret-key-not-for-production",
            "VAPID_PRIVATE_KEY": private,
            "VAPID_PUBLIC_KEY": public,
            "MAIL_URL": "smtp+plain://127.0.0.1:1",
            "PUBLIC_BASE_URL": "https://app.example.org",
            "TESTING": False,
        }
    )
    pairs, slugs = sample(args.database, args.requests)
    paths: dict[str, Any] = {
        "bare": lambda u, b, n: "/",
        "health": lambda u, b, n: "/api/v1/health",
        "me": lambda u, b, n: "/api/v1/me",
        "article": lambda u, b, n: f"/api/v1/articles/{slugs[n % len(slugs)]}",
        "timeline": lambda u, b, n: f"/api/v1/babies/{b}/timeline",
        "articles": lambda u, b, n: "/api/v1/articles?limit=20",
        "feed": lambda u, b, n: f"/api/v1/feed?baby_id={b}",
    }
    statements = [0]

    def count(*_: Any) -> None:
        statements[0] += 1

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", count)
    print("| endpoint | CPU per request | SQL statements per request |")
    print("|---|---|---|")
    for name, path in paths.items():
        if args.only and name not in args.only:
            continue
        client = (bare if name == "bare" else app).test_client()
        # The first rounds warm the caches: a worker keeps a sign-in from its second
        # use (the first only learns whose token it is).
        for _ in range(3):
            statements[0] = 0
            cpu = time.process_time()
            for n, (user_id, baby_id) in enumerate(pairs):
                response = client.get(
                    path(user_id, baby_id, n),
                    headers={"Authorization": f"Bearer {TOKEN_PREFIX}{user_id}"},
                )
                assert response.status_code == 200, response.get_data()[:200]
            cpu = time.process_time() - cpu
        print(
            f"| {name} | {1000 * cpu / len(pairs):.2f} ms | "
            f"{statements[0] / len(pairs):.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
