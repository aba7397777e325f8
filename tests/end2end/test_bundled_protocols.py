"""Every protocol shipped in resources/protocols passes `protocol check` and prints its
matrix through the real command line; a file added there later is covered by itself."""

from __future__ import annotations

import pytest

from mara_desktop.protocol.loader import load_protocol
from mara_desktop.resources import bundled_protocols
from tests.support.cli import run

BUNDLED = bundled_protocols()


def test_the_three_bundled_protocols_are_shipped():
    assert {p.name for p in BUNDLED} >= {
        "england-wales-marac.toml",
        "example-consent-required.toml",
        "eige-police-guide-example.toml",
    }


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_protocol_check_accepts_it(path):
    result = run("protocol", "check", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith(f"{path}: valid. "), result.stdout


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.name)
def test_protocol_matrix_lists_every_category_and_agency(path):
    result = run("protocol", "matrix", path)
    assert result.returncode == 0, result.stderr
    protocol = load_protocol(path)
    rows = {line.split(" ", 1)[0] for line in result.stdout.splitlines() if line}
    assert {c.id for c in protocol.categories} <= rows
    for agency in protocol.agencies:
        assert f" {agency.id}  {agency.name}" in result.stdout
