"""The pure domain imports no framework, no database and no other parent_app package."""

import ast
from pathlib import Path

import pytest

DOMAIN = Path(__file__).resolve().parents[2] / "parent_app" / "domain"
FORBIDDEN = (
    "flask",
    "sqlalchemy",
    "flask_smorest",
    "marshmallow",
    "werkzeug",
    "requests",
)


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
    return names


@pytest.mark.parametrize("path", sorted(DOMAIN.rglob("*.py")), ids=lambda p: p.name)
def test_domain_module_imports_nothing_outside_the_domain(path: Path) -> None:
    for name in _imports(path):
        top = name.split(".")[0]
        assert top not in FORBIDDEN, f"{path.name} imports {name}"
        if top == "parent_app":
            assert name.startswith("parent_app.domain"), f"{path.name} imports {name}"
