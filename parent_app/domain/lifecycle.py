"""The content lifecycle shared by articles, nudge rules and courses.

draft -> in_review -> published -> archived, with numbered revisions. Editing a
published item makes a pending draft while the live revision stays served until the new
one is approved (the "live + pending draft" state of mature CMSs such as Praekelt's
contentrepo and Wagtail). An editor other than the revision's author approves.
"""

from __future__ import annotations

from enum import StrEnum


class ItemStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class RevisionState(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"


class InvalidTransition(ValueError):
    """The action is not allowed from the item's current state."""

    def __init__(self, action: str, state: str) -> None:
        super().__init__(f"Cannot {action} content that is {state.replace('_', ' ')}.")
        self.action = action
        self.state = state


class SelfApprovalRefused(ValueError):
    """Nobody approves their own revision."""


def check_edit(status: ItemStatus) -> None:
    if status is ItemStatus.ARCHIVED:
        raise InvalidTransition("edit", status)


def check_submit(revision_state: RevisionState | None) -> None:
    if revision_state is not RevisionState.DRAFT:
        raise InvalidTransition("submit", revision_state or "without a draft")


def check_review(revision_state: RevisionState | None, action: str = "approve") -> None:
    if revision_state is not RevisionState.IN_REVIEW:
        raise InvalidTransition(
            action, revision_state or "without a revision in review"
        )


def check_approver(*, author_id: int | None, approver_id: int) -> None:
    if author_id is not None and author_id == approver_id:
        raise SelfApprovalRefused(
            "An editor other than the author must approve this revision."
        )


def check_archive(status: ItemStatus) -> None:
    if status is ItemStatus.ARCHIVED:
        raise InvalidTransition("archive", status)


def status_after_edit(status: ItemStatus) -> ItemStatus:
    """A new draft revision leaves a published item published (live + pending draft)."""
    return ItemStatus.PUBLISHED if status is ItemStatus.PUBLISHED else ItemStatus.DRAFT


def status_after_submit(status: ItemStatus) -> ItemStatus:
    return (
        ItemStatus.PUBLISHED if status is ItemStatus.PUBLISHED else ItemStatus.IN_REVIEW
    )


def status_after_reject(status: ItemStatus) -> ItemStatus:
    return ItemStatus.PUBLISHED if status is ItemStatus.PUBLISHED else ItemStatus.DRAFT
