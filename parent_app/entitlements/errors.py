"""Turning a leave-and-pay rule's refusal of an input into a per-field 422."""

from __future__ import annotations

from typing import Any

from parent_app.domain.leave_pay import LeavePayError
from parent_app.errors import ValidationFailed


def validation_failed(error: LeavePayError) -> ValidationFailed:
    """A 422 whose `fields` nest like the request body ("earnings.last_normal_payday"
    becomes {"earnings": {"last_normal_payday": [message]}}), as schema errors do."""
    *parents, leaf = error.field.split(".")
    fields: dict[str, Any] = {leaf: [error.message]}
    for name in reversed(parents):
        fields = {name: fields}
    return ValidationFailed(fields=fields)
