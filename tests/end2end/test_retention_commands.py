"""`close`, `reopen`, `retention` and `purge` as a user runs them: the lists in text and
JSON, a purge that leaves no page holding the case and names the copies made before it,
and bad input refused with one line (exit 1 for a purge not confirmed, 2 for a passphrase
not typed, 4 for the rest), nothing changed."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest

from mara_desktop.cli import main
from mara_desktop.session import InUse, Session
from mara_desktop.store.casefile import CaseFile
from tests.conftest import PASSPHRASE
from tests.support.cli import one_clear_line, run
from tests.support.retention import GONE, GONE_WORDS, KEPT, KEPT_WORDS, OPEN, build

TODAY = date.today()
CLOSED_ON = TODAY - timedelta(days=8 * 366)


@pytest.fixture
def path(tmp_path):
    path = tmp_path / "file.mara"
    with build(path, TODAY) as session:
        session.close_case(GONE, CLOSED_ON, "Moved away")
    return path


def _purge(path, case_id: str = GONE, *extra: object, passphrase: str | None = PASSPHRASE):
    return run("purge", path, "--case", case_id, *extra, passphrase=passphrase)


def _still_there(path) -> bool:
    with Session.open(path, passphrase=PASSPHRASE) as session:
        return GONE in session.case_ids()


def test_retention_lists_due_cases_and_apart_open_ones_not_heard(path):
    listed = run("retention", path, passphrase=PASSPHRASE)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == "The protocol keeps a case 7 years after it is closed or transferred."
    assert f"  {GONE}  {GONE_WORDS[0]}, closed on {CLOSED_ON}" in lines
    assert lines.index("Open cases not heard for a year (close them, or keep them open):") > 1
    data = json.loads(run("retention", path, "--json", passphrase=PASSPHRASE).stdout)
    assert data["retention_years"] == 7
    assert [(e["case"], e["closed_on"]) for e in data["due"]] == [(GONE, CLOSED_ON.isoformat())]
    assert {e["case"] for e in data["not_heard_for_a_year"]} == {KEPT, OPEN}


def test_without_a_period_retention_says_so_in_one_sentence(tmp_path):
    path = tmp_path / "file.mara"
    build(path, TODAY, years=None).close()
    listed = run("retention", path, passphrase=PASSPHRASE)
    assert listed.returncode == 0, listed.stderr
    assert listed.stdout == (
        "The protocol sets no retention period (retention_years), so no case is due for purging.\n"
    )
    data = json.loads(run("retention", path, "--json", passphrase=PASSPHRASE).stdout)
    assert data == {"retention_years": None, "due": []}


def test_close_and_reopen_from_the_command_line(path, tmp_path):
    reason = tmp_path / "reason.txt"
    reason.write_text("Victim safe; no further incidents", encoding="utf-8")
    closed = run(
        "close", path, "--case", KEPT, "--on", TODAY.isoformat(), "--reason-file", reason,
        passphrase=PASSPHRASE,
    )  # fmt: skip
    assert closed.returncode == 0, closed.stderr
    with Session.open(path, passphrase=PASSPHRASE) as session:
        assert session.header_for_chair(KEPT).closed_reason == "Victim safe; no further incidents"
    assert run("reopen", path, "--case", KEPT, passphrase=PASSPHRASE).returncode == 0
    again = run("reopen", path, "--case", KEPT, passphrase=PASSPHRASE)
    assert again.returncode == 4
    assert one_clear_line(again) == f'Case "{KEPT}" is open already.'
    no_reason = run("close", path, "--case", KEPT, passphrase=PASSPHRASE)
    assert no_reason.returncode == 1
    assert "--reason-file" in one_clear_line(no_reason)


def test_a_purge_leaves_no_page_holding_the_case_and_names_earlier_copies(path):
    backup = path.with_name("before.mara")
    assert run("backup", path, backup, passphrase=PASSPHRASE).returncode == 0
    purged = _purge(path, GONE, "--confirm", GONE_WORDS[0])
    assert purged.returncode == 0, purged.stderr
    assert purged.stdout.startswith(f"Purged case {GONE}: no page of the file holds")
    assert f"  {backup} (encrypted copy)" in purged.stdout.splitlines()
    with CaseFile.open(path, passphrase=PASSPHRASE, read_only=True) as case_file:
        assert case_file.texts_in_pages(GONE_WORDS) == set()
        assert case_file.texts_in_pages(KEPT_WORDS) == set(KEPT_WORDS)
    with CaseFile.open(backup, passphrase=PASSPHRASE, read_only=True) as copy:
        assert copy.texts_in_pages(GONE_WORDS[:1]) == {GONE_WORDS[0]}  # the chair's to deal with


@pytest.mark.parametrize(
    ("case_id", "extra", "code", "line"),
    [
        (GONE, (), 1, "A purge cannot be undone: confirm it with --confirm REFERENCE"),
        (GONE, ("--confirm", "GONE-REF-QX8"), 4, f'That is not the reference of case "{GONE}"'),
        (OPEN, ("--confirm", "OPEN-REF-77"), 4, f'Case "{OPEN}" is still open: close it first'),
        ("nobody", ("--confirm", "X"), 4, 'There is no case "nobody" in this case file.'),
    ],
)
def test_bad_purges_are_one_line_and_change_nothing(path, case_id, extra, code, line):
    refused = _purge(path, case_id, *extra)
    assert refused.returncode == code
    assert one_clear_line(refused).startswith(line)
    assert _still_there(path)


def test_a_case_on_a_coming_agenda_is_not_purged(path):
    with Session.open(path, passphrase=PASSPHRASE) as session:
        conference = session.new_conference(TODAY + timedelta(days=7), "Room 2", "DI Sam")
        session.add_to_agenda(conference, GONE)
    refused = _purge(path, GONE, "--confirm", GONE_WORDS[0])
    assert refused.returncode == 4
    assert "on the agenda of the conference of" in one_clear_line(refused)
    assert _still_there(path)


def test_a_purge_never_takes_the_remembered_key(path, monkeypatch, capsys):
    """In this process, where the test keychain remembers the key: other commands open
    the file with it, purge asks for the passphrase (and, with no terminal, stops)."""
    monkeypatch.delenv("MARA_PASSPHRASE", raising=False)
    with Session.open(path, passphrase=PASSPHRASE) as session:
        session.remember_on_this_device()
    assert main(["retention", str(path)]) == 0
    assert main(["purge", str(path), "--case", GONE, "--confirm", GONE_WORDS[0]]) == 2
    assert capsys.readouterr().err.startswith("No passphrase:")
    assert _still_there(path)


def test_a_file_open_in_the_app_is_not_purged(path):
    claim = InUse.claim(path)
    try:
        refused = _purge(path, GONE, "--confirm", GONE_WORDS[0])
    finally:
        claim.release()
    assert refused.returncode == 4
    assert "already open in MARA Desktop" in one_clear_line(refused)
    assert _still_there(path)
