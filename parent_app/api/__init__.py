"""HTTP API: the Api object and every resource blueprint, registered under /api/v1 in
one place.

`api` is unbound here; create_app binds it (`init_api`). Each resource module exposes
`blp` and is imported by name below, so the list of endpoints is the import list.
"""

from __future__ import annotations

from flask import Flask

from parent_app.api import (
    articles,
    auth,
    babies,
    courses,
    entitlements,
    family,
    feed,
    finance,
    health,
    leave_plans,
    locations,
    me,
    milestones,
    notifications,
    openreferral,
    push,
    sessions,
    staff_accounts,
    staff_articles,
    staff_courses,
    staff_figures,
    staff_locations,
    staff_nudges,
)
from parent_app.api.common import (
    RowIdConverter,
    install_read_only_sessions,
    row_id_param_schema,
)
from parent_app.api.docs_assets import init_docs_assets
from parent_app.api.errors_api import Api

API_PREFIX = "/api/v1"

api = Api()
api.register_converter(RowIdConverter, row_id_param_schema)

# In the order their blueprints are registered (the OpenAPI document follows it).
RESOURCE_MODULES = [
    health,
    auth,
    me,
    sessions,
    babies,
    milestones,
    family,
    articles,
    feed,
    staff_articles,
    staff_accounts,
    staff_nudges,
    push,
    notifications,
    finance,
    entitlements,
    leave_plans,
    courses,
    staff_courses,
    locations,
    staff_locations,
    staff_figures,
    openreferral,
]


def init_api(app: Flask) -> None:
    """Bind the Api to `app` and register every resource blueprint."""
    app.url_map.converters["int"] = RowIdConverter
    install_read_only_sessions()
    api.init_app(app)
    init_docs_assets(app)
    api.spec.components.security_scheme(
        "bearerAuth",
        {"type": "http", "scheme": "bearer", "bearerFormat": "opaque token"},
    )
    for module in RESOURCE_MODULES:
        blp = module.blp
        api.register_blueprint(blp, url_prefix=API_PREFIX + (blp.url_prefix or ""))
