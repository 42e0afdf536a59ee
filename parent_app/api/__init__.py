"""HTTP API: every resource blueprint, registered under /api/v1 in one place."""

from __future__ import annotations

import importlib

from flask_smorest import Api

API_PREFIX = "/api/v1"

# One module per resource; each exposes `blp`.
RESOURCE_MODULES = [
    "health",
    "auth",
    "me",
    "babies",
    "family",
    "articles",
    "feed",
    "staff_articles",
    "staff_nudges",
    "push",
    "notifications",
    "finance",
    "entitlements",
    "leave_plans",
    "courses",
    "staff_courses",
    "openreferral",
]


def register_blueprints(api: Api) -> None:
    for name in RESOURCE_MODULES:
        module = importlib.import_module(f"parent_app.api.{name}")
        blp = module.blp
        api.register_blueprint(blp, url_prefix=API_PREFIX + (blp.url_prefix or ""))
