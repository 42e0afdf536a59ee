"""Reminders: the inbox, one reminder, the reminder settings, and the push
subscription that "Turn on reminders" posts (the same service as the API's)."""

from __future__ import annotations

from flask import current_app, g, jsonify, redirect, render_template, request, url_for
from flask_wtf.csrf import generate_csrf

from parent_app.accounts import users
from parent_app.content.vocab import ARTICLE_TOPICS
from parent_app.errors import AppError, ValidationFailed
from parent_app.extensions import db
from parent_app.outbox import inbox, subscriptions
from parent_app.web.parent.blueprint import bp
from parent_app.web.parent.common import now_utc, show_errors
from parent_app.web.parent.forms import ReminderSettingsForm, choices
from parent_app.web.session import sign_in_required

PAGE_SIZE = 30


@bp.route("/notifications", endpoint="notifications")
@sign_in_required("parent")
def notification_list():  # type: ignore[no-untyped-def]
    after = request.args.get("after", type=int)
    rows = list(
        db.session.scalars(
            inbox.list_notifications(
                g.current_user, after_id=after, unread_only=False
            ).limit(PAGE_SIZE + 1)
        )
    )
    return render_template(
        "parent/notifications.html",
        title="Reminders",
        notifications=rows[:PAGE_SIZE],
        next_after=rows[PAGE_SIZE - 1].id if len(rows) > PAGE_SIZE else None,
    )


@bp.route("/notifications/<int:notification_id>", endpoint="notification")
@sign_in_required("parent")
def notification(notification_id: int):  # type: ignore[no-untyped-def]
    """One reminder (where a tap on a push without an article lands); opening it
    marks it read, as opening an email does."""
    row = inbox.mark_read(g.current_user, notification_id, now=now_utc())
    db.session.commit()
    return render_template(
        "parent/notification.html",
        title=row.title,
        notification=row,
        nav="parent.notifications",
    )


@bp.route(
    "/notifications/settings", methods=["GET", "POST"], endpoint="reminder_settings"
)
@sign_in_required("parent")
def reminder_settings():  # type: ignore[no-untyped-def]
    user = g.current_user
    form = ReminderSettingsForm(
        data={
            "reminder_time": user.reminder_time,
            "quiet_start": user.quiet_start,
            "quiet_end": user.quiet_end,
            "timezone": user.timezone,
            "muted_topics": user.muted_topics,
            "discreet": user.discreet,
        }
    )
    form.muted_topics.choices = choices(
        [(k, v) for k, v in ARTICLE_TOPICS.items() if k != "loss-support"]
    )
    if form.validate_on_submit():
        quiet = (
            {"start": form.quiet_start.data, "end": form.quiet_end.data}
            if form.quiet_start.data
            else None
        )
        try:
            users.update_profile(
                user,
                {
                    "reminder_time": form.reminder_time.data,
                    "quiet_hours": quiet,
                    "timezone": (form.timezone.data or "").strip(),
                    "muted_topics": form.muted_topics.data or [],
                    "discreet": bool(form.discreet.data),
                },
                now=now_utc(),
            )
        except AppError as error:
            db.session.rollback()
            show_errors(form, error)
        else:
            db.session.commit()
            return redirect(url_for("parent.notifications", saved=1))
    return render_template(
        "parent/reminder_settings.html",
        form=form,
        title="Reminder settings",
        nav="parent.notifications",
    )


@bp.route("/push/setup", endpoint="push_setup")
@sign_in_required("parent")
def push_setup():  # type: ignore[no-untyped-def]
    """What the page's script (and the service worker, when the push service renews a
    subscription) needs to subscribe: the VAPID key and a CSRF token for the post.
    A cross-site page cannot read this (same-origin policy)."""
    return jsonify(
        vapid_public_key=current_app.config["VAPID_PUBLIC_KEY"],
        csrf_token=generate_csrf(),
    )


def _subscription_json() -> dict[str, str]:
    data = request.get_json(silent=True)
    if not isinstance(data, dict) or not isinstance(data.get("endpoint"), str):
        raise ValidationFailed({"endpoint": ["Send the browser's PushSubscription."]})
    keys = data.get("keys") if isinstance(data.get("keys"), dict) else {}
    return {
        "endpoint": data["endpoint"][:1024],
        "p256dh": str(keys.get("p256dh", ""))[:100],
        "auth": str(keys.get("auth", ""))[:30],
    }


@bp.route("/push/subscription", methods=["POST"], endpoint="push_subscribe")
@sign_in_required("parent")
def push_subscribe():  # type: ignore[no-untyped-def]
    data = _subscription_json()
    subscriptions.save_subscription(
        g.current_user,
        **data,
        allowlist=str(current_app.config["PUSH_SERVICE_ALLOWLIST"]).split(","),
        now=now_utc(),
    )
    db.session.commit()
    return jsonify(subscribed=True), 201


@bp.route("/push/subscription/delete", methods=["POST"], endpoint="push_unsubscribe")
@sign_in_required("parent")
def push_unsubscribe():  # type: ignore[no-untyped-def]
    data = _subscription_json()
    subscriptions.remove_subscription(g.current_user, data["endpoint"])
    db.session.commit()
    return jsonify(subscribed=False)
