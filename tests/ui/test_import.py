"""Case file ▸ Import… brings in a real interchange file as the `import` command does: all
or nothing, one sentence naming what is wrong and where, and no path left behind."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.ui.console import ChairConsole
from tests.support.cli import run
from tests.support.documents import changed, full_document
from tests.ui.file_dialog_answers import FileDialogAnswers, flush_deleted


@pytest.fixture
def sent(tmp_path: Path) -> Path:
    """The folder the coordinator's file arrived in: its name is itself case data."""
    folder = tmp_path / "Smith family MARAC"
    folder.mkdir()
    return folder


def january_meeting() -> dict[str, Any]:
    document = full_document(cases=2)
    document["conferences"][0].update(id="ns-2027-01-07", date="2027-01-07")
    for case in document["cases"]:
        for action in case["actions"]:
            action["conference"] = "ns-2027-01-07"
    return document


def written(folder: Path, name: str, document: dict[str, Any] | str) -> Path:
    path = folder / name
    text = document if isinstance(document, str) else json.dumps(document, ensure_ascii=False)
    path.write_text(text, "utf-8")
    return path


def meetings_offered(console: ChairConsole) -> list[str]:
    chooser = console.agenda.conferences
    return [chooser.itemText(i) for i in range(chooser.count())]


def import_through_the_menu(console: ChairConsole, path: Path) -> FileDialogAnswers:
    answers = FileDialogAnswers(str(path), messages=1)
    console.commands.import_file.trigger()
    return answers


def test_the_import_command_is_in_the_case_file_menu(console: ChairConsole) -> None:
    (menu,) = [a.menu() for a in console.menuBar().actions() if a.text() == "&Case file"]
    assert console.commands.import_file in menu.actions()
    assert console.commands.import_file.text() == "Import…"


def test_a_good_file_adds_its_cases_and_meeting_and_the_chair_stays_put(
    console: ChairConsole, sent: Path, test_home: Path
) -> None:
    session = console.session
    assert session is not None and console.meeting is not None
    console.next()
    heard = console.meeting.current
    offered = meetings_offered(console)
    answers = import_through_the_menu(console, written(sent, "january.json", january_meeting()))
    assert answers.titles == ["Import cases and conferences — MARA Desktop"]
    assert answers.messages == [
        "Imported january.json: 2 cases and 1 meeting added.\n"
        "New meeting, under Meeting on the left: Northshire MARAC, 7 Jan 2027."
    ]
    assert meetings_offered(console) == [*offered, "Northshire MARAC, 7 Jan 2027"]
    assert console.meeting.conference.id == "ns-2026-11-26" and console.meeting.current == heard
    assert {"case-1", "case-2"} <= session.case_ids()
    assert session.audit_records()[-1].action == "import"
    assert console.statusBar().currentMessage() == ""  # not "changed by another program"
    flush_deleted()
    leaked = [p for p in test_home.rglob("*") if p.is_file() and b"Smith family" in p.read_bytes()]
    assert leaked == []


def test_the_new_meeting_can_then_be_chosen(console: ChairConsole, sent: Path) -> None:
    import_through_the_menu(console, written(sent, "january.json", january_meeting()))
    console.choose_conference("ns-2027-01-07")
    assert console.meeting is not None and console.meeting.order == ["case-1", "case-2"]


def unknown_category() -> dict[str, Any]:
    document = changed(january_meeting())
    document["cases"][1]["items"][0]["category"] = "health"
    return document


def already_held() -> dict[str, Any]:
    document = changed(january_meeting())
    document["cases"][0]["id"] = "case-01"
    document["conferences"][0]["agenda"][0] = "case-01"
    return document


BAD = {
    "not JSON": ("{\n  not json", "{file}:2:3: not valid JSON (Expecting property name enclosed in double quotes); nothing was imported."),
    "cut short": (json.dumps(january_meeting())[:900], "{file}:1:901: not valid JSON"),
    "unknown category": (unknown_category(), '{file}: cases[1].items[0].category: unknown category "health" (did you mean "victim-health"?); nothing was imported.'),
    "case already held": (already_held(), '{file}: cases[0].id: case "case-01" is already in the case file (use --update to replace it); nothing was imported.'),
}  # fmt: skip


@pytest.mark.parametrize("kind", BAD)
def test_a_bad_file_is_refused_in_one_sentence_and_nothing_changes(
    console: ChairConsole, sent: Path, tmp_path: Path, kind: str
) -> None:
    session = console.session
    assert session is not None
    document, sentence = BAD[kind]
    path = written(sent, "bad.json", document)
    session.export_interchange(tmp_path / "before.json")
    log = session.audit_records()
    offered = meetings_offered(console)
    answers = import_through_the_menu(console, path)
    (message,) = answers.messages
    assert message.startswith(sentence.format(file=path)) and "\n" not in message
    assert session.audit_records() == log
    session.export_interchange(tmp_path / "after.json")
    assert (tmp_path / "after.json").read_bytes() == (tmp_path / "before.json").read_bytes()
    assert meetings_offered(console) == offered


def test_cancelling_the_file_dialog_imports_nothing(console: ChairConsole) -> None:
    session = console.session
    assert session is not None
    session.ensure_sound()  # the opening is recorded now, not by the file watcher mid-test
    log = session.audit_records()
    answers = FileDialogAnswers(None)
    console.import_file()
    assert answers.messages == [] and session.audit_records() == log


def test_the_menu_says_what_the_import_command_says(
    console: ChairConsole, demo_path: Path, sent: Path
) -> None:
    """One reader and one set of checks: the command refuses the same file in the same
    sentence (and exit code 4)."""
    path = written(sent, "bad.json", unknown_category())
    answers = import_through_the_menu(console, path)
    command = run("import", demo_path, path, passphrase=DEMO_PASSPHRASE)
    assert command.returncode == 4
    assert command.stderr.splitlines()[0] == answers.messages[0]
