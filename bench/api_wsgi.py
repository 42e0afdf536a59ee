"""The WSGI app `bench.api_bench` serves with gunicorn: the parent app, and beside it
under /bare a bare Flask endpoint returning 20 small JSON items (the yardstick every
read is measured against, served by the same workers in the same run)."""

from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.middleware.dispatcher import DispatcherMiddleware

from parent_app import create_app

bare = Flask("bare")
ITEMS = [{"id": n, "name": f"item {n}", "done": n % 2 == 0} for n in range(20)]


@bare.get("/")
def bare_items():  # type: ignore[no-untyped-def]
    return jsonify(ITEMS)


app = create_app()
application = DispatcherMiddleware(app.wsgi_app, {"/bare": bare.wsgi_app})
