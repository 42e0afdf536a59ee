"""The mail outbox: queued in the request, sent by `flask mail send` over real SMTP,
retried with backoff, never sent twice, and written to .eml files in development."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest

from parent_app.extensions import db
from parent_app.models import MailMessage, MailStatus
from parent_app.outbox.mail import queue_mail, retry_delay_seconds, send_due_mail
from parent_app.outbox.mail_transport import (
    FileTransport,
    SmtpTransport,
    parse_mail_url,
)
from tests.support.smtp_server import free_port, self_signed_tls, start_smtp_server

LINK = "http://127.0.0.1:5000/verify-email?token=abc123"


def _queue(app, to="mum@example.org", now=None):
    with app.app_context():
        row = queue_mail(
            to_address=to,
            subject="Confirm your email address",
            text_body=f"Open this link: {LINK}\n",
            html_body=f'<p><a href="{LINK}">Confirm</a></p>',
            kind="verify_email",
            user_id=None,
            now=now or datetime.now(UTC),
        )
        db.session.commit()
        return row.id


def _row(app, mail_id):
    with app.app_context():
        return db.session.get(MailMessage, mail_id)


def test_flask_mail_send_delivers_text_and_html_over_smtp(app, runner, smtp_server):
    mail_id = _queue(app)
    result = runner.invoke(args=["mail", "send"])
    assert result.exit_code == 0, result.output
    assert "sent 1" in result.output
    [message] = smtp_server.received
    assert message["To"] == "mum@example.org"
    assert message["Subject"] == "Confirm your email address"
    assert LINK in message.get_body(("plain",)).get_content()
    assert f'href="{LINK}"' in message.get_body(("html",)).get_content()
    row = _row(app, mail_id)
    assert row.status is MailStatus.SENT and row.attempts == 1
    # The link is single-use but still secret: nothing of it stays in the database.
    assert row.text_body == "" and row.html_body == ""
    again = runner.invoke(args=["mail", "send"])
    assert "none" in again.output and len(smtp_server.received) == 1


def test_an_unreachable_server_is_retried_with_backoff_then_fails(app):
    mail_id = _queue(app)
    now = datetime.now(UTC)
    transport = SmtpTransport(
        parse_mail_url(f"smtp+plain://127.0.0.1:{free_port()}"), timeout_seconds=2
    )
    with app.app_context():
        report = send_due_mail(
            transport, now=now, sender="a@b.example", batch_size=10, max_attempts=3
        )
    assert report.outcomes == {"pending": 1}
    row = _row(app, mail_id)
    assert row.attempts == 1 and row.status is MailStatus.PENDING
    wait = (row.next_attempt_at - now).total_seconds()
    assert 15 <= wait <= 30
    assert "cannot reach" in row.last_error
    with app.app_context():  # not due yet: nothing happens
        early = send_due_mail(
            transport, now=now, sender="a@b.example", batch_size=10, max_attempts=3
        )
    assert not early.outcomes
    later = now
    for _ in range(2):
        later += timedelta(hours=2)
        with app.app_context():
            send_due_mail(
                transport,
                now=later,
                sender="a@b.example",
                batch_size=10,
                max_attempts=3,
            )
    row = _row(app, mail_id)
    assert row.status is MailStatus.FAILED and row.attempts == 3


def test_a_refused_recipient_fails_for_good_and_others_still_go(app, smtp_server):
    smtp_server.refuse("gone@example.org", "550 5.1.1 No such user")
    smtp_server.refuse("busy@example.org", "451 4.3.0 Try again later")
    gone, busy, fine = (
        _queue(app, to) for to in ("gone@example.org", "busy@example.org", "ok@x.org")
    )
    transport = SmtpTransport(parse_mail_url(app.config["MAIL_URL"]), timeout_seconds=5)
    with app.app_context():
        send_due_mail(
            transport,
            now=datetime.now(UTC),
            sender="a@b.example",
            batch_size=10,
            max_attempts=8,
        )
    assert _row(app, gone).status is MailStatus.FAILED
    assert _row(app, busy).status is MailStatus.PENDING
    assert _row(app, fine).status is MailStatus.SENT
    assert [m["To"] for m in smtp_server.received] == ["ok@x.org"]


def test_a_claimed_message_is_not_sent_twice_until_its_claim_lapses(app, smtp_server):
    from parent_app.outbox.mail import claim_due_mail

    mail_id = _queue(app)
    now = datetime.now(UTC)
    with app.app_context():
        assert [m.id for m in claim_due_mail(now=now, batch_size=5)] == [mail_id]
        # A second sender running at the same time finds nothing to take.
        assert claim_due_mail(now=now, batch_size=5) == []
    transport = SmtpTransport(parse_mail_url(app.config["MAIL_URL"]), timeout_seconds=5)
    with app.app_context():
        send_due_mail(
            transport,
            now=now + timedelta(minutes=1),
            sender="a@b.example",
            batch_size=5,
            max_attempts=8,
        )
    assert smtp_server.received == []
    with app.app_context():  # the first sender died: its claim lapses and it goes
        send_due_mail(
            transport,
            now=now + timedelta(minutes=6),
            sender="a@b.example",
            batch_size=5,
            max_attempts=8,
        )
    assert len(smtp_server.received) == 1


def test_starttls_and_a_password_are_used_for_smtp_urls(app, tmp_path):
    server_tls, client_tls = self_signed_tls(tmp_path)
    server = start_smtp_server(tls_context=server_tls, login=("app", "s3cret pass"))
    try:
        _queue(app)
        url = f"smtp://app:s3cret%20pass@127.0.0.1:{server.port}"
        transport = SmtpTransport(
            parse_mail_url(url), timeout_seconds=5, ssl_context=client_tls
        )
        with app.app_context():
            report = send_due_mail(
                transport,
                now=datetime.now(UTC),
                sender="a@b.example",
                batch_size=5,
                max_attempts=8,
            )
        assert report.outcomes == {"sent": 1}
        assert len(server.received) == 1
        wrong = SmtpTransport(
            parse_mail_url(f"smtp://app:wrong@127.0.0.1:{server.port}"),
            timeout_seconds=5,
            ssl_context=client_tls,
        )
        second = _queue(app)
        with app.app_context():
            send_due_mail(
                wrong,
                now=datetime.now(UTC),
                sender="a@b.example",
                batch_size=5,
                max_attempts=8,
            )
        assert _row(app, second).status is MailStatus.PENDING
        assert len(server.received) == 1
    finally:
        server.stop()


def test_development_writes_eml_files_and_logs_the_link(app, tmp_path, caplog):
    _queue(app)
    with app.app_context(), caplog.at_level(logging.INFO):
        send_due_mail(
            FileTransport(tmp_path / "mail"),
            now=datetime.now(UTC),
            sender="a@b.example",
            batch_size=5,
            max_attempts=8,
        )
    [eml] = list((tmp_path / "mail").glob("*.eml"))
    assert b"Subject: Confirm your email address" in eml.read_bytes()
    assert LINK in caplog.text


def test_the_cli_uses_eml_files_when_no_mail_url_is_set(app, runner, monkeypatch):
    from pathlib import Path

    monkeypatch.setitem(app.config, "MAIL_URL", None)
    folder = Path(app.config["MAIL_DIR"])
    before = set(folder.glob("*.eml")) if folder.exists() else set()
    _queue(app)
    assert runner.invoke(args=["mail", "send"]).exit_code == 0
    assert len(set(folder.glob("*.eml")) - before) == 1


@pytest.mark.parametrize(
    ("url", "host", "port", "tls", "starttls"),
    [
        ("smtp://u:p@mail.example", "mail.example", 587, False, True),
        ("smtps://u:p@mail.example", "mail.example", 465, True, False),
        ("smtp+plain://localhost:25", "localhost", 25, False, False),
    ],
)
def test_mail_urls(url, host, port, tls, starttls):
    s = parse_mail_url(url)
    assert (s.host, s.port, s.implicit_tls, s.starttls) == (host, port, tls, starttls)


@pytest.mark.parametrize("url", ["http://mail.example", "smtp://", "mail.example"])
def test_a_wrong_mail_url_is_refused(url):
    with pytest.raises(ValueError, match="MAIL_URL"):
        parse_mail_url(url)


def test_backoff_doubles_and_stops_growing_at_an_hour():
    assert retry_delay_seconds(1, jitter=0) == 15
    assert retry_delay_seconds(1, jitter=0.999) < 30
    assert retry_delay_seconds(2, jitter=0) == 30
    assert retry_delay_seconds(20, jitter=0) == 1800
