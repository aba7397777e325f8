"""Export writes a case at a time, never the whole document in memory, yet writes the very
bytes that `json.dumps` of the whole document wrote before."""

from __future__ import annotations

import json

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import CaseFileContent, Item, Subject
from mara_desktop.interchange.writer import document
from mara_desktop.store import repository
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import add_item
from tests.conftest import PASSPHRASE
from tests.support.cli import run
from tests.support.documents import full_document, minimal_case
from tests.support.importing import load


def whole_document_bytes(content: CaseFileContent, key: bytes | None = None) -> bytes:
    """What the export wrote before it streamed: the whole document, dumped at once."""
    whole = document(content, key)
    return (json.dumps(whole, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def exported(path, tmp_path, passphrase: str) -> bytes:
    out = tmp_path / "out.json"
    result = run("export", path, out, passphrase=passphrase)
    assert result.returncode == 0, result.stderr
    return out.read_bytes()


def test_the_demo_exports_the_bytes_of_the_whole_document(demo_path, tmp_path):
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE, read_only=True) as case_file:
        content, key = case_file.content(), case_file.action_reference_key
    assert content.cases and content.conferences
    assert exported(demo_path, tmp_path, DEMO_PASSPHRASE) == whole_document_bytes(content, key)


def generated() -> dict:
    """More cases than one batch holds, full and minimal, with text that tests the
    indentation: line breaks and tabs (escaped in JSON), quotes, U+2028, letters beyond
    Latin-1 and an emoji."""
    data = full_document(2 * repository.BATCH + 7)
    data["cases"][5]["items"][0]["text"] = 'Line one\n\tline "two"\u2028 – Zażółć 🙂 {[1, 2]}'
    data["cases"].insert(300, minimal_case())
    return data


def test_a_generated_file_exports_the_bytes_of_the_whole_document(new_file, tmp_path):
    load(new_file, generated())
    content, key = new_file.content(), new_file.action_reference_key
    new_file.close()
    assert exported(new_file.path, tmp_path, PASSPHRASE) == whole_document_bytes(content, key)


def test_an_empty_file_exports_the_bytes_of_the_whole_document(new_file, tmp_path):
    key = new_file.action_reference_key
    assert key is not None
    new_file.close()
    expected = whole_document_bytes(CaseFileContent(), key)
    assert expected == (
        b'{\n  "format": "mara-interchange/1",\n  "action_reference_key": "'
        + key.hex().encode()
        + b'",\n  "conferences": [],\n  "cases": []\n}\n'
    )
    assert exported(new_file.path, tmp_path, PASSPHRASE) == expected


def test_an_export_sees_the_file_as_it_was_when_it_began(new_file):
    load(new_file, full_document(2 * repository.BATCH + 7))
    with CaseFile.open(new_file.path, passphrase=PASSPHRASE) as other_window:
        with new_file.snapshot():
            batches = new_file.case_batches()
            first = next(batches)
            added = Item("late", "risk-summary", "police", Subject.CASE, "Added meanwhile.")
            add_item(other_window, "case-400", added)
            rest = [case for batch in batches for case in batch]
        assert [c.id for c in first + rest] == [f"case-{n}" for n in range(1, 508)]
        assert added not in rest[399 - len(first)].items
        assert added in new_file.case("case-400").items
