"""Anonymous uptake figures: written with the event, held without any personal id,
read with disclosure control, unchanged by erasure and not differenceable."""

from datetime import UTC, date, datetime, timedelta

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
    "figures_window_marks",
    "figures_nudge_reach",
)


def _families(app):
    """30 households across two areas and three months; in Dorset's January families,
    9 birthing parents and 3 partners mark the vaccinations done."""
    families = []
    for (area, month), how_many in OPENINGS.items():
        year, mon = map(int, month.split("-"))
        for i in range(how_many):
            opens = date(year, mon, 3 + i)
            family = make_family(
                app,
                born_on=opens - timedelta(days=56),
                area=area,
                partner=(area, month) == ("dorset", "2026-01") and i >= 9,
            )
            families.append((area, month, i, family))
    assert len(families) == 30
    return families


def _snapshot(app, on):
    from parent_app.extensions import db
    from parent_app.milestones.figures import snapshot_windows

    with app.app_context():
        snapshot_windows(today=on)
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
                "measure",
            }, table
        # Every value, column by column: areas, months, keys, roles and counts.
        ids = {
            *db.session.scalars(select(db.metadata.tables["users"].c.id)),
            *db.session.scalars(select(db.metadata.tables["households"].c.id)),
            *db.session.scalars(select(db.metadata.tables["babies"].c.id)),
        }
        for table in FIGURE_TABLES[:2]:
            for row in db.session.execute(select(db.metadata.tables[table])).mappings():
                assert row["area_id"] in {"dorset", BCP}
                assert len(row["month"]) == 7
                assert row["milestone_key"] in KEYS
                assert row.get("role", "birthing_parent") in {
                    "birthing_parent",
                    "partner",
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
