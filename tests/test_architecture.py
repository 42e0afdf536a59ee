"""The package's shape: every module is found by reading imports, never loaded from a
string. (The layers themselves are checked by `lint-imports`, see pyproject.toml.)"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "parent_app"


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_is_loaded_from_a_string():
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Call):
                func = node.func
                if isinstance(func, ast.Attribute) and func.attr == "import_module":
                    name = "import_module"
                elif isinstance(func, ast.Name) and func.id in {
                    "__import__",
                    "import_module",
                }:
                    name = func.id
            if name:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert found == [], "modules loaded from strings: " + ", ".join(found)


def test_the_extensions_module_imports_nothing_from_the_package():
    tree = ast.parse((PACKAGE / "extensions.py").read_text(encoding="utf-8"))
    imported = [
        node.module
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module
    ] + [
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    ]
    assert [name for name in imported if name.startswith("parent_app")] == []


# Only the boundary reads the clock or the app's configuration: services take `today` /
# `now` and their settings from the caller. Each allowed module says why.
BOUNDARY = {
    "parent_app/__init__.py": "the app factory",
    "parent_app/devserver.py": "the development server",
    "parent_app/cli.py": "the CLI",
    "parent_app/outbox/jobs.py": "the job wrappers (the scheduler's and the CLI's)",
    "parent_app/nudges/jobs.py": "the planning job wrapper",
    "parent_app/nudges/scheduler.py": "the scheduler process",
    # The time a row was written (a column default), not a rule.
    "parent_app/models/types.py": "utcnow, the timestamp columns' default",
    # How hard password hashing works is a deployment setting, not a business rule.
    "parent_app/accounts/passwords.py": "argon2 cost settings",
}
BOUNDARY_PACKAGES = ("parent_app/api/", "parent_app/web/")
CLOCK_CALLS = {
    ("date", "today"),
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("time", "time"),
    ("time", "time_ns"),
}


def _is_boundary(relative: str) -> bool:
    return (
        relative in BOUNDARY
        or relative.startswith(BOUNDARY_PACKAGES)
        or relative.endswith("/commands.py")
    )


def _clock_and_config_reads(tree: ast.AST) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and (func.value.id, func.attr) in CLOCK_CALLS
            ):
                found.append((node.lineno, f"{func.value.id}.{func.attr}()"))
            elif isinstance(func, ast.Name) and func.id == "utcnow":
                found.append((node.lineno, "utcnow()"))
        elif (
            isinstance(node, ast.Attribute)
            and node.attr == "config"
            and isinstance(node.value, ast.Name)
            and node.value.id == "current_app"
        ):
            found.append((node.lineno, "current_app.config"))
    return found


def test_only_the_boundary_reads_the_clock_or_the_config():
    found = []
    for path in _modules():
        relative = path.relative_to(PACKAGE.parent).as_posix()
        if _is_boundary(relative):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += [
            f"{relative}:{line} {what}" for line, what in _clock_and_config_reads(tree)
        ]
    assert found == [], (
        "read the clock or current_app.config below the boundary (pass today/now or "
        "the setting from the caller): " + ", ".join(found)
    )


def test_the_clock_check_finds_what_it_looks_for():
    source = (
        "from datetime import date, datetime\n"
        "from flask import current_app\n"
        "def f():\n"
        "    a = date.today()\n"
        "    b = datetime.now(UTC)\n"
        "    c = utcnow()\n"
        "    return current_app.config['X']\n"
    )
    assert [what for _, what in _clock_and_config_reads(ast.parse(source))] == [
        "date.today()",
        "datetime.now()",
        "utcnow()",
        "current_app.config",
    ]


def test_every_list_endpoint_pages_through_the_one_helper():
    """Pages are cut in one place (api.common.paginate): no endpoint fetches limit+1
    rows or cuts a page itself."""
    found = []
    for path in sorted((PACKAGE / "api").glob("*.py")):
        if path.name == "common.py":
            continue
        text = path.read_text(encoding="utf-8")
        for needle in ("page_of(", '["limit"] + 1', "def paginate("):
            if needle in text:
                found.append(f"{path.name}: {needle}")
    assert found == []


IMPORT_EVERYTHING = """
import importlib, pkgutil
import parent_app
for module in pkgutil.walk_packages(parent_app.__path__, "parent_app."):
    importlib.import_module(module.name)
from sqlalchemy import event
from sqlalchemy.orm import Session
from parent_app.content import kinds
from parent_app.nudges import replans
from parent_app.privacy import registry
print(len(kinds.known_kinds()), len(registry.personal_data()),
      event.contains(Session, "after_flush", replans._queue_changed_families))
"""


def test_importing_the_package_fills_no_registry():
    """Content kinds, personal-data tables and the flush-time replan queue are
    registered by create_app, by name; importing modules registers nothing."""
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", IMPORT_EVERYTHING],
        capture_output=True,
        text=True,
        check=True,
        cwd=PACKAGE.parent,
    )
    assert result.stdout.split() == ["0", "0", "False"]


def test_create_app_registers_them(app):
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from parent_app.content.kinds import known_kinds
    from parent_app.nudges import replans
    from parent_app.privacy.registry import personal_data

    assert known_kinds() == {"article", "nudge_rule", "location", "course"}
    assert {"account", "bookings", "family_invites", "finance_actions"} <= {
        entry.name for entry in personal_data()
    }
    assert event.contains(Session, "after_flush", replans._queue_changed_families)


def test_topics_are_named_in_one_vocabulary():
    """Every topic list is drawn from content/vocab.py's TOPICS: no other module
    spells out topics of its own (a course and an article on feeding share a key and
    a name)."""
    vocab = PACKAGE / "content" / "vocab.py"
    found = []
    for path in _modules():
        if path == vocab:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = (
                    node.targets if isinstance(node, ast.Assign) else [node.target]
                )
                names = [t.id for t in targets if isinstance(t, ast.Name)]
                if any(name.endswith("TOPICS") for name in names) and isinstance(
                    node.value, ast.Dict | ast.Set | ast.List | ast.Tuple
                ):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert found == [], "topic lists outside content/vocab.py: " + ", ".join(found)


def test_each_kind_offers_topics_of_the_one_vocabulary():
    from parent_app.content.vocab import ARTICLE_TOPICS, COURSE_TOPICS, TOPICS

    for topics in (ARTICLE_TOPICS, COURSE_TOPICS):
        assert topics.items() <= TOPICS.items()
    assert set(ARTICLE_TOPICS) | set(COURSE_TOPICS) == set(TOPICS)


MAX_FUNCTION_LINES = 60


def test_no_function_is_longer_than_sixty_lines():
    """A long rule is split into named steps that read like the rule (STYLE.md):
    no function or method in the package runs over 60 lines, its signature,
    docstring and body counted."""
    found = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    where = path.relative_to(PACKAGE.parent)
                    found.append(f"{where}:{node.lineno} {node.name} ({lines} lines)")
    assert found == [], "split into named steps: " + ", ".join(found)
