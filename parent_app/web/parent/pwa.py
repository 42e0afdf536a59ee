"""What makes the parent app installable and usable offline: the web app manifest,
the service worker (served from /sw.js so its scope is the whole app) and the page
it shows for anything not cached."""

from __future__ import annotations

from pathlib import Path

from flask import Response, current_app, jsonify, render_template, url_for

from parent_app.web.parent.blueprint import bp

THEME_COLOUR = "#005eb8"


@bp.route("/manifest.webmanifest", endpoint="manifest")
def manifest():  # type: ignore[no-untyped-def]
    body = jsonify(
        {
            "name": "First 1001 Days",
            "short_name": "1001 Days",
            "description": "Help for your pregnancy and your baby's first years, from "
            "your local family hub.",
            "id": "/",
            "start_url": url_for("parent.home"),
            "scope": "/",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": THEME_COLOUR,
            "lang": "en-GB",
            "icons": [
                {
                    "src": url_for("static", filename=f"icons/icon-{size}.png"),
                    "sizes": f"{size}x{size}",
                    "type": "image/png",
                    "purpose": "any maskable",
                }
                for size in (192, 512)
            ],
        }
    )
    body.mimetype = "application/manifest+json"
    return body


@bp.route("/sw.js", endpoint="service_worker")
def service_worker():  # type: ignore[no-untyped-def]
    # Read whole (a few KB), so no file handle outlives the request.
    script = Path(current_app.static_folder or "", "js", "sw.js").read_bytes()
    return Response(
        script,
        mimetype="text/javascript",
        headers={"Service-Worker-Allowed": "/", "Cache-Control": "no-cache"},
    )


@bp.route("/offline", endpoint="offline")
def offline():  # type: ignore[no-untyped-def]
    return render_template("parent/offline.html", title="You are offline")
