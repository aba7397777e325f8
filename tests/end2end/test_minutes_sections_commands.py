"""The command line's part in the minutes' own sections and the common copy, as a user runs
it: `conference new --minute-taker --next-meeting --other-business-file`, and `minutes
--common`; bad input refused with one line, nothing written."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.domain import MinutesSections
from mara_desktop.session import Session
from tests.support.cli import environment, one_clear_line, run
from tests.support.files import digest

NEW = ("--date", "2027-11-26", "--venue", "Room 4", "--chair", "DI Example")


def test_a_new_conference_takes_its_sections_from_the_options(demo_path, tmp_path):
    business = tmp_path / "aob.txt"
    business.write_text("Training on 14 January.\nNew room from February.\n", encoding="utf-8")
    made = run(
        "conference", "new", demo_path, *NEW, "--minute-taker", "Pat Notes",
        "--next-meeting", "2027-12-24", "--other-business-file", business,
        passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        conference = session.conference("marac-2027-11-26")
    assert conference is not None
    assert conference.sections == MinutesSections(
        "Pat Notes", date(2027, 12, 24), "Training on 14 January.\nNew room from February."
    )


def test_other_business_may_come_from_standard_input(demo_path):
    made = subprocess.run(
        [sys.executable, "-m", "mara_desktop", "conference", "new", str(demo_path), *NEW,
         "--other-business-file", "-"],
        env=environment(DEMO_PASSPHRASE), input="Read from the pipe.", capture_output=True,
        text=True, timeout=120, check=False,
    )  # fmt: skip
    assert made.returncode == 0, made.stderr
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        conference = session.conference("marac-2027-11-26")
    assert conference is not None and conference.other_business == "Read from the pipe."


@pytest.mark.parametrize(
    ("extra", "sentence"),
    [
        (["--next-meeting", "2027-11-26"], "The next meeting's date must be after this meeting's."),
        (["--other-business-file", "missing.txt"], "the other business cannot be read"),
    ],
)
def test_bad_sections_are_one_line_and_write_nothing(demo_path, tmp_path, extra, sentence):
    before = digest(demo_path)
    unreadable = "--other-business-file" in extra
    extra = [str(tmp_path / e) if e.endswith(".txt") else e for e in extra]
    done = run("conference", "new", demo_path, *NEW, *extra, passphrase=DEMO_PASSPHRASE)
    assert done.returncode == 4
    assert sentence in one_clear_line(done)
    if unreadable:
        assert digest(demo_path) == before  # refused before the case file was opened
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        assert "marac-2027-11-26" not in session.conference_ids()


def test_minutes_common_writes_the_common_copy(demo_path, tmp_path):
    out = tmp_path / "out"
    done = run(
        "minutes", demo_path, "--conference", DEMO_CONFERENCE, "--agency", "police", "--common", "--accept-mentions",
        "--out", out, passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    entries = {e["agency"]: e for e in manifest["files"]}
    assert set(entries) == {"police", "common"}
    assert entries["common"]["file"] == "2026-11-26-minutes-common.pdf"
    assert entries["common"]["leak_check"] == "passed"
    assert (out / "2026-11-26-minutes-common.pdf").exists()
