"""Export on request, erase on request, purge after the retention period."""

from datetime import date, timedelta

from sqlalchemy import func, select, text

from tests.factories import PASSWORD, add_baby, assert_error, make_parent

TODAY = date.today()
P256_KEY = (
    "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQ"
    "tUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM"
)


def _personal_rows(app, user_id, household_id, email):
    """Every row in every table that still mentions this user, household or email."""
    from parent_app.extensions import db

    found = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                fk_targets = {fk.column.table.name for fk in column.foreign_keys}
                if "users" in fk_targets or (
                    table.name == "users" and column.name == "id"
                ):
                    value = user_id
                elif "households" in fk_targets or (
                    table.name == "households" and column.name == "id"
                ):
                    value = household_id
                else:
                    continue
                count = db.session.scalar(
                    select(func.count()).select_from(table).where(column == value)
                )
                if count:
                    found.append(f"{table.name}.{column.name}")
            for column in table.columns:
                if type(column.type).__name__ in ("String", "Text"):
                    count = db.session.scalar(
                        select(func.count()).select_from(table).where(column == email)
                    )
                    if count:
                        found.append(f"{table.name}.{column.name}=email")
    return found


def test_export_holds_my_account_and_my_familys_babies(client):
    parent = make_parent(client)
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=8), name="Pip")
    data = client.get("/api/v1/me/export", headers=parent["headers"]).get_json()
    assert data["account"][0]["email"] == parent["email"]
    assert [b["name"] for b in data["babies"]] == ["Pip"]
    assert data["babies"][0]["id"] == baby["id"]
    assert "password_hash" not in data["account"][0]
    assert all("token_hash" not in t for t in data["tokens"])


def test_export_holds_nothing_of_another_family(client):
    parent = make_parent(client)
    other = make_parent(client)
    add_baby(client, other, due_date=TODAY + timedelta(weeks=8), name="NotYours")
    data = client.get("/api/v1/me/export", headers=parent["headers"]).get_json()
    assert "NotYours" not in str(data)


def test_erase_needs_the_password(client):
    parent = make_parent(client)
    response = client.delete(
        "/api/v1/me", json={"password": "wrong password"}, headers=parent["headers"]
    )
    assert_error(response, 401)
    assert client.get("/api/v1/me", headers=parent["headers"]).status_code == 200


def test_erase_leaves_nothing_personal_in_any_table(client, app):
    parent = make_parent(client)
    add_baby(client, parent, due_date=TODAY + timedelta(weeks=8), name="Pip")
    client.post("/api/v1/family/invites", headers=parent["headers"])
    user_id, household_id = parent["user"]["id"], parent["user"]["household_id"]
    assert _personal_rows(app, user_id, household_id, parent["email"])
    response = client.delete(
        "/api/v1/me", json={"password": PASSWORD}, headers=parent["headers"]
    )
    assert response.status_code == 204
    assert _personal_rows(app, user_id, household_id, parent["email"]) == []
    assert_error(client.get("/api/v1/me", headers=parent["headers"]), 401)


def test_erasing_one_adult_keeps_the_family_for_the_other(client):
    mum = make_parent(client)
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=8))
    partner = make_parent(client, role="partner")
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()[
        "code"
    ]
    client.post("/api/v1/family/join", json={"code": code}, headers=partner["headers"])
    client.delete("/api/v1/me", json={"password": PASSWORD}, headers=partner["headers"])
    assert (
        client.get(f"/api/v1/babies/{baby['id']}", headers=mum["headers"]).status_code
        == 200
    )


def test_purge_removes_families_past_the_1001_days_and_grace(client, app, runner):
    old = make_parent(client)
    young = make_parent(client)
    add_baby(client, old, date_of_birth=TODAY - timedelta(days=700))
    add_baby(client, young, date_of_birth=TODAY - timedelta(days=10))
    purge_on = TODAY + timedelta(days=735 - 700 + 90 + 1)
    result = runner.invoke(args=["privacy", "purge", "--date", purge_on.isoformat()])
    assert result.exit_code == 0, result.output
    assert "1 households erased" in result.output
    assert_error(client.get("/api/v1/me", headers=old["headers"]), 401)
    assert client.get("/api/v1/me", headers=young["headers"]).status_code == 200
    from parent_app.extensions import db

    with app.app_context():
        assert db.session.scalar(text("SELECT count(*) FROM babies")) == 1


def _purge(runner, on, *extra):
    result = runner.invoke(args=["privacy", "purge", "--date", on.isoformat(), *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_purge_keeps_a_family_until_the_last_day_of_its_grace(client, runner):
    born_on = TODAY - timedelta(days=700)
    parent = make_parent(client)
    add_baby(client, parent, date_of_birth=born_on)
    last_day = born_on + timedelta(days=735 + 90)
    assert "0 households erased" in _purge(runner, last_day)
    assert client.get("/api/v1/me", headers=parent["headers"]).status_code == 200
    assert "1 households erased" in _purge(runner, last_day + timedelta(days=1))


def test_purge_goes_by_the_youngest_child_and_the_configured_grace(client, app, runner):
    both = make_parent(client)
    add_baby(client, both, date_of_birth=TODAY - timedelta(days=700))
    add_baby(client, both, due_date=TODAY + timedelta(weeks=10))
    older_only = make_parent(client)
    add_baby(client, older_only, date_of_birth=TODAY - timedelta(days=700))
    app.config["RETENTION_GRACE_DAYS"] = 0
    try:
        assert "1 households erased" in _purge(runner, TODAY + timedelta(days=36))
    finally:
        app.config["RETENTION_GRACE_DAYS"] = 90
    assert client.get("/api/v1/me", headers=both["headers"]).status_code == 200
    assert_error(client.get("/api/v1/me", headers=older_only["headers"]), 401)


def test_retention_grace_comes_from_the_environment(monkeypatch):
    from config import TestingConfig

    monkeypatch.setenv("RETENTION_GRACE_DAYS", "30")
    assert TestingConfig.from_environment()["RETENTION_GRACE_DAYS"] == 30


def test_erasing_the_last_adult_removes_subscriptions_reviews_and_invites(client, app):
    from parent_app.extensions import db
    from parent_app.models import FinanceReview
    from tests.api.test_platform_acceptance import personal_rows

    parent = make_parent(client, email="last@example.org")
    baby = add_baby(client, parent, due_date=TODAY + timedelta(weeks=8), name="Pip")
    client.post("/api/v1/family/invites", headers=parent["headers"])
    subscribed = client.post(
        "/api/v1/push/subscriptions",
        json={
            "endpoint": "https://fcm.googleapis.com/fcm/send/abc123",
            "keys": {"p256dh": P256_KEY, "auth": "tBHItJI5svbpez7KI4CCXg"},
        },
        headers=parent["headers"],
    )
    assert subscribed.status_code == 201, subscribed.get_json()
    client.patch(
        "/api/v1/me", json={"muted_topics": ["money"]}, headers=parent["headers"]
    )
    household_id = parent["user"]["household_id"]
    with app.app_context():
        db.session.add(
            FinanceReview(
                household_id=household_id,
                submitted_by_id=parent["user"]["id"],
                baby_id=baby["id"],
                questionnaire_version=1,
                answers={"area": "dorset"},
            )
        )
        db.session.commit()
    owners = {
        "user_ids": [parent["user"]["id"]],
        "household_ids": [household_id],
        "baby_ids": [baby["id"]],
        "emails": ["last@example.org"],
    }
    assert len(personal_rows(app, **owners)) >= 6
    response = client.delete(
        "/api/v1/me", json={"password": PASSWORD}, headers=parent["headers"]
    )
    assert response.status_code == 204
    assert personal_rows(app, **owners) == []


# Staff work, not a parent's data: content they wrote, sessions they run, their areas
# and the audit trail of their actions.
# Holds nothing but a household id until the next planning run (at most 15 minutes), and
# goes with the household on erasure: nothing a person would recognise as their data.
BOOKKEEPING_TABLES = {"nudge_replans"}

STAFF_TABLES = {
    "audit_log",
    "content_items",
    "content_revisions",
    "course_sessions",
    "staff_areas",
}


def test_every_table_about_a_user_household_or_baby_is_in_the_export(app):
    from sqlalchemy.sql.util import find_tables

    from parent_app.extensions import db
    from parent_app.privacy.registry import personal_data

    someone = type("Someone", (), {"id": 1, "household_id": 1})()
    exported = {
        table.name
        for entry in personal_data()
        for table in find_tables(entry.select_for_user(someone), include_joins=True)
        if hasattr(table, "name")
    }
    about_people = {
        table.name
        for table in db.metadata.sorted_tables
        for column in table.columns
        for fk in column.foreign_keys
        if fk.column.table.name in ("users", "households", "babies")
    }
    assert about_people - STAFF_TABLES - BOOKKEEPING_TABLES - exported == set()


def test_export_lists_the_familys_invites_without_their_codes(client):
    parent = make_parent(client)
    code = client.post("/api/v1/family/invites", headers=parent["headers"]).get_json()[
        "code"
    ]
    data = client.get("/api/v1/me/export", headers=parent["headers"]).get_json()
    assert len(data["family_invites"]) == 1
    assert code not in str(data) and "code_hash" not in data["family_invites"][0]
