"""Sending: due outbox rows enter the inbox and become push deliveries, which senders
claim in batches, push, and settle by outcome (sent, dead, retry, failed, expired).

Claiming selects a batch (`FOR UPDATE SKIP LOCKED` on PostgreSQL; SQLite serialises
writers) and marks it with a conditional UPDATE and a short lease, so that rows held by
a sender that died are taken again once the lease lapses; a working sender renews its
lease between windows (the heartbeat). A claimed batch is pushed in windows of at most
`SEND_WINDOW` messages in flight: each window's attempts are counted (and committed)
before it is pushed and its outcomes written as soon as it is done, so a sender killed
mid-wave repeats at most one window, and every repeat shows in `attempts`.
"""

from __future__ import annotations

import json
import logging
import random
import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import and_, bindparam, exists, select, update

from parent_app.domain import push_outcome, reminders
from parent_app.extensions import db
from parent_app.models import (
    DeliveryStatus,
    MutedTopic,
    NudgeOutbox,
    OutboxStatus,
    PushDelivery,
    PushSubscription,
    User,
)
from parent_app.models.figures import ReachMeasure
from parent_app.outbox.claims import LeasedRows, claim_rows
from parent_app.outbox.reach import count_reach
from parent_app.outbox.sql import insert_ignoring_duplicates
from parent_app.outbox.webpush import PushMessage, PushResult, topic_for

if TYPE_CHECKING:
    from parent_app.outbox.webpush import PushSender

log = logging.getLogger(__name__)
# Short, so that a dead sender's rows wait seconds, not minutes; a live sender renews it
# (every third of it) while it works through its batch.
CLAIM_LEASE_SECONDS = 30
# At most this many pushes in flight, and so at most this many sent twice after a crash.
SEND_WINDOW = 64
DISCREET_TITLE = "You have a new message"
DISCREET_BODY = "Open the app to read it."


@dataclass
class SendReport:
    delivered_to_inbox: int = 0
    expired: int = 0
    muted: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)


def cancel_muted(*, now: datetime) -> int:
    """Cancel due rule nudges whose topic the recipient muted after they were planned
    (the planner already skips muted topics). Personal reminders of the parent's own
    bookings and actions are not topic nudges and still go. Returns how many."""
    muted = exists().where(
        MutedTopic.user_id == NudgeOutbox.user_id, MutedTopic.topic == NudgeOutbox.topic
    )
    return int(
        db.session.execute(
            update(NudgeOutbox)
            .where(
                NudgeOutbox.status == OutboxStatus.PENDING,
                NudgeOutbox.send_after_epoch <= reminders.epoch(now),
                NudgeOutbox.rule_id.is_not(None),
                muted,
            )
            .values(status=OutboxStatus.CANCELLED)
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def release_due(*, now: datetime, batch_size: int) -> tuple[int, int]:
    """Move due outbox rows into the inbox and queue a delivery per live subscription.
    Idempotent: two schedulers doing this at once queue each delivery once. Returns
    (delivered to inbox, expired)."""
    now_epoch = reminders.epoch(now)
    expired = expire_overdue(now_epoch)
    ids = due_outbox_ids(now_epoch, batch_size)
    if not ids:
        return 0, expired
    queue_deliveries(ids, now_epoch)
    return mark_delivered(ids, now=now), expired


def expire_overdue(now_epoch: int) -> int:
    """A pending nudge past its window will never be useful: it expires unsent."""
    return int(
        db.session.execute(
            update(NudgeOutbox)
            .where(
                NudgeOutbox.status == OutboxStatus.PENDING,
                NudgeOutbox.expires_epoch < now_epoch,
            )
            .values(status=OutboxStatus.EXPIRED)
        ).rowcount
    )


def due_outbox_ids(now_epoch: int, batch_size: int) -> list[int]:
    """The oldest pending nudges whose send time has come, at most `batch_size`."""
    return list(
        db.session.scalars(
            select(NudgeOutbox.id)
            .where(
                NudgeOutbox.status == OutboxStatus.PENDING,
                NudgeOutbox.send_after_epoch <= now_epoch,
            )
            .order_by(NudgeOutbox.send_after_epoch, NudgeOutbox.id)
            .limit(batch_size)
        )
    )


def queue_deliveries(outbox_ids: list[int], now_epoch: int) -> None:
    """One pending push delivery per nudge and live subscription of its recipient,
    due now; a delivery already queued is left as it is."""
    source = (
        select(
            NudgeOutbox.id,
            PushSubscription.id,
            bindparam("status", DeliveryStatus.PENDING.value),
            bindparam("attempts", 0),
            bindparam("next_attempt", now_epoch),
        )
        .join(
            PushSubscription,
            and_(
                PushSubscription.user_id == NudgeOutbox.user_id,
                PushSubscription.is_active.is_(True),
            ),
        )
        .where(NudgeOutbox.id.in_(outbox_ids))
    )
    columns = [
        "outbox_id",
        "subscription_id",
        "status",
        "attempts",
        "next_attempt_epoch",
    ]
    db.session.execute(
        insert_ignoring_duplicates(
            PushDelivery.__table__, ["outbox_id", "subscription_id"]
        ).from_select(columns, source)
    )


def mark_delivered(outbox_ids: list[int], *, now: datetime) -> int:
    """The nudges are in their recipients' inboxes from `now`. Returns how many were
    still pending (another scheduler may have moved the rest)."""
    delivered = list(
        db.session.scalars(
            update(NudgeOutbox)
            .where(
                NudgeOutbox.id.in_(outbox_ids),
                NudgeOutbox.status == OutboxStatus.PENDING,
            )
            .values(status=OutboxStatus.DELIVERED, delivered_at=now)
            .returning(NudgeOutbox.id)
            .execution_options(synchronize_session=False)
        )
    )
    # The anonymous reach figures count exactly the rows this update moved.
    count_reach(ReachMeasure.IN_INBOX, delivered)
    return len(delivered)


DELIVERY_LEASES = LeasedRows(
    model=PushDelivery,
    status=PushDelivery.status,
    due=PushDelivery.next_attempt_epoch,
    claim_token=PushDelivery.claim_token,
    claimed_until=PushDelivery.claimed_until_epoch,
    pending=DeliveryStatus.PENDING,
    sending=DeliveryStatus.SENDING,
)


@dataclass(frozen=True)
class ClaimedDelivery:
    """What a sender needs of one claimed delivery, read in one joined query."""

    id: int
    attempts: int
    subscription_id: int
    endpoint: str
    p256dh: str
    auth: str
    is_active: bool
    outbox_id: int
    outbox_key: str
    outbox_status: str
    expires_epoch: int
    title: str
    body: str
    article_slug: str | None
    ttl_seconds: int
    urgency: str
    claim_token: str = ""
    milestone: str | None = None
    # The recipient asked for discreet notifications (a shared phone, or fear of being
    # watched): the push says only that there is a message.
    discreet: bool = False


def claim_deliveries(
    *, now: datetime, batch_size: int, lease_seconds: int = CLAIM_LEASE_SECONDS
) -> list[ClaimedDelivery]:
    """Claim up to `batch_size` deliveries that are due (or whose claim lapsed) for
    `lease_seconds`; commits."""
    now_epoch = reminders.epoch(now)
    token = secrets.token_hex(16)
    claimed = claim_rows(
        DELIVERY_LEASES,
        now=now_epoch,
        until=now_epoch + lease_seconds,
        batch_size=batch_size,
        token=token,
    )
    db.session.commit()
    return read_claimed(token) if claimed else []


def read_claimed(token: str) -> list[ClaimedDelivery]:
    """Everything a sender needs of the deliveries it holds under `token`: the
    subscription, the nudge and whether its recipient wants discreet pushes."""
    rows = db.session.execute(
        select(
            PushDelivery.id,
            PushDelivery.attempts,
            PushSubscription.id,
            PushSubscription.endpoint,
            PushSubscription.p256dh,
            PushSubscription.auth,
            PushSubscription.is_active,
            NudgeOutbox.id,
            NudgeOutbox.key,
            NudgeOutbox.status,
            NudgeOutbox.expires_epoch,
            NudgeOutbox.title,
            NudgeOutbox.body,
            NudgeOutbox.article_slug,
            NudgeOutbox.ttl_seconds,
            NudgeOutbox.urgency,
            NudgeOutbox.milestone,
            User.discreet,
        )
        .join(PushSubscription, PushSubscription.id == PushDelivery.subscription_id)
        .join(NudgeOutbox, NudgeOutbox.id == PushDelivery.outbox_id)
        .join(User, User.id == NudgeOutbox.user_id)
        .where(PushDelivery.claim_token == token)
    ).all()
    return [
        ClaimedDelivery(
            *row[:9],
            str(getattr(row[9], "value", row[9])),
            *row[10:16],
            claim_token=token,
            milestone=row[16],
            discreet=bool(row[17]),
        )
        for row in rows
    ]


# What a parent can tick from a reminder, most useful first (browsers show 2 or more).
PUSH_ACTIONS = (("done", "Done"), ("booked", "Booked"), ("not_for_us", "Not for us"))


def payload_for(delivery: ClaimedDelivery) -> bytes:
    """The JSON the app's service worker shows (title, body, where a tap leads). For a
    discreet recipient: a generic title and body, a tag that names nothing, and a tap
    that opens the inbox."""
    if delivery.discreet:
        discreet: dict[str, object] = {
            "title": DISCREET_TITLE,
            "body": DISCREET_BODY,
            "notification_id": delivery.outbox_id,
            "tag": f"n{delivery.outbox_id}",
            "url": "/notifications",
        }
        return json.dumps(discreet, separators=(",", ":")).encode()
    body: dict[str, object] = {
        "title": delivery.title,
        "body": delivery.body,
        "notification_id": delivery.outbox_id,
        "tag": delivery.outbox_key,
    }
    if delivery.article_slug:
        body["url"] = f"/articles/{delivery.article_slug}"
    milestone = getattr(delivery, "milestone", None)
    if milestone:
        # The service worker shows these as buttons and posts the one tapped to
        # /api/v1/notifications/{notification_id}/actions/{action}.
        body["milestone"] = milestone
        body["actions"] = [
            {"action": action, "title": title} for action, title in PUSH_ACTIONS
        ]
    return json.dumps(body, separators=(",", ":")).encode()


def _settle(rows: list[dict[str, object]]) -> None:
    """Write many deliveries' outcomes in one executemany. A delivery whose lease lapsed
    and that another sender claimed since is left to that sender's outcome."""
    if not rows:
        return
    table = PushDelivery.__table__
    db.session.execute(
        update(table)
        .where(
            table.c.id == bindparam("b_id"), table.c.claim_token == bindparam("b_token")
        )
        .values(
            status=bindparam("b_status"),
            attempts=bindparam("b_attempts"),
            last_status=bindparam("b_last_status"),
            last_error=bindparam("b_last_error"),
            next_attempt_epoch=bindparam("b_next"),
            sent_at=bindparam("b_sent_at"),
            claim_token=None,
        ),
        rows,
    )


@dataclass
class Settlement:
    """The outcomes of one claimed batch, gathered before one write."""

    now: datetime
    rows: list[dict[str, object]] = field(default_factory=list)
    outcomes: Counter[str] = field(default_factory=Counter)
    dead_subscriptions: set[int] = field(default_factory=set)
    sent: dict[int, int] = field(default_factory=dict)  # delivery id -> outbox id

    def settle(
        self,
        d: ClaimedDelivery,
        status: DeliveryStatus,
        *,
        attempts: int,
        last_status: int | None = None,
        error: str | None = None,
        next_epoch: int | None = None,
    ) -> None:
        self.outcomes[status.value] += 1
        if status is DeliveryStatus.SENT:
            self.sent[d.id] = d.outbox_id
        self.rows.append(
            {
                "b_id": d.id,
                "b_token": d.claim_token,
                "b_status": status.value,
                "b_attempts": attempts,
                "b_last_status": last_status,
                "b_last_error": error,
                "b_next": next_epoch
                if next_epoch is not None
                else reminders.epoch(self.now),
                "b_sent_at": self.now if status is DeliveryStatus.SENT else None,
            }
        )


def settle_unsendable(
    deliveries: list[ClaimedDelivery], settlement: Settlement
) -> list[ClaimedDelivery]:
    """Settle what must not be pushed (its nudge cancelled, expired or no longer in the
    inbox, its subscription gone) without an attempt; return the rest."""
    now_epoch = reminders.epoch(settlement.now)
    to_send: list[ClaimedDelivery] = []
    for delivery in deliveries:
        if delivery.outbox_status == OutboxStatus.CANCELLED.value:
            settlement.settle(
                delivery, DeliveryStatus.CANCELLED, attempts=delivery.attempts
            )
        elif (
            delivery.outbox_status != OutboxStatus.DELIVERED.value
            or delivery.expires_epoch < now_epoch
        ):
            settlement.settle(
                delivery, DeliveryStatus.EXPIRED, attempts=delivery.attempts
            )
        elif not delivery.is_active:
            settlement.settle(delivery, DeliveryStatus.DEAD, attempts=delivery.attempts)
        else:
            to_send.append(delivery)
    return to_send


def push_batch(
    deliveries: list[ClaimedDelivery], sender: PushSender
) -> dict[str, PushResult]:
    """Push each delivery once; its result by delivery id (missing: no result)."""
    messages = [
        PushMessage(
            endpoint=d.endpoint,
            p256dh=d.p256dh,
            auth=d.auth,
            payload=payload_for(d),
            ttl_seconds=d.ttl_seconds,
            urgency=d.urgency,
            topic=topic_for(d.outbox_key),
            key=str(d.id),
        )
        for d in deliveries
    ]
    if not messages:
        return {}
    return {str(r.key): r for r in sender.send_batch(messages)}


def settle_result(
    delivery: ClaimedDelivery,
    result: PushResult | None,
    settlement: Settlement,
    *,
    rng: random.Random,
    max_attempts: int,
) -> None:
    """Settle one pushed delivery by its outcome: 2xx sent, 404/410 dead (and its
    subscription deactivated), 429/5xx/no answer retried later, other 4xx failed."""
    status = result.status if result else None
    attempts = delivery.attempts + 1
    outcome = push_outcome.classify(
        status,
        result.retry_after if result else None,
        attempts,
        settlement.now,
        max_attempts=max_attempts,
        rng=rng,
    )
    error = result.error if result else "no result"
    if outcome.kind == "sent":
        settlement.settle(
            delivery, DeliveryStatus.SENT, attempts=attempts, last_status=status
        )
    elif outcome.kind == "dead":
        settlement.dead_subscriptions.add(delivery.subscription_id)
        settlement.settle(
            delivery,
            DeliveryStatus.DEAD,
            attempts=attempts,
            last_status=status,
            error=error,
        )
    elif outcome.kind == "retry" and outcome.retry_at is not None:
        settlement.outcomes["retry"] += 1
        settlement.outcomes[DeliveryStatus.PENDING.value] -= 1
        settlement.settle(
            delivery,
            DeliveryStatus.PENDING,
            attempts=attempts,
            last_status=status,
            error=error,
            next_epoch=reminders.epoch(outcome.retry_at),
        )
    else:
        settlement.settle(
            delivery,
            DeliveryStatus.FAILED,
            attempts=attempts,
            last_status=status,
            error=error,
        )


def write_settlement(settlement: Settlement) -> None:
    """Write every outcome of the batch, deactivate the dead subscriptions and count
    the nudges pushed to a device for the first time."""
    _settle(settlement.rows)
    _count_first_pushes(settlement.sent, settlement.now)
    if settlement.dead_subscriptions:
        db.session.execute(
            update(PushSubscription)
            .where(PushSubscription.id.in_(settlement.dead_subscriptions))
            .values(is_active=False, deactivated_at=settlement.now)
        )


def _count_first_pushes(sent: dict[int, int], now: datetime) -> None:
    """The nudges this batch pushed to a device for the first time: a delivery this
    sender settled as sent (one taken over by another sender is not), and no other
    delivery of the same nudge sent before."""
    if not sent:
        return
    ours = list(sent)
    other_sent = (
        select(PushDelivery.id)
        .where(
            PushDelivery.outbox_id == NudgeOutbox.id,
            PushDelivery.status == DeliveryStatus.SENT,
            PushDelivery.id.not_in(ours),
        )
        .exists()
    )
    first = db.session.scalars(
        select(NudgeOutbox.id).where(
            NudgeOutbox.id.in_(set(sent.values())),
            NudgeOutbox.rule_id.is_not(None),
            select(PushDelivery.id)
            .where(
                PushDelivery.outbox_id == NudgeOutbox.id,
                PushDelivery.status == DeliveryStatus.SENT,
                PushDelivery.id.in_(ours),
                PushDelivery.sent_at == now,
            )
            .exists(),
            ~other_sent,
        )
    )
    count_reach(ReachMeasure.PUSHED, first)


def renew_lease(token: str, *, now: datetime, lease_seconds: int) -> int:
    """The heartbeat: extend the lease of every delivery still held under `token`.
    Returns how many it still holds."""
    return int(
        db.session.execute(
            update(PushDelivery)
            .where(
                PushDelivery.claim_token == token,
                PushDelivery.status == DeliveryStatus.SENDING,
            )
            .values(claimed_until_epoch=reminders.epoch(now) + lease_seconds)
            .execution_options(synchronize_session=False)
        ).rowcount
    )


def count_attempts(window: list[ClaimedDelivery]) -> list[ClaimedDelivery]:
    """Count one attempt for each delivery of the window that this sender still holds,
    before pushing it, so an attempt is recorded even if the sender dies mid-push.
    Returns the deliveries still held (one whose lease lapsed and that another sender
    took is left to that sender, unpushed)."""
    if not window:
        return []
    held = set(
        db.session.scalars(
            update(PushDelivery)
            .where(
                PushDelivery.id.in_([d.id for d in window]),
                PushDelivery.claim_token == window[0].claim_token,
                PushDelivery.status == DeliveryStatus.SENDING,
            )
            .values(attempts=PushDelivery.attempts + 1)
            .returning(PushDelivery.id)
            .execution_options(synchronize_session=False)
        )
    )
    return [d for d in window if d.id in held]


def send_claimed(
    deliveries: list[ClaimedDelivery],
    sender: PushSender,
    *,
    now: datetime,
    rng: random.Random,
    max_attempts: int,
    window: int = SEND_WINDOW,
    lease_seconds: int = CLAIM_LEASE_SECONDS,
    clock: Callable[[], datetime] | None = None,
) -> Counter[str]:
    """Push each claimed delivery once, `window` at a time, and settle each window's
    outcomes as soon as it is done; the lease is renewed between windows. Commits
    after counting each window's attempts and after settling it."""
    read_clock = clock or (lambda: now)
    outcomes: Counter[str] = Counter()
    settlement = Settlement(now=now)
    to_send = settle_unsendable(deliveries, settlement)
    write_settlement(settlement)
    db.session.commit()
    outcomes.update(settlement.outcomes)
    renewed_at = now
    for start in range(0, len(to_send), window):
        moment = read_clock()
        if (moment - renewed_at).total_seconds() * 3 >= lease_seconds:
            renew_lease(to_send[0].claim_token, now=moment, lease_seconds=lease_seconds)
            renewed_at = moment
        held = count_attempts(to_send[start : start + window])
        db.session.commit()
        results = push_batch(held, sender)
        settlement = Settlement(now=read_clock())
        for delivery in held:
            settle_result(
                delivery,
                results.get(str(delivery.id)),
                settlement,
                rng=rng,
                max_attempts=max_attempts,
            )
        write_settlement(settlement)
        db.session.commit()
        outcomes.update(settlement.outcomes)
    return +outcomes


def release_all_due(
    report: SendReport, *, clock: Callable[[], datetime], batch_size: int
) -> None:
    """Release due nudges into the inbox a batch at a time (committing each) until
    none is left, counting them and the expired ones in `report`."""
    while True:
        delivered, expired = release_due(now=clock(), batch_size=batch_size)
        db.session.commit()
        report.delivered_to_inbox += delivered
        report.expired += expired
        if delivered == 0:
            return


def send_due_pushes(
    sender: PushSender,
    *,
    now: datetime | None = None,
    clock: Callable[[], datetime] | None = None,
    batch_size: int = 1000,
    max_attempts: int = 8,
    max_batches: int | None = None,
    rng: random.Random | None = None,
    window: int = SEND_WINDOW,
    lease_seconds: int = CLAIM_LEASE_SECONDS,
) -> SendReport:
    """One sending pass: release what is due into the inbox, then claim and push in
    batches until nothing is due. Safe to run in several processes at once.

    The caller gives the time: a fixed `now`, or a `clock` read again before each
    batch (the send job passes the wall clock, so a long pass keeps its leases true)."""
    if clock is None:
        if now is None:
            raise TypeError("send_due_pushes needs now= or clock=")
        fixed = now

        def clock() -> datetime:
            return fixed

    report = SendReport()
    report.muted = cancel_muted(now=clock())
    release_all_due(report, clock=clock, batch_size=batch_size)
    batches = 0
    rng = rng or random.Random()
    while max_batches is None or batches < max_batches:
        moment = clock()
        claimed = claim_deliveries(
            now=moment, batch_size=batch_size, lease_seconds=lease_seconds
        )
        if not claimed:
            break
        report.outcomes.update(
            send_claimed(
                claimed,
                sender,
                now=moment,
                rng=rng,
                max_attempts=max_attempts,
                window=window,
                lease_seconds=lease_seconds,
                clock=clock,
            )
        )
        batches += 1
    log.info(
        "nudges send: %s in inbox, %s expired, %s muted, pushes %s",
        report.delivered_to_inbox,
        report.expired,
        report.muted,
        dict(report.outcomes),
    )
    return report
