"""`mara-desktop demo FILE` as a newcomer runs it: a case file that opens with the passphrase
the README states and passes its own checks, never made over an existing file."""

from __future__ import annotations

import json

from mara_desktop.demo import DEMO_PASSPHRASE
from tests.support.cli import run


def test_demo_then_verify_then_view(tmp_path):
    path = tmp_path / "northshire.mara"
    made = run("demo", path)
    assert made.returncode == 0, made.stderr
    assert DEMO_PASSPHRASE in made.stdout
    verified = run("verify", path, passphrase=DEMO_PASSPHRASE)
    assert verified.returncode == 0, verified.stderr
    assert "check out" in verified.stdout
    shown = run(
        "view", path, "--case", "case-02", "--as", "housing", "--json", passphrase=DEMO_PASSPHRASE
    )
    assert shown.returncode == 0, shown.stderr
    assert "i02" in json.loads(shown.stdout)["items"]  # the address, shared by the override


def test_demo_refuses_an_existing_file_and_leaves_it_alone(tmp_path):
    path = tmp_path / "taken.mara"
    path.write_bytes(b"someone else's work")
    result = run("demo", path)
    assert result.returncode == 4
    assert "already exists" in result.stderr and "Traceback" not in result.stderr
    assert path.read_bytes() == b"someone else's work"


def test_the_plain_text_view_says_when_something_was_held_back(tmp_path, protocol):
    path = tmp_path / "northshire.mara"
    assert run("demo", path).returncode == 0
    housing = run("view", path, "--case", "case-02", "--as", "housing", passphrase=DEMO_PASSPHRASE)
    assert protocol.withheld_notice[:60] in housing.stdout.replace("\n", " ")
    assert "Emergency department attendance" not in housing.stdout  # health, consent refused
    police = run("view", path, "--case", "case-01", "--as", "police", passphrase=DEMO_PASSPHRASE)
    assert "Safe number 07700 900123" in police.stdout
