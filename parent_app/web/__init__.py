"""HTML pages: the family hub staff console (/staff/) and the parent app (/), on the
same services as the JSON API."""

from __future__ import annotations

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import ChainableUndefined, ChoiceLoader, PackageLoader, PrefixLoader

from parent_app.extensions import csrf
from parent_app.web import security
from parent_app.web.errors import render_error_page
from parent_app.web.parent import bp as parent_bp
from parent_app.web.staff import bp as staff_bp

__all__ = ["init_web", "render_error_page"]


def init_web(app: Flask) -> None:
    """Templates of both design systems, CSRF, security headers, the blueprints."""
    # nhsuk-frontend-jinja's macros read optional nested parameters, which needs
    # ChainableUndefined (its README); govuk-frontend-jinja works with it too.
    app.jinja_options = {**app.jinja_options, "undefined": ChainableUndefined}
    app.jinja_loader = ChoiceLoader(  # type: ignore[assignment]
        [
            PrefixLoader(
                {
                    "govuk_frontend_jinja": PackageLoader("govuk_frontend_jinja"),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
            PackageLoader("nhsuk_frontend_jinja"),
        ]
    )
    WTFormsHelpers(app)  # wtforms_errors(form): the error summary's list, both sides
    csrf.init_app(app)
    security.init_app(app)
    app.register_blueprint(staff_bp)
    app.register_blueprint(parent_bp)
