"""The one error the leave-and-pay rules raise for input they cannot work with."""

from __future__ import annotations


class LeavePayError(ValueError):
    """An input breaks a rule; `field` names it (dotted for nested fields).

    The message is plain English for a parent or an employer, so the API can return it
    as a per-field 422 without rewording.
    """

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
