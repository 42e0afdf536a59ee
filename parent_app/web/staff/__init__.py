"""The family hub staff console (/staff/), in the GOV.UK Design System."""

# Each module's routes attach to bp when it is imported.
from parent_app.web.staff import (  # noqa: F401
    articles,
    auth,
    content_pages,
    courses,
    dashboard,
    figures,
    locations,
    nudges,
    reach,
)
from parent_app.web.staff.blueprint import bp

__all__ = ["bp"]
