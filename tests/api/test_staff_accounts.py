"""Staff account administration by admins (API and CLI): every change audited; a
switched-off account's tokens and sessions stop working at once."""

from __future__ import annotations

from sqlalchemy import select

from tests.factories import PASSWORD, assert_error, make_parent, make_staff
from tests.web.helpers import submit

NEW_PASSWORD = "tangerine kettle mountain"


def _audit(app):
    from parent_app.extensions import db
    from parent_app.models import AuditEntry

    with app.app_context():
        return [
            (e.action, e.actor_id, e.detail.get("via"))
            for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))
        ]


def _account(client, admin, email):
    items = client.get("/api/v1/staff/accounts", headers=admin["headers"]).get_json()[
        "items"
    ]
    return next(i for i in items if i["email"] == email)


class TestApi:
    def test_only_admins_may_list_or_change_staff_accounts(self, app, client):
        editor = make_staff(app, client, role="editor")
        parent = make_parent(client)
        for who in (editor, parent):
            assert_error(
                client.get("/api/v1/staff/accounts", headers=who["headers"]), 403
            )
        assert_error(client.get("/api/v1/staff/accounts"), 401)

    def test_an_admin_creates_changes_and_switches_off_an_account(self, app, client):
        admin = make_staff(app, client, role="admin")
        created = client.post(
            "/api/v1/staff/accounts",
            json={
                "email": "New.Author@Hub.example",
                "password": PASSWORD,
                "role": "author",
                "areas": ["dorset"],
            },
            headers=admin["headers"],
        )
        assert created.status_code == 201, created.get_json()
        body = created.get_json()
        assert body["email"] == "new.author@hub.example" and body["disabled"] is False
        assert "password" not in body
        author_token = client.post(
            "/api/v1/auth/login",
            json={"email": "new.author@hub.example", "password": PASSWORD},
        ).get_json()["token"]
        author_headers = {"Authorization": f"Bearer {author_token}"}
        web = app.test_client()
        assert (
            submit(
                web,
                "/staff/sign-in",
                {"email": "new.author@hub.example", "password": PASSWORD},
            ).status_code
            == 302
        )
        assert web.get("/staff/").status_code == 200

        changed = client.patch(
            f"/api/v1/staff/accounts/{body['id']}",
            json={"role": "editor", "areas": ["dorset", "hampshire"]},
            headers=admin["headers"],
        )
        assert changed.get_json()["role"] == "editor"
        assert changed.get_json()["areas"] == ["dorset", "hampshire"]

        off = client.patch(
            f"/api/v1/staff/accounts/{body['id']}",
            json={"disabled": True},
            headers=admin["headers"],
        )
        assert off.get_json()["disabled"] is True
        # At once: the token and the web session stop working, and so does sign-in.
        assert_error(client.get("/api/v1/me", headers=author_headers), 401)
        assert web.get("/staff/").status_code == 302
        refused = client.post(
            "/api/v1/auth/login",
            json={"email": "new.author@hub.example", "password": PASSWORD},
        )
        assert_error(refused, 401, "account_disabled")

        on = client.patch(
            f"/api/v1/staff/accounts/{body['id']}",
            json={"disabled": False},
            headers=admin["headers"],
        )
        assert on.get_json()["disabled"] is False
        again = client.post(
            "/api/v1/auth/login",
            json={"email": "new.author@hub.example", "password": PASSWORD},
        )
        assert again.status_code == 200
        actions = [a for a, _, _ in _audit(app)]
        assert actions == [
            "staff.create",
            "staff.set_role",
            "staff.set_areas",
            "staff.disable",
            "staff.enable",
        ]
        assert {via for _, _, via in _audit(app)} == {"api"}

    def test_refusals(self, app, client):
        admin = make_staff(app, client, role="admin")
        me = _account(client, admin, admin["email"])
        for change in ({"disabled": True}, {"role": "author"}):
            assert_error(
                client.patch(
                    f"/api/v1/staff/accounts/{me['id']}",
                    json=change,
                    headers=admin["headers"],
                ),
                422,
            )
        parent = make_parent(client)
        assert_error(
            client.patch(
                f"/api/v1/staff/accounts/{parent['user']['id']}",
                json={"role": "admin"},
                headers=admin["headers"],
            ),
            404,
        )
        author = make_staff(app, client)
        author_id = _account(client, admin, author["email"])["id"]
        for body in ({}, {"role": "birthing_parent"}, {"areas": ["atlantis"]}):
            assert_error(
                client.patch(
                    f"/api/v1/staff/accounts/{author_id}",
                    json=body,
                    headers=admin["headers"],
                ),
                422,
            )
        taken = client.post(
            "/api/v1/staff/accounts",
            json={
                "email": author["email"],
                "password": PASSWORD,
                "role": "author",
                "areas": ["dorset"],
            },
            headers=admin["headers"],
        )
        assert_error(taken, 409, "email_taken")
        assert _audit(app) == []


class TestCli:
    def test_list_disable_enable_set_role_set_areas_reset_password(
        self, app, client, runner
    ):
        author = make_staff(app, client)
        email = author["email"]
        listed = runner.invoke(args=["staff", "list"])
        assert f"{email}\tauthor\tdorset\tactive" in listed.output

        off = runner.invoke(args=["staff", "disable", "--email", email])
        assert off.exit_code == 0, off.output
        assert_error(client.get("/api/v1/me", headers=author["headers"]), 401)
        assert "disabled" in runner.invoke(args=["staff", "list"]).output
        assert runner.invoke(args=["staff", "enable", "--email", email]).exit_code == 0

        role = runner.invoke(
            args=["staff", "set-role", "--email", email, "--role", "editor"]
        )
        assert role.exit_code == 0, role.output
        areas = runner.invoke(
            args=["staff", "set-areas", "--email", email, "--area", "hampshire"]
        )
        assert areas.exit_code == 0, areas.output
        assert (
            f"{email}\teditor\thampshire\tactive"
            in runner.invoke(args=["staff", "list"]).output
        )

        token = client.post(
            "/api/v1/auth/login", json={"email": email, "password": PASSWORD}
        ).get_json()["token"]
        weak = runner.invoke(
            args=["staff", "reset-password", "--email", email, "--password-stdin"],
            input="password123\n",
        )
        assert weak.exit_code != 0 and "too easy to guess" in weak.output
        reset = runner.invoke(
            args=["staff", "reset-password", "--email", email, "--password-stdin"],
            input=NEW_PASSWORD + "\n",
        )
        assert reset.exit_code == 0, reset.output
        assert_error(
            client.get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}),
            401,
        )
        assert (
            client.post(
                "/api/v1/auth/login", json={"email": email, "password": NEW_PASSWORD}
            ).status_code
            == 200
        )
        unknown = runner.invoke(args=["staff", "disable", "--email", "x@y.example"])
        assert unknown.exit_code != 0 and "No staff account" in unknown.output
        audit = _audit(app)
        assert [a for a, _, _ in audit] == [
            "staff.disable",
            "staff.enable",
            "staff.set_role",
            "staff.set_areas",
            "staff.reset_password",
        ]
        assert all(actor is None and via == "cli" for _, actor, via in audit)
