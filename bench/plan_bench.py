"""Planning benchmark: one day's planning for N babies and 60 rules, set-based vs a
naive Python loop over the same data, and again with 10x the babies but the same number
due.

    python -m bench.plan_bench --babies 1000000 --database postgresql://postgres@127.0.0.1:5432/test
    python -m bench.plan_bench --babies 1000000 --database sqlite

Targets (issue 5): <= 5 s on PostgreSQL, >= 100x the naive loop, 10x babies <= 1.5x
time.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select, text

from config import TestingConfig

DAY = date(2026, 3, 2)
RULES = 60


def make_app(database: str):  # type: ignore[no-untyped-def]
    from parent_app import create_app

    url = (
        database
        if database != "sqlite"
        else f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"
    )
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://") :]
    return create_app({"BASE_CONFIG": TestingConfig, "SQLALCHEMY_DATABASE_URI": url})


def reset(app) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import _clean, reset_schema

    reset_schema(app)
    _clean(app)


def publish_rules(app) -> None:  # type: ignore[no-untyped-def]
    from parent_app.content.lifecycle import publish_from_catalogue
    from parent_app.extensions import db

    with app.app_context():
        for n in range(RULES):
            if n % 3 == 0:
                data = {"anchor": "due_date", "offset_days": -250 + 4 * n}
            elif n % 3 == 1:
                data = {"anchor": "birth", "offset_days": 7 * n}
            else:
                data = {
                    "anchor": "birth",
                    "offset_days": 10 * n,
                    "age_basis": "corrected",
                }
            data.update(
                slug=f"rule-{n}",
                title=f"Rule {n}",
                body="About {baby_name}.",
                topic="development",
                send_window_days=7,
                audience=("everyone", "partner", "birthing_parent")[n % 3],
            )
            publish_from_catalogue("nudge_rule", data, now=datetime.now(UTC))
        db.session.commit()


def populate(app, babies: int, *, due_now: bool, start_id: int) -> None:  # type: ignore[no-untyped-def]
    """`babies` households, each with a birthing parent, a partner in half of them, and
    one baby spread evenly over the 1001 days (or far outside every window when not
    due_now). Generated inside the database so that loading 10 million rows takes
    seconds."""
    from parent_app.domain.daynum import to_day
    from parent_app.extensions import db

    today = to_day(DAY)
    with app.app_context():
        postgres = db.engine.dialect.name == "postgresql"
        series = (
            f"SELECT generate_series({start_id}, {start_id + babies - 1}) AS n"
            if postgres
            else f"WITH RECURSIVE s(n) AS (SELECT {start_id} UNION ALL "
            f"SELECT n + 1 FROM s WHERE n < {start_id + babies - 1}) SELECT n FROM s"
        )
        spread = "(n % 1015) - 280" if due_now else "-5000 - (n % 1000)"
        statements = [
            "INSERT INTO households (id, area_id, created_at) SELECT n, 'dorset', :now "
            f"FROM ({series}) g",
            """INSERT INTO users (id, email, password_hash, role, area_id, """
            """household_id, reminder_time,
                   reminder_minute, timezone, language, discreet, created_at)
                SELECT 2 * n, 'm' || n || '@b.example', 'x', 'birthing_parent', """
            f"""'dorset', n, '10:00', 600,
                       'Europe/London', 'en', false, :now FROM ({series}) g""",
            """INSERT INTO users (id, email, password_hash, role, area_id, """
            """household_id, reminder_time,
                   reminder_minute, timezone, language, discreet, created_at)
                SELECT 2 * n + 1, 'p' || n || '@b.example', 'x', 'partner', """
            f"""'dorset', n, '10:00', 600,
                       'Europe/London', 'en', false, :now FROM ({series}) g
                WHERE n % 2 = 0""",
            """INSERT INTO babies (id, household_id, status, due_day, """
            f"""birth_day, corrected_birth_day,
                   gestation_weeks, gestation_days, created_at, updated_at)
                SELECT n, n,
                  CASE WHEN {spread} < 0 THEN 'expected' ELSE 'born' END,
                  {today} - ({spread}),
                  CASE WHEN {spread} < 0 THEN NULL ELSE {today} - ({spread}) END,
                  CASE WHEN {spread} < 0 THEN NULL ELSE {today} - ({spread}) """
            f"""+ (n % 5) * 14 END,
                  CASE WHEN {spread} < 0 THEN NULL ELSE 40 - (n % 5) * 2 END, """
            f"""0, :now, :now
                FROM ({series}) g""",
        ]
        for statement in statements:
            db.session.execute(text(statement), {"now": datetime.now(UTC)})
        db.session.commit()
        if postgres:
            db.session.execute(text("ANALYZE"))
            db.session.commit()


def time_planning(app, *, steady: bool = False) -> tuple[float, int]:  # type: ignore[no-untyped-def]
    """Plan DAY from an empty outbox (cold), or after DAY - 1 was planned (steady state:
    what the scheduler does each day, most due rows already written the day before)."""
    from parent_app.extensions import db
    from parent_app.nudges.planner import plan_due_nudges

    at = datetime.combine(DAY, datetime.min.time(), tzinfo=UTC) + timedelta(hours=6)
    with app.app_context():
        db.session.execute(text("DELETE FROM nudge_outbox"))
        db.session.execute(text("DELETE FROM nudge_plan_marks"))
        db.session.commit()
        if steady:
            plan_due_nudges(now=at - timedelta(days=1))
            db.session.commit()
        started = time.perf_counter()
        report = plan_due_nudges(now=at)
        db.session.commit()
        return time.perf_counter() - started, report.planned


def naive_loop(app, limit: int | None) -> tuple[float, int, int]:  # type: ignore[no-untyped-def]
    """What a first version would do: load every baby and adult, ask each rule of each
    baby."""
    from parent_app.domain import nudge_calendar as calendar
    from parent_app.domain.daynum import from_day
    from parent_app.extensions import db
    from parent_app.models import Baby, NudgeRule, User
    from parent_app.nudges.rules import timing_of

    with app.app_context():
        started = time.perf_counter()
        rules = [(r, timing_of(r)) for r in db.session.scalars(select(NudgeRule))]
        query = select(
            Baby.id,
            Baby.status,
            Baby.due_day,
            Baby.birth_day,
            Baby.corrected_birth_day,
            User.id,
            User.role,
        ).join(User, User.household_id == Baby.household_id)
        if limit:
            query = query.limit(limit)
        due = rows = 0
        for (
            _baby_id,
            status,
            due_day,
            birth_day,
            corrected_day,
            _user_id,
            role,
        ) in db.session.execute(query):
            rows += 1
            dates = calendar.BabyDates(
                status.value if hasattr(status, "value") else status,
                from_day(due_day) if due_day is not None else None,
                from_day(birth_day) if birth_day is not None else None,
                from_day(corrected_day)
                if corrected_day not in (None, birth_day)
                else None,
            )
            for rule, timing in rules:
                if calendar.audience_fits(
                    rule.audience, role.value
                ) and calendar.is_sendable(timing, dates, DAY):
                    due += 1
        return time.perf_counter() - started, due, rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--babies", type=int, default=1_000_000)
    parser.add_argument("--database", default="sqlite")
    parser.add_argument(
        "--naive-sample",
        type=int,
        default=200_000,
        help="baby-adult rows the naive loop reads (its cost is linear; scaled up)",
    )
    args = parser.parse_args()
    app = make_app(args.database)
    with app.app_context():
        from parent_app.extensions import db

        dialect = db.engine.dialect.name
    print(
        f"planning benchmark on {dialect}: {args.babies:,} babies, {RULES} rules, "
        f"day {DAY}"
    )
    reset(app)
    publish_rules(app)
    started = time.perf_counter()
    populate(app, args.babies, due_now=True, start_id=1)
    print(f"  loaded {args.babies:,} families in {time.perf_counter() - started:.1f}s")
    time_planning(app)  # warm caches
    cold_seconds, cold_planned = time_planning(app)
    print(
        f"  set-based planning, empty outbox: {cold_seconds:.3f}s, "
        f"{cold_planned:,} nudges planned"
    )
    seconds, planned = time_planning(app, steady=True)
    print(
        f"  set-based planning, a day after the previous one: {seconds:.3f}s, "
        f"{planned:,} new nudges"
    )
    naive_seconds, naive_due, rows = naive_loop(app, args.naive_sample)
    with app.app_context():
        from parent_app.extensions import db

        total_rows = db.session.scalar(
            text(
                "SELECT count(*) FROM babies b "
                "JOIN users u ON u.household_id = b.household_id"
            )
        )
    scaled = naive_seconds * total_rows / max(rows, 1)
    print(
        f"  naive loop: {naive_seconds:.2f}s over {rows:,} of {total_rows:,} "
        "baby-adult rows "
        f"-> {scaled:.1f}s for all (linear), {naive_due:,} due in the sample"
    )
    print(
        f"  speed-up: {scaled / seconds:.0f}x day-after, "
        f"{scaled / cold_seconds:.0f}x empty outbox"
        " (target >= 100x)"
    )
    populate(app, args.babies * 9, due_now=False, start_id=args.babies + 1)
    seconds_10x, planned_10x = time_planning(app, steady=True)
    print(
        f"  with 10x babies ({args.babies * 10:,}), same due: {seconds_10x:.3f}s, "
        f"{planned_10x:,} planned, "
        f"ratio {seconds_10x / seconds:.2f}x (target <= 1.5x)"
    )
    if dialect == "postgresql":
        print(
            "  target <= 5 s on PostgreSQL (day after): "
            f"{'met' if seconds <= 5 else 'MISSED'}"
        )


if __name__ == "__main__":
    main()
