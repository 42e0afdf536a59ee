"""A user's data: exported as JSON on request, erased on request
(UK GDPR arts. 15, 17)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from decimal import Decimal
from enum import Enum
from typing import Any

from sqlalchemy import delete, func, inspect, select

from parent_app.accounts.passwords import verify_password
from parent_app.errors import Unauthorized
from parent_app.extensions import db
from parent_app.families.visibility import finance_reviews_visible_to
from parent_app.models import (
    AccountLink,
    ApiToken,
    Baby,
    BabyStatus,
    Household,
    MailMessage,
    MutedTopic,
    NudgeOutbox,
    PushSubscription,
    User,
)
from parent_app.models.finance import FinanceReview
from parent_app.models.leave_plans import LeavePlan
from parent_app.privacy.registry import PersonalData, personal_data

# Hashes say nothing to a person; a waiting mail's bodies hold a live single-use link.
SKIPPED_COLUMNS = {
    "password_hash",
    "token_hash",
    "code_hash",
    "text_body",
    "html_body",
    "claim_token",
}

# The account's own tables; other domains declare theirs beside their models (create_app
# registers them all).
CORE_PERSONAL_DATA = (
    PersonalData("account", lambda user: select(User).where(User.id == user.id)),
    PersonalData(
        "household",
        lambda user: select(Household).where(Household.id == user.household_id),
    ),
    PersonalData(
        "babies",
        lambda user: select(Baby).where(Baby.household_id == user.household_id),
    ),
    PersonalData(
        "tokens", lambda user: select(ApiToken).where(ApiToken.user_id == user.id)
    ),
    PersonalData(
        "muted_topics",
        lambda user: select(MutedTopic).where(MutedTopic.user_id == user.id),
    ),
    PersonalData(
        "notifications",
        lambda user: select(NudgeOutbox).where(NudgeOutbox.user_id == user.id),
    ),
    PersonalData(
        "finance_reviews",
        lambda user: select(FinanceReview).where(finance_reviews_visible_to(user)),
    ),
    PersonalData(
        "leave_plans",
        lambda user: select(LeavePlan).where(LeavePlan.user_id == user.id),
    ),
    PersonalData(
        "account_links",
        lambda user: select(AccountLink).where(AccountLink.user_id == user.id),
    ),
    PersonalData(
        "mail",
        lambda user: select(MailMessage).where(MailMessage.user_id == user.id),
    ),
    PersonalData(
        "push_subscriptions",
        lambda user: select(PushSubscription).where(
            PushSubscription.user_id == user.id
        ),
    ),
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    return value


def row_to_dict(row: Any) -> dict[str, Any]:
    mapper = inspect(row).mapper
    return {
        column.key: _jsonable(getattr(row, column.key))
        for column in mapper.column_attrs
        if column.key not in SKIPPED_COLUMNS
    }


def export_user_data(user: User, *, now: datetime) -> dict[str, Any]:
    """Every row about the user and their household that they may see."""
    data: dict[str, Any] = {"exported_at": now.isoformat()}
    for entry in personal_data():
        data[entry.name] = [
            row_to_dict(row) for row in db.session.scalars(entry.select_for_user(user))
        ]
    return data


def erase_user(user: User, *, password: str) -> None:
    """Erase the account; the household and its babies go too when no adult is left.

    Rows elsewhere refer to users and households with ON DELETE CASCADE or SET NULL, so
    one delete removes everything personal and leaves only anonymous counts.
    """
    if not verify_password(user.password_hash, password):
        raise Unauthorized("The password is not right.", code="invalid_credentials")
    household_id = user.household_id
    db.session.delete(user)
    db.session.flush()
    if household_id is not None:
        remaining = db.session.scalar(
            select(func.count())
            .select_from(User)
            .where(User.household_id == household_id)
        )
        if not remaining:
            db.session.execute(delete(Household).where(Household.id == household_id))
    db.session.expire_all()


def purge_expired_households(*, today: date, grace_days: int) -> int:
    """Delete households whose youngest child passed the 1001 days plus `grace_days`,
    and households whose only pregnancies are long past their due date with nothing
    recorded."""
    from parent_app.domain.daynum import to_day
    from parent_app.domain.pregnancy import FIRST_1001_DAYS_AFTER_BIRTH

    cutoff_day = to_day(
        today - timedelta(days=FIRST_1001_DAYS_AFTER_BIRTH + grace_days)
    )
    youngest = (
        select(
            Baby.household_id,
            func.max(func.coalesce(Baby.birth_day, Baby.due_day)).label("d"),
        )
        .group_by(Baby.household_id)
        .subquery()
    )
    expired_ids = list(
        db.session.scalars(
            select(youngest.c.household_id).where(youngest.c.d < cutoff_day)
        )
    )
    if not expired_ids:
        return 0
    db.session.execute(delete(User).where(User.household_id.in_(expired_ids)))
    db.session.execute(delete(Household).where(Household.id.in_(expired_ids)))
    return len(expired_ids)


__all__ = ["BabyStatus", "erase_user", "export_user_data", "purge_expired_households"]
