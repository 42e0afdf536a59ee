"""An admin mails a staff member a password reset link (single-use, one hour, audited);
staff who forgot their password ask for one on the console's sign-in page. The link
opens the staff console's GOV.UK pages, and a new password ends every sign-in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from tests.factories import PASSWORD, assert_error, make_parent, make_staff
from tests.mail_helpers import deliver, link_in, mails_to, token_in
from tests.web.helpers import submit, text_of

NEW_PASSWORD = "tangerine kettle mountain"
SUBJECT = "Reset your password"


def _staff_id(app, email):
    from parent_app.extensions import db
    from parent_app.models import User

    with app.app_context():
        return db.session.scalar(select(User.id).where(User.email == email))


def _path(link: str) -> str:
    return link.removeprefix("http://127.0.0.1:5000")


def _resets(server, email):
    return [m for m in mails_to(server, email) if m["Subject"] == SUBJECT]


def _login(client, email, password):
    return client.post(
        "/api/v1/auth/login", json={"email": email, "password": password}
    )


def test_an_admin_sends_a_reset_link_that_works_once_in_the_staff_console(
    app, client, runner, smtp_server
):
    admin = make_staff(app, client, role="admin")
    author = make_staff(app, client, role="author")
    author_id = _staff_id(app, author["email"])
    sent = client.post(
        f"/api/v1/staff/accounts/{author_id}/password-reset", headers=admin["headers"]
    )
    assert sent.status_code == 202, sent.get_json()
    assert sent.get_json() == {"message": f"We have sent a link to {author['email']}."}
    # Nothing changes until the link is used: the old password still works.
    assert _login(client, author["email"], PASSWORD).status_code == 200

    from parent_app.extensions import db
    from parent_app.models import AuditEntry

    with app.app_context():
        [entry] = db.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "staff.send_password_reset")
        )
        assert entry.actor_id == _staff_id(app, admin["email"])
        assert entry.object_id == str(author_id)
        assert entry.detail["via"] == "api"

    deliver(runner)
    [mail] = _resets(smtp_server, author["email"])
    link = link_in(mail)
    assert link.startswith("http://127.0.0.1:5000/staff/reset-password?token=")
    page = client.get(_path(link))
    assert "Choose a new password" in text_of(page)
    assert "govuk-" in page.get_data(as_text=True)
    done = submit(
        client, _path(link), {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert "Your password is changed" in text_of(done)
    assert client.get("/api/v1/me", headers=author["headers"]).status_code == 401
    assert _login(client, author["email"], PASSWORD).status_code == 401
    assert _login(client, author["email"], NEW_PASSWORD).status_code == 200
    used = client.get(_path(link))
    assert used.status_code == 404
    assert "This link does not work" in text_of(used)


def test_the_staff_link_expires_after_an_hour(app, client, runner, smtp_server):
    from parent_app.accounts.password_reset import check_reset_link
    from parent_app.errors import NotFound

    admin = make_staff(app, client, role="admin")
    author = make_staff(app, client)
    client.post(
        f"/api/v1/staff/accounts/{_staff_id(app, author['email'])}/password-reset",
        headers=admin["headers"],
    )
    deliver(runner)
    token = token_in(_resets(smtp_server, author["email"])[0])
    with app.app_context():
        check_reset_link(token, now=datetime.now(UTC) + timedelta(minutes=59))
        with pytest.raises(NotFound):
            check_reset_link(token, now=datetime.now(UTC) + timedelta(minutes=61))


def test_refusals_for_sending_a_staff_reset_link(app, client):
    admin = make_staff(app, client, role="admin")
    editor = make_staff(app, client, role="editor")
    parent = make_parent(client)
    editor_id = _staff_id(app, editor["email"])
    url = f"/api/v1/staff/accounts/{editor_id}/password-reset"
    assert_error(client.post(url), 401)
    assert_error(client.post(url, headers=editor["headers"]), 403)
    assert_error(client.post(url, headers=parent["headers"]), 403)
    assert_error(
        client.post(
            f"/api/v1/staff/accounts/{parent['user']['id']}/password-reset",
            headers=admin["headers"],
        ),
        404,
    )
    assert_error(
        client.post(
            "/api/v1/staff/accounts/999999/password-reset", headers=admin["headers"]
        ),
        404,
    )
    for _ in range(3):
        assert client.post(url, headers=admin["headers"]).status_code == 202
    assert_error(client.post(url, headers=admin["headers"]), 429, "rate_limited")

    client.patch(
        f"/api/v1/staff/accounts/{editor_id}",
        json={"disabled": True},
        headers=admin["headers"],
    )
    off = client.post(url, headers=admin["headers"])
    assert_error(off, 422)
    assert "switched off" in off.get_json()["error"]["fields"]["user"][0]


def test_staff_ask_for_a_link_on_the_sign_in_page(app, client, runner, smtp_server):
    staff = make_staff(app, client, role="editor")
    signed_out = app.test_client()
    sign_in = signed_out.get("/staff/sign-in")
    assert 'href="/staff/forgot-password"' in sign_in.get_data(as_text=True)
    assert "Forgotten your password?" in text_of(sign_in)
    form = signed_out.get("/staff/forgot-password")
    assert form.status_code == 200
    assert "Reset your password" in text_of(form)
    assert 'href="/staff/articles' not in form.get_data(as_text=True)  # no navigation
    empty = submit(signed_out, "/staff/forgot-password", {"email": ""})
    assert "Enter your email address" in text_of(empty)
    assert "govuk-error-summary" in empty.get_data(as_text=True)

    sent = submit(signed_out, "/staff/forgot-password", {"email": staff["email"]})
    assert f"If {staff['email']} has an account" in text_of(sent)
    unknown = submit(signed_out, "/staff/forgot-password", {"email": "no@hub.example"})
    assert text_of(unknown).replace("no@hub.example", staff["email"]) == text_of(sent)
    deliver(runner)
    [mail] = _resets(smtp_server, staff["email"])
    path = _path(link_in(mail))
    assert path.startswith("/staff/reset-password?token=")
    mismatch = submit(
        signed_out, path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}
    )
    assert "The two passwords are not the same" in text_of(mismatch)
    weak = submit(
        signed_out, path, {"password": "password123", "confirm": "password123"}
    )
    assert "too easy to guess" in text_of(weak)
    done = submit(signed_out, path, {"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert "Your password is changed" in text_of(done)
    signed_in = submit(
        signed_out,
        "/staff/sign-in",
        {"email": staff["email"], "password": NEW_PASSWORD},
    )
    assert signed_in.status_code == 302
    assert signed_out.get("/staff/reset-password?token=made-up").status_code == 404
