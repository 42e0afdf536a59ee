"""An unconfirmed email address gets one reminder, with a fresh link, three days after
registering: never twice, never once confirmed, never after a change of address."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.factories import PASSWORD, make_parent, make_staff
from tests.mail_helpers import deliver, mails_to, token_in

REMINDER = "Please confirm your email address"


def _remind(runner, *, days: float) -> str:
    """One run of the reminder job, `days` from now, then a mail pass at that time."""
    from parent_app.outbox.jobs import build_mail_transport, mail_job

    at = datetime.now(UTC) + timedelta(days=days)
    result = runner.invoke(
        args=["accounts", "remind-unverified", "--now", f"{at:%Y-%m-%dT%H:%M}"]
    )
    assert result.exit_code == 0, result.output
    app = runner.app
    mail_job(app, build_mail_transport(app), now=at + timedelta(minutes=1))
    return result.output


def _reminders(server, address):
    return [m for m in mails_to(server, address) if m["Subject"] == REMINDER]


def test_one_reminder_after_three_days_whose_link_confirms(
    app, client, runner, smtp_server
):
    mum = make_parent(client)
    assert "0 reminded" in _remind(runner, days=2.9)
    assert "1 reminded" in _remind(runner, days=3.01)
    deliver(runner)
    [reminder] = _reminders(smtp_server, mum["email"])
    body = reminder.get_body(("plain",)).get_content()
    assert "only reminder" in body
    # Running again, by this scheduler or another, sends nothing more.
    assert "0 reminded" in _remind(runner, days=3.5)
    assert "0 reminded" in _remind(runner, days=6)
    deliver(runner)
    assert len(_reminders(smtp_server, mum["email"])) == 1

    ok = client.post("/api/v1/auth/verify-email", json={"token": token_in(reminder)})
    assert ok.status_code == 200, ok.get_json()
    me = client.get("/api/v1/me", headers=mum["headers"]).get_json()
    assert me["email_verified"] is True


def test_a_confirmed_address_a_changed_one_and_staff_are_not_reminded(
    app, client, runner, smtp_server
):
    confirmed = make_parent(client)
    moved = make_parent(client)
    staff = make_staff(app, client)
    deliver(runner)
    [first] = mails_to(smtp_server, confirmed["email"])
    client.post("/api/v1/auth/verify-email", json={"token": token_in(first)})
    changed = client.post(
        "/api/v1/me/email",
        json={"email": "new-" + moved["email"], "password": PASSWORD},
        headers=moved["headers"],
    )
    assert changed.status_code == 200, changed.get_json()

    assert "0 reminded" in _remind(runner, days=3.01)
    deliver(runner)
    for address in (
        confirmed["email"],
        moved["email"],
        "new-" + moved["email"],
        staff["email"],
    ):
        assert _reminders(smtp_server, address) == []


def test_an_account_unconfirmed_for_two_weeks_is_left_alone(
    app, client, runner, smtp_server
):
    mum = make_parent(client)
    assert "0 reminded" in _remind(runner, days=15)
    deliver(runner)
    assert _reminders(smtp_server, mum["email"]) == []
