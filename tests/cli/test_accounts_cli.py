"""`flask staff create` and `flask areas load`."""


def test_staff_create_reads_the_password_from_stdin_and_can_sign_in(runner, client):
    result = runner.invoke(
        args=[
            "staff",
            "create",
            "--email",
            "Ed@Hub.example",
            "--role",
            "editor",
            "--area",
            "dorset",
            "--area",
            "bournemouth-christchurch-poole",
            "--password-stdin",
        ],
        input="a long staff password\n",
    )
    assert result.exit_code == 0, result.output
    response = client.post(
        "/api/v1/auth/login",
        json={"email": "ed@hub.example", "password": "a long staff password"},
    )
    token = response.get_json()["token"]
    me = client.get(
        "/api/v1/me", headers={"Authorization": f"Bearer {token}"}
    ).get_json()
    assert me["role"] == "editor"
    assert me["staff_areas"] == ["bournemouth-christchurch-poole", "dorset"]


def test_staff_create_refuses_unknown_area_and_duplicates(runner):
    bad = runner.invoke(
        args=[
            "staff",
            "create",
            "--email",
            "a@hub.example",
            "--role",
            "author",
            "--area",
            "narnia",
            "--password-stdin",
        ],
        input="a long staff password\n",
    )
    assert bad.exit_code != 0 and "Unknown area" in bad.output
    args = [
        "staff",
        "create",
        "--email",
        "b@hub.example",
        "--role",
        "author",
        "--area",
        "dorset",
        "--password-stdin",
    ]
    assert runner.invoke(args=args, input="a long staff password\n").exit_code == 0
    again = runner.invoke(args=args, input="a long staff password\n")
    assert again.exit_code != 0 and "already exists" in again.output


def test_areas_load_is_idempotent(runner, client):
    assert runner.invoke(args=["areas", "load"]).exit_code == 0
    assert runner.invoke(args=["areas", "load"]).exit_code == 0
