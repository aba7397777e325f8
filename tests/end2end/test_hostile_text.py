"""Text that could act on a terminal, or crash the reader, driven through the real commands:
an import holding it is refused with exit 4 naming the place; what an older case file
already holds is printed with every such character shown as an escape, in text and JSON."""

from __future__ import annotations

import dataclasses
import json

from mara_desktop.domain.text_rules import UNSAFE_CHARACTERS
from mara_desktop.interchange.document import read_interchange
from mara_desktop.interchange.reader import Existing
from mara_desktop.resources import default_protocol_path
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.importer import import_content
from tests.conftest import PASSPHRASE
from tests.support.cli import run
from tests.support.documents import full_document

NAME = "Zofia \u202eawolK"
TEXT = "Seen at home.\x1b[2J\x1b[H\x07 Bail \x9b31m breached.\r Nothing to see\x00."


def new_case_file(tmp_path):
    path = tmp_path / "case.mara"
    CaseFile.create(path, PASSPHRASE, default_protocol_path().read_text("utf-8")).close()
    return path


def no_raw_control_characters(output: str) -> None:
    found = UNSAFE_CHARACTERS.search(output)
    assert found is None, f"raw U+{ord(found.group()):04X} at {found.start()}: {output!r}"


def test_an_import_with_control_characters_is_refused_naming_each_place(tmp_path):
    path = new_case_file(tmp_path)
    data = full_document()
    data["cases"][0]["people"][0]["name"] = NAME
    data["cases"][0]["items"][0]["text"] = TEXT
    data["cases"][0]["items"][1]["colour\x1b[31m"] = "red"
    source = tmp_path / "in\x1b[2J.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    result = run("import", path, source, passphrase=PASSPHRASE)
    assert result.returncode == 4, result.stderr
    no_raw_control_characters(result.stderr)
    lines = result.stderr.splitlines()
    assert lines[0] == f"{tmp_path}/in\\u001b[2J.json: 3 problems; nothing was imported."
    assert lines[1:] == [
        "  cases[0].people[0].name: holds the invisible right-to-left override (U+202E at character 7), which changes the order text is shown in: remove it",
        "  cases[0].items[0].text: holds the control character ESC (U+001B at character 14): remove it",
        '  cases[0].items[1].colour\\u001b[31m: unknown field "colour\\u001b[31m"',
    ]
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert case_file.case_ids() == set()


def test_json_nested_5000_deep_is_refused_with_its_line_and_column(tmp_path):
    path = new_case_file(tmp_path)
    source = tmp_path / "deep.json"
    source.write_text('{"format": "mara-interchange/1",\n"cases": ' + "[" * 5000 + "]" * 5000 + "}")
    result = run("import", path, source, passphrase=PASSPHRASE)
    assert (result.returncode, result.stderr) == (
        4,
        f"{source}:2:41: lists and objects are nested more than 32 deep; nothing was imported.\n",
    )


def held_with_control_characters(tmp_path):
    """A case file holding what the import now refuses, written past the reader's checks
    as a file from before them would hold it."""
    path = new_case_file(tmp_path)
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        content = read_interchange(full_document(), case_file.protocol, Existing())
        case = content.cases[0]
        people = (dataclasses.replace(case.people[0], name=NAME), *case.people[1:])
        intel = dataclasses.replace(case.items[-1], text=TEXT)
        case = dataclasses.replace(case, people=people, items=(*case.items[:-1], intel))
        content = dataclasses.replace(content, cases=(case, *content.cases[1:]))
        import_content(case_file, content, update=False)
    return path


def test_view_prints_what_a_file_already_holds_with_every_control_shown_as_an_escape(tmp_path):
    path = held_with_control_characters(tmp_path)
    shown = run("view", path, "--case", "case-1", "--as", "police", passphrase=PASSPHRASE)
    assert shown.returncode == 0, shown.stderr
    no_raw_control_characters(shown.stdout)
    assert "Victim: Zofia \\u202eawolK" in shown.stdout
    assert "Seen at home.\\u001b[2J\\u001b[H\\u0007 Bail \\u009b31m" in shown.stdout
    as_json = run(
        "view", path, "--case", "case-1", "--as", "police", "--json", passphrase=PASSPHRASE
    )
    assert as_json.returncode == 0, as_json.stderr
    no_raw_control_characters(as_json.stdout)
    data = json.loads(as_json.stdout)
    assert data["details"]["items"][0]["text"] == TEXT
    assert data["people"][0]["name"] == NAME


def test_a_mistyped_argument_is_repeated_with_its_controls_shown(tmp_path):
    result = run("view", tmp_path / "x.mara", "--case", "c", "--as", "police", "\x1b]0;owned\x07")
    assert result.returncode == 1
    no_raw_control_characters(result.stderr)
    assert "unrecognized arguments: \\u001b]0;owned\\u0007" in result.stderr
