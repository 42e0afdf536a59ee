"""Another process of the same deployment, for the read board tests: its own app on
the same database and board file, making the writes it is told, then printing "done".

python -m tests.support.board_writer '{"config": {...}, "writes": [...]}'
"""

from __future__ import annotations

import json
import sys
from typing import Any

from config import TestingConfig


def main() -> None:
    job = json.loads(sys.argv[1])
    from parent_app import create_app
    from tests.factories import bearer, publish_article

    app = create_app({"BASE_CONFIG": TestingConfig, **job["config"]})
    client = app.test_client()
    for write in job["writes"]:
        kind = write["kind"]
        if kind == "publish":
            publish_article(app, write["slug"])
            continue
        response: Any = client.open(
            write["path"],
            method=write["method"],
            json=write.get("json"),
            headers=bearer(write["token"]),
        )
        if response.status_code >= 300:
            raise SystemExit(f"{kind}: {response.status_code} {response.get_data()!r}")
    print("done")


if __name__ == "__main__":
    main()
