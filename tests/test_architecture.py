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
