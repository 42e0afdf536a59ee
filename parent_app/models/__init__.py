"""Every model module, imported so that Alembic and create_all see every table."""

from parent_app.models.accounts import (
    AccountLink,
    ApiToken,
    Area,
    AuditEntry,
    LinkPurpose,
    Role,
    StaffArea,
    User,
)
from parent_app.models.content import Article, ContentItem, ContentRevision
from parent_app.models.courses import (
    Booking,
    BookingStatus,
    Course,
    CourseSession,
    Location,
    SessionStatus,
)
from parent_app.models.families import Baby, BabyStatus, FamilyInvite, Household
from parent_app.models.figures import (
    CourseReachFigure,
    HouseholdFigure,
    MilestoneCutFigure,
    MilestoneDenominator,
    MilestoneFigure,
    MilestoneWindowMark,
    NudgeReachFigure,
)
from parent_app.models.finance import FinanceAction, FinanceReview
from parent_app.models.leave_plans import LeavePlan
from parent_app.models.mail import MailMessage, MailStatus
from parent_app.models.milestones import BabyMilestone, Milestone
from parent_app.models.nudges import (
    DeliveryStatus,
    FamilyToReplan,
    MutedTopic,
    NudgeOutbox,
    NudgePlanMark,
    NudgeRule,
    OutboxStatus,
    PushDelivery,
    PushSubscription,
)

__all__ = [
    "AccountLink",
    "ApiToken",
    "Article",
    "ContentItem",
    "ContentRevision",
    "Area",
    "AuditEntry",
    "Baby",
    "BabyMilestone",
    "BabyStatus",
    "Booking",
    "BookingStatus",
    "Course",
    "CourseReachFigure",
    "CourseSession",
    "Location",
    "FamilyInvite",
    "FamilyToReplan",
    "DeliveryStatus",
    "FinanceAction",
    "FinanceReview",
    "Household",
    "HouseholdFigure",
    "LeavePlan",
    "Milestone",
    "MilestoneCutFigure",
    "MilestoneDenominator",
    "MilestoneFigure",
    "MilestoneWindowMark",
    "NudgeReachFigure",
    "LinkPurpose",
    "MailMessage",
    "MailStatus",
    "MutedTopic",
    "NudgeOutbox",
    "NudgePlanMark",
    "NudgeRule",
    "OutboxStatus",
    "PushDelivery",
    "PushSubscription",
    "Role",
    "SessionStatus",
    "StaffArea",
    "User",
]
