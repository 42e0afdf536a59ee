"""The family hub staff console (/staff/), in the GOV.UK Design System."""

from parent_app.web.staff import auth  # noqa: F401 - its routes attach to bp
from parent_app.web.staff.blueprint import bp

__all__ = ["bp"]
