"""The parent app (/), mobile-first, in the NHS.UK frontend."""

from parent_app.web.parent import (  # noqa: F401 - their routes attach to bp
    account_recovery,
    articles,
    auth,
    baby,
    courses,
    data,
    family,
    leave,
    milestones,
    money,
    notifications,
    pwa,
    sign_ins,
    signup,
    week,
)
from parent_app.web.parent.blueprint import bp

__all__ = ["bp"]
