"""Swagger UI's own files, served from the pinned `swagger-ui-bundle` package so the
browsable API page (/api/v1/docs) needs no CDN and works offline."""

from __future__ import annotations

from flask import Flask, Response, send_from_directory
from swagger_ui_bundle import swagger_ui_path

ASSETS = ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")
ASSETS_URL = "/api/v1/docs/assets/"


def _asset(filename: str) -> Response:
    from werkzeug.exceptions import NotFound

    if filename not in ASSETS:
        raise NotFound()
    return send_from_directory(swagger_ui_path, filename, max_age=86400)


def init_docs_assets(app: Flask) -> None:
    """Serve the few files flask-smorest's Swagger UI page asks for."""
    app.add_url_rule(
        f"{ASSETS_URL}<path:filename>", endpoint="swagger_ui_asset", view_func=_asset
    )
