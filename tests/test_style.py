"""The house style is part of the build: ruff clean, the core Qt-free, and one door to the
case file for screens and minutes."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CORE = ("domain", "protocol", "views", "session", "store", "minutes", "interchange")
THROUGH_THE_SESSION = ("ui", "minutes")
"""Layers that reach the case file only through the session (DESIGN.md, "One door")."""
STORE = "mara_desktop.store"


def test_ruff_lint_and_format_are_clean():
    for args in (["check", "."], ["format", "--check", "."]):
        result = subprocess.run(
            [sys.executable, "-m", "ruff", *args],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_core_never_imports_qt():
    for layer in CORE:
        assert (REPO / "mara_desktop" / layer).is_dir(), layer
        for module in (REPO / "mara_desktop" / layer).rglob("*.py"):
            text = module.read_text("utf-8")
            assert "PySide6" not in text, f"{module} mentions PySide6"


def imported(source: str, package: str) -> Iterator[str]:
    """Every module an import statement of `source` (a module of `package`) names, and
    every name it imports from one, with relative imports resolved."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parent = parts[: len(parts) - node.level + 1]
                base = ".".join([*parent, *([node.module] if node.module else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _names_the_store(module: str) -> bool:
    return module == STORE or module.startswith(f"{STORE}.")


@pytest.mark.parametrize(
    "source",
    [
        "from mara_desktop.store.casefile import CaseFile",
        "import mara_desktop.store.keychain",
        "import mara_desktop.store as store",
        "from mara_desktop import store",
        "from ..store import audit",
        "from ..store.errors import DamagedCaseFile",
        "from .. import store",
        "def f():\n    from mara_desktop.store import audit",
    ],
)
def test_every_way_of_importing_the_store_is_seen(source):
    assert any(_names_the_store(m) for m in imported(source, "mara_desktop.ui"))


def test_screens_and_minutes_reach_the_case_file_only_through_the_session():
    """No widget and no PDF template imports the store: what they show or print comes from
    the session, as views for an audience."""
    found = []
    for layer in THROUGH_THE_SESSION:
        for path in sorted((REPO / "mara_desktop" / layer).rglob("*.py")):
            package = ".".join(path.relative_to(REPO).parts[:-1])
            names = imported(path.read_text("utf-8"), package)
            found += [f"{path.relative_to(REPO)}: {m}" for m in names if _names_the_store(m)]
    assert found == []


def test_mypy_is_clean_everywhere_it_is_configured():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
