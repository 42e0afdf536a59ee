"""One web worker for the rate-limit tests: its own app and limiter storage connection,
a few failed sign-ins, their status codes printed as JSON.

python -m tests.support.limit_worker --storage URI --prefix P --limit "3 per minute" N
"""

from __future__ import annotations

import argparse
import json

from config import TestingConfig


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--storage", required=True)
    parser.add_argument("--prefix", required=True)
    parser.add_argument("--limit", required=True)
    parser.add_argument("attempts", type=int)
    args = parser.parse_args()

    from parent_app import create_app
    from parent_app.extensions import db

    app = create_app(
        {
            "BASE_CONFIG": TestingConfig,
            "SQLALCHEMY_DATABASE_URI": "sqlite://",
            "RATELIMIT_STORAGE_URI": args.storage,
            "RATELIMIT_KEY_PREFIX": args.prefix,
            "RATELIMIT_AUTH": args.limit,
            "RATELIMIT_LOGIN_ACCOUNT": args.limit,
            "RATELIMIT_LOGIN_ADDRESS": args.limit,
        }
    )
    with app.app_context():
        db.create_all()
    client = app.test_client()
    statuses = [
        client.post(
            "/api/v1/auth/login",
            json={"email": "someone@example.org", "password": "not the password"},
        ).status_code
        for _ in range(args.attempts)
    ]
    print(json.dumps(statuses))


if __name__ == "__main__":
    main()
