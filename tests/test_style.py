"""The house style is part of the build: ruff clean, and the core is Qt-free."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORE = ("domain", "protocol", "views", "store", "minutes", "interchange")


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
        for module in (REPO / "mara_desktop" / layer).rglob("*.py"):
            text = module.read_text("utf-8")
            assert "PySide6" not in text, f"{module} mentions PySide6"


def test_mypy_is_clean_everywhere_it_is_configured():
    result = subprocess.run(
        [sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
