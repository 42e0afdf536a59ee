"""The parent app (/), mobile-first, in the NHS.UK frontend."""

from parent_app.web.parent import auth  # noqa: F401 - its routes attach to bp
from parent_app.web.parent.blueprint import bp

__all__ = ["bp"]
