"""Export on request, erase on request, purge after the retention period."""

from datetime import date, timedelta

from sqlalchemy import func, select, text

from tests.factories import PASSWORD, add_baby, assert_error, make_parent

TODAY = date.today()


def _personal_rows(app, user_id, household_id, email):
    """Every row in every table that still mentions this user, household or email."""
    from parent_app.extensions import db

    found = []
    with app.app_context():
        for table in db.metadata.sorted_tables:
            for column in table.columns:
                fk_targets = {fk.column.table.name for fk in column.foreign_keys}
                if "users" in fk_targets or (table.name == "users" and column.name == "id"):
                    value = user_id
                elif "households" in fk_targets or (table.name == "households" and column.name == "id"):
                    value = household_id
                else:
                    continue
                count = db.session.scalar(select(func.count()).select_from(table).where(column == value))
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
    response = client.delete("/api/v1/me", json={"password": "wrong password"}, headers=parent["headers"])
    assert_error(response, 401)
    assert client.get("/api/v1/me", headers=parent["headers"]).status_code == 200


def test_erase_leaves_nothing_personal_in_any_table(client, app):
    parent = make_parent(client)
    add_baby(client, parent, due_date=TODAY + timedelta(weeks=8), name="Pip")
    client.post("/api/v1/family/invites", headers=parent["headers"])
    user_id, household_id = parent["user"]["id"], parent["user"]["household_id"]
    assert _personal_rows(app, user_id, household_id, parent["email"])
    response = client.delete("/api/v1/me", json={"password": PASSWORD}, headers=parent["headers"])
    assert response.status_code == 204
    assert _personal_rows(app, user_id, household_id, parent["email"]) == []
    assert_error(client.get("/api/v1/me", headers=parent["headers"]), 401)


def test_erasing_one_adult_keeps_the_family_for_the_other(client):
    mum = make_parent(client)
    baby = add_baby(client, mum, due_date=TODAY + timedelta(weeks=8))
    partner = make_parent(client, role="partner")
    code = client.post("/api/v1/family/invites", headers=mum["headers"]).get_json()["code"]
    client.post("/api/v1/family/join", json={"code": code}, headers=partner["headers"])
    client.delete("/api/v1/me", json={"password": PASSWORD}, headers=partner["headers"])
    assert client.get(f"/api/v1/babies/{baby['id']}", headers=mum["headers"]).status_code == 200


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
