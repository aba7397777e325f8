"""Stable action references in the demo minutes, read back with pypdf: the same action has
the same reference in every copy that shows it, and the manifest maps each copy's actions
to the references it prints."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.domain.action_reference import ALPHABET
from mara_desktop.minutes.export import MinutesRequest, distribution, export_minutes
from mara_desktop.session import Session
from tests.support.files import private_copy
from tests.support.pdf_text import normalised, page_texts

REFERENCE = re.compile(rf"A-[{ALPHABET}]{{7}}")


def export(session: Session, out: Path) -> dict[str, dict[str, object]]:
    conference = session.conference(DEMO_CONFERENCE)
    assert conference is not None
    agencies = (*distribution(conference), "chair")
    export_minutes(
        session,
        MinutesRequest(DEMO_CONFERENCE, agencies, out, reproducible=True, kept_mentions=None),
    )
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    return {entry["agency"]: entry for entry in manifest["files"]}


@pytest.fixture(scope="module")
def copies(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("references")
    path = folder / "demo.mara"
    private_copy(_demo_template, path)
    with Session.open(path, passphrase=DEMO_PASSPHRASE) as session:
        first = export(session, folder / "first")
        again = export(session, folder / "again")
    texts = {
        agency: normalised(" ".join(page_texts((folder / "first" / e["file"]).read_bytes())))
        for agency, e in first.items()
    }
    return first, again, texts


def test_each_copy_prints_the_references_its_manifest_entry_maps(copies):
    entries, _, texts = copies
    for agency, entry in entries.items():
        printed = set(REFERENCE.findall(texts[agency]))
        assert printed == set(entry["actions"].values()), agency
        assert all(REFERENCE.fullmatch(r) for r in entry["actions"].values())


def test_an_action_has_one_reference_in_every_copy_that_shows_it(copies):
    entries, _, _ = copies
    seen: dict[str, set[str]] = {}
    for entry in entries.values():
        for action, reference in entry["actions"].items():
            seen.setdefault(action, set()).add(reference)
    assert seen and all(len(references) == 1 for references in seen.values())
    shown_by_several = [a for a in seen if sum(a in e["actions"] for e in entries.values()) > 2]
    assert shown_by_several  # the demo has actions in many copies
    assert len({next(iter(r)) for r in seen.values()}) == len(seen)  # one action, one reference


def test_the_chairs_copy_maps_every_action_of_every_copy(copies):
    entries, _, _ = copies
    chair = entries["chair"]["actions"]
    for entry in entries.values():
        assert entry["actions"].items() <= chair.items()
    assert all("/" in action for action in chair)


def test_no_copy_numbers_actions_by_their_place(copies):
    """ "2.1" in one copy was "2.2" in another; only references name actions now."""
    _, _, texts = copies
    for agency, text in texts.items():
        assert "No. Action" not in text, agency
        assert "Ref. Action" in text, agency


def test_a_later_export_prints_the_same_references(copies):
    first, again, _ = copies
    assert {a: e["actions"] for a, e in first.items()} == {
        a: e["actions"] for a, e in again.items()
    }
