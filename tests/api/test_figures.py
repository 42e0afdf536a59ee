"""Anonymous uptake figures: written with the event, held without any personal id,
read with disclosure control, unchanged by erasure and not differenceable."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import inspect, select

from parent_app.domain.milestones import KEYS
from tests.factories import assert_error, make_staff
from tests.nudge_helpers import make_family

BCP = "bournemouth-christchurch-poole"
IMMS = "imms-8-weeks"
# Babies whose 8-week vaccination window (day 56 from the birth) opens in each month.
OPENINGS = {
    ("dorset", "2026-01"): 12,
    ("dorset", "2026-02"): 5,
    (BCP, "2026-02"): 8,
    (BCP, "2026-03"): 5,
}
FIGURE_TABLES = (
    "figures_milestone_marks",
    "figures_milestone_windows",
    "figures_milestone_cuts",
    "figures_households",
    "figures_window_marks",
    "figures_nudge_reach",
    "figures_course_reach",
)


def _families(app):
    """30 households across two areas and three months; in Dorset's January families,
    9 birthing parents and 3 partners mark the vaccinations done, and the first 8
    mums chose Polish. In BCP, partners joined the 8 February families."""
    from parent_app.extensions import db
    from parent_app.models import User

    families = []
    for (area, month), how_many in OPENINGS.items():
        year, mon = map(int, month.split("-"))
        for i in range(how_many):
            opens = date(year, mon, 3 + i)
            family = make_family(
                app,
                born_on=opens - timedelta(days=56),
                area=area,
                partner=((area, month) == ("dorset", "2026-01") and i >= 9)
                or (area, month) == (BCP, "2026-02"),
            )
            if (area, month) == ("dorset", "2026-01") and i < 8:
                with app.app_context():
                    db.session.get(User, family["user_ids"][0]).language = "pl"
                    db.session.commit()
            families.append((area, month, i, family))
    assert len(families) == 30
    return families


def _snapshot(app, on):
    from parent_app.extensions import db
    from parent_app.nudges.jobs import plan_and_count

    with app.app_context():
        plan_and_count(datetime.combine(on, time(12), tzinfo=UTC))
        db.session.commit()


def _mark_done(app, families):
    from parent_app.domain.milestones import MilestoneStatus
    from parent_app.extensions import db
    from parent_app.milestones.marks import mark_for_baby
    from parent_app.models import Baby, User

    for area, month, i, family in families:
        if (area, month) != ("dorset", "2026-01"):
            continue
        with app.app_context():
            user = db.session.get(User, family["user_ids"][-1])
            baby = db.session.get(Baby, family["baby_ids"][0])
            when = datetime(2026, 1, 20, 12, tzinfo=UTC)
            mark_for_baby(
                user, baby, IMMS, MilestoneStatus.BOOKED, today=when.date(), now=when
            )
            mark_for_baby(
                user, baby, IMMS, MilestoneStatus.DONE, today=when.date(), now=when
            )
            # The same status again is not a second mark.
            mark_for_baby(
                user, baby, IMMS, MilestoneStatus.DONE, today=when.date(), now=when
            )
            db.session.commit()


@pytest.fixture
def figures_world(app):
    families = _families(app)
    _snapshot(app, date(2025, 12, 31))
    _snapshot(app, date(2026, 1, 31))
    _snapshot(app, date(2026, 3, 31))
    _mark_done(app, families)
    return families


def _get(client, staff, query=""):
    return client.get(f"/api/v1/staff/figures?{query}", headers=staff["headers"])


def _cells(response):
    assert response.status_code == 200, response.get_json()
    return {
        (r["area"], r["month"], r["milestone"], r["measure"], r["role"]): r["count"]
        for r in response.get_json()["rows"]
    }


def _imms(cells):
    return {k: v for k, v in cells.items() if k[2] == IMMS}


EXPECTED = {
    ("dorset", "2026-01", IMMS, "windows_opened", "all"): 10,  # 12
    ("dorset", "2026-01", IMMS, "booked", "birthing_parent"): 10,  # 9
    ("dorset", "2026-01", IMMS, "booked", "partner"): None,  # 3: suppressed
    ("dorset", "2026-01", IMMS, "done", "birthing_parent"): 10,  # 9
    ("dorset", "2026-01", IMMS, "done", "partner"): None,  # 3: suppressed
    ("dorset", "2026-02", IMMS, "windows_opened", "all"): None,  # 5: suppressed
    (BCP, "2026-02", IMMS, "windows_opened", "all"): 10,  # 8
    (BCP, "2026-03", IMMS, "windows_opened", "all"): None,  # 5: suppressed
}


def test_thirty_households_give_rounded_and_suppressed_figures(
    client, app, figures_world
):
    admin = make_staff(app, client, role="admin", areas=("dorset",))
    response = _get(client, admin, f"from=2026-01&to=2026-03&milestone={IMMS}")
    assert _imms(_cells(response)) == EXPECTED
    body = response.get_json()
    assert "suppressed" in body["disclosure"]
    assert all(r["suppressed"] == (r["count"] is None) for r in body["rows"])


def test_the_raw_counts_behind_them(app, figures_world):
    from parent_app.extensions import db
    from parent_app.models import MilestoneDenominator

    with app.app_context():
        raw = {
            (w.area_id, w.month): w.count
            for w in db.session.scalars(
                select(MilestoneDenominator).where(
                    MilestoneDenominator.milestone_key == IMMS
                )
            )
        }
    assert raw == OPENINGS


def test_an_editor_sees_their_areas_only(client, app, figures_world):
    editor = make_staff(app, client, role="editor", areas=("dorset",))
    cells = _imms(_cells(_get(client, editor, "from=2026-01&to=2026-03")))
    assert cells == {k: v for k, v in EXPECTED.items() if k[0] == "dorset"}
    assert_error(_get(client, editor, f"area={BCP}"), 403)
    author = make_staff(app, client, role="author", areas=("dorset",))
    assert_error(_get(client, author), 403)


def test_csv_carries_the_same_figures(client, app, figures_world):
    admin = make_staff(app, client, role="admin", areas=("dorset",))
    response = client.get(
        f"/api/v1/staff/figures?from=2026-01&to=2026-03&milestone={IMMS}",
        headers={**admin["headers"], "Accept": "text/csv"},
    )
    assert response.status_code == 200
    assert response.mimetype == "text/csv"
    lines = response.get_data(as_text=True).splitlines()
    assert lines[0] == "area,month,milestone,measure,role,count,suppressed"
    assert f"dorset,2026-01,{IMMS},windows_opened,all,10,no" in lines
    assert f"dorset,2026-01,{IMMS},done,partner,,yes" in lines
    assert len(lines) == 1 + len(EXPECTED)
    same = _get(client, admin, f"from=2026-01&to=2026-03&milestone={IMMS}&format=csv")
    assert same.get_data(as_text=True) == response.get_data(as_text=True)


def test_bad_queries_are_a_clear_422(client, app):
    admin = make_staff(app, client, role="admin", areas=("dorset",))
    assert "from" in assert_error(_get(client, admin, "from=2026-13"), 422)["fields"]
    assert_error(_get(client, admin, "from=2026-03&to=2026-01"), 422)
    assert_error(_get(client, admin, "format=xml"), 422)


def test_erasing_a_household_leaves_the_figures_unchanged(client, app, figures_world):
    from parent_app.extensions import db
    from parent_app.models import Household, User

    admin = make_staff(app, client, role="admin", areas=("dorset",))
    before = _cells(_get(client, admin, "from=2025-12&to=2026-03"))
    area, month, i, family = figures_world[10]  # a Dorset January couple who marked
    assert (area, month) == ("dorset", "2026-01") and len(family["user_ids"]) == 2
    with app.app_context():
        for user_id in family["user_ids"]:
            db.session.delete(db.session.get(User, user_id))
        db.session.delete(db.session.get(Household, family["household_id"]))
        db.session.commit()
    assert _cells(_get(client, admin, "from=2025-12&to=2026-03")) == before
    _snapshot(app, date(2026, 4, 1))
    assert _cells(_get(client, admin, "from=2025-12&to=2026-03")) == before


def test_no_column_in_the_figures_tables_holds_a_personal_id(app, figures_world):
    from parent_app.extensions import db

    with app.app_context():
        inspector = inspect(db.engine)
        for table in FIGURE_TABLES:
            assert inspector.get_foreign_keys(table) == []
            columns = {c["name"] for c in inspector.get_columns(table)}
            assert columns <= {
                "area_id",
                "month",
                "milestone_key",
                "status",
                "role",
                "count",
                "counted_through_day",
                "rule_id",
                "course_id",
                "measure",
                "cut",
                "value",
            }, table
        # Every value, column by column: areas, months, keys, roles and counts.
        ids = {
            *db.session.scalars(select(db.metadata.tables["users"].c.id)),
            *db.session.scalars(select(db.metadata.tables["households"].c.id)),
            *db.session.scalars(select(db.metadata.tables["babies"].c.id)),
        }
        for table in FIGURE_TABLES[:4]:
            rows = list(
                db.session.execute(select(db.metadata.tables[table])).mappings()
            )
            assert rows, table
            for row in rows:
                assert row["area_id"] in {"dorset", BCP}
                assert len(row["month"]) == 7
                assert row.get("milestone_key", IMMS) in KEYS
                assert row.get("role", "birthing_parent") in {
                    "birthing_parent",
                    "partner",
                }
                assert row.get("measure", "done") in {
                    "windows_opened",
                    "booked",
                    "done",
                    "households",
                    "partner_joined",
                }
                assert (row.get("cut"), row.get("value")) in {
                    (None, None),
                    ("language", "en"),
                    ("language", "pl"),
                    ("partner", "joined"),
                    ("partner", "not_joined"),
                }
                assert not any(
                    str(value) == f"u{i}" for value in row.values() for i in ids
                )


def test_queries_cannot_be_differenced_down_to_a_family(client, app, figures_world):
    """Each cell reads the same whatever else a query asks for, and no query returns a
    total over months or areas: subtracting one query from another gives nothing new."""
    admin = make_staff(app, client, role="admin", areas=("dorset",))
    wide = _cells(_get(client, admin, "from=2025-12&to=2026-03"))
    for query in (
        "from=2026-01&to=2026-01",
        "from=2026-01&to=2026-02&area=dorset",
        f"area={BCP}&from=2026-02&to=2026-03",
        f"milestone={IMMS}",
    ):
        narrow = _cells(_get(client, admin, query))
        assert narrow and all(wide[key] == value for key, value in narrow.items())
    # A wider area is not a sum of its areas (no household lives in it).
    assert _cells(_get(client, admin, "area=hampshire-and-isle-of-wight")) == {}
    measures = {key[3] for key in wide}
    assert measures <= {"windows_opened", "booked", "done", "not_for_us"}
    assert {key[1] for key in wide} <= {"2025-12", "2026-01", "2026-02", "2026-03"}


def _cut_cells(response):
    assert response.status_code == 200, response.get_json()
    return {
        (r["area"], r["month"], r["measure"], r["group"]): r["count"]
        for r in response.get_json()["rows"]
        if r["milestone"] == IMMS
    }


def test_figures_by_language_with_the_same_suppression(client, app, figures_world):
    admin = make_staff(app, client, role="admin")
    cells = _cut_cells(
        _get_path(client, admin, "equity", "by=language&from=2026-01&to=2026-03")
    )
    assert cells == {
        ("dorset", "2026-01", "windows_opened", "pl"): 10,  # 8
        ("dorset", "2026-01", "windows_opened", "en"): None,  # 4
        ("dorset", "2026-01", "booked", "pl"): 10,  # 8
        ("dorset", "2026-01", "booked", "en"): None,  # 1 mum, 3 partners
        ("dorset", "2026-01", "done", "pl"): 10,
        ("dorset", "2026-01", "done", "en"): None,
        ("dorset", "2026-02", "windows_opened", "en"): None,  # 5
        (BCP, "2026-02", "windows_opened", "en"): 10,  # 8
        (BCP, "2026-03", "windows_opened", "en"): None,  # 5
    }


def test_figures_by_whether_a_partner_joined(client, app, figures_world):
    editor = make_staff(app, client, role="editor", areas=("dorset", BCP))
    response = _get_path(
        client, editor, "equity", f"by=partner&from=2026-01&to=2026-03&milestone={IMMS}"
    )
    assert _cut_cells(response) == {
        ("dorset", "2026-01", "windows_opened", "not_joined"): 10,  # 9
        ("dorset", "2026-01", "windows_opened", "joined"): None,  # 3
        ("dorset", "2026-01", "booked", "not_joined"): 10,  # 9 mums
        ("dorset", "2026-01", "booked", "joined"): None,  # 3 partners
        ("dorset", "2026-01", "done", "not_joined"): 10,
        ("dorset", "2026-01", "done", "joined"): None,
        ("dorset", "2026-02", "windows_opened", "not_joined"): None,  # 5
        (BCP, "2026-02", "windows_opened", "joined"): 10,  # 8
        (BCP, "2026-03", "windows_opened", "not_joined"): None,  # 5
    }
    lines = (
        _get_path(client, editor, "equity", f"by=partner&format=csv&area={BCP}")
        .get_data(as_text=True)
        .splitlines()
    )
    assert lines[0] == "area,month,milestone,measure,by,group,count,suppressed"
    assert f"{BCP},2026-02,{IMMS},windows_opened,partner,joined,10,no" in lines
    assert_error(_get_path(client, editor, "equity", "by=religion"), 422)
    assert_error(_get_path(client, editor, "equity", ""), 422)
    assert_error(_get_path(client, editor, "equity", "by=partner&area=hampshire"), 403)


def test_partner_shares_from_the_disclosed_counts(client, app, figures_world):
    admin = make_staff(app, client, role="admin")
    response = _get_path(client, admin, "partners", "from=2026-01&to=2026-03")
    assert response.status_code == 200
    rows = {
        (r["area"], r["month"], r["milestone"], r["measure"]): (
            r["part"],
            r["whole"],
            r["percent"],
        )
        for r in response.get_json()["rows"]
    }
    assert rows == {
        # 3 of 12 marks by partners: the partner cells are suppressed, so is the share.
        ("dorset", "2026-01", IMMS, "partner_share_of_marks"): (None, None, None),
        # 3 of 17 households: suppressed; BCP: 8 of 13, shown as 10 of 15.
        ("dorset", "2026-01", None, "households_with_partner"): (None, None, None),
        ("dorset", "2026-03", None, "households_with_partner"): (None, None, None),
        (BCP, "2026-01", None, "households_with_partner"): (10, 15, 67),
        (BCP, "2026-03", None, "households_with_partner"): (10, 15, 67),
    }
    csv_lines = (
        client.get(
            f"/api/v1/staff/figures/partners?area={BCP}&from=2026-01&to=2026-01",
            headers={**admin["headers"], "Accept": "text/csv"},
        )
        .get_data(as_text=True)
        .splitlines()
    )
    assert csv_lines == [
        "area,month,milestone,measure,part,whole,percent,suppressed",
        f"{BCP},2026-01,,households_with_partner,10,15,67,no",
    ]


def test_erasing_a_household_leaves_the_cuts_and_shares_unchanged(
    client, app, figures_world
):
    from parent_app.extensions import db
    from parent_app.models import Household, User

    admin = make_staff(app, client, role="admin")
    queries = [
        ("equity", "by=language&from=2025-12&to=2026-03"),
        ("equity", "by=partner&from=2025-12&to=2026-03"),
        ("partners", "from=2025-12&to=2026-03"),
    ]
    before = [_get_path(client, admin, *query).get_json() for query in queries]
    for _, _, _, family in figures_world[:8] + figures_world[17:25]:
        with app.app_context():
            for user_id in family["user_ids"]:
                db.session.delete(db.session.get(User, user_id))
            db.session.delete(db.session.get(Household, family["household_id"]))
            db.session.commit()
    _snapshot(app, date(2026, 3, 31))  # the month's households were taken already
    _snapshot(app, date(2026, 4, 1))
    assert [_get_path(client, admin, *query).get_json() for query in queries] == before


def test_cuts_cannot_be_differenced_down_to_a_family(client, app, figures_world):
    admin = make_staff(app, client, role="admin")
    for path, wide_query, narrow_queries in (
        (
            "equity",
            "by=language&from=2025-12&to=2026-03",
            [
                "by=language&from=2026-01&to=2026-01",
                f"by=language&area={BCP}",
                f"by=language&milestone={IMMS}&area=dorset",
            ],
        ),
        (
            "partners",
            "from=2025-12&to=2026-03",
            ["from=2026-01&to=2026-01", f"area={BCP}", f"milestone={IMMS}"],
        ),
    ):
        wide = {
            tuple(sorted((k, v) for k, v in row.items() if k not in COUNTS)): tuple(
                row[k] for k in sorted(COUNTS & row.keys())
            )
            for row in _get_path(client, admin, path, wide_query).json["rows"]
        }
        for query in narrow_queries:
            rows = _get_path(client, admin, path, query).json["rows"]
            assert rows
            for row in rows:
                key = tuple(sorted((k, v) for k, v in row.items() if k not in COUNTS))
                assert wide[key] == tuple(row[k] for k in sorted(COUNTS & row.keys()))
    # No wider area and no total over groups is ever given.
    assert (
        _get_path(
            client, admin, "equity", "by=language&area=hampshire-and-isle-of-wight"
        ).json["rows"]
        == []
    )
    groups = {
        r["group"]
        for r in _get_path(client, admin, "equity", "by=language").json["rows"]
    }
    assert groups == {"en", "pl"}


COUNTS = {"count", "suppressed", "part", "whole", "percent"}


def _get_path(client, staff, path, query):
    return client.get(f"/api/v1/staff/figures/{path}?{query}", headers=staff["headers"])
