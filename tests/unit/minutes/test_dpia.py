"""The draft impact assessment, read back from a hand-built case file: the file's counts,
its agencies and signatures, the protocol's retention, encryption and audit as they are;
and nothing of any case in it, whatever the cases hold (names and references planted)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from mara_desktop.domain import Subject
from mara_desktop.minutes.dpia import special_kinds
from mara_desktop.minutes.dpia_files import DpiaNotSafe, holds_any, write_dpia
from mara_desktop.protocol.model import Category
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import Session
from mara_desktop.session.dpia_facts import folder_of
from tests.conftest import PASSPHRASE
from tests.support.importing import load
from tests.support.pdf_text import normalised, page_texts

TODAY = date(2026, 12, 2)
PLANTED = ["Quillon Vantablack", "Marisol Oyelaran-Frick", "ZZ-PLANT-0077", "ZZ-PLANT-0078"]
ITEM_TEXT = "Staying at 9 Plantation Close with her sister Ysolde"


def _case(case_id: str, reference: str, status: str, victim: str, perpetrator: str) -> dict:
    closed = {"closed_on": "2025-03-01"} if status != "open" else {}
    return {
        "id": case_id, "reference": reference, "children_involved": False, "status": status,
        **closed,
        "referral": {"date": "2024-11-09", "agency": "police",
                     "criterion": "visible_high_risk", "dash_score": 16},
        "people": [
            {"id": "v", "role": "victim", "name": victim, "born": "1990-01-01",
             "ethnicity": "Cornish"},
            {"id": "p", "role": "perpetrator", "name": perpetrator},
        ],
        "consents": [], "overrides": [],
        "items": [{"id": "i1", "category": "victim-location", "source": "idva",
                   "subject": "victim", "text": ITEM_TEXT, "person": "v"}],
        "actions": [],
    }  # fmt: skip


@pytest.fixture
def session(tmp_path: Path):
    path = tmp_path / "area" / "file.mara"
    path.parent.mkdir()
    with Session.create(path, PASSPHRASE, default_protocol_path().read_text("utf-8")) as s:
        load(s._file, {
            "format": "mara-interchange/1",
            "conferences": [
                {"id": "c1", "title": "MARAC", "date": "2024-12-01", "venue": "Room 1",
                 "chair": "DI Example", "agenda": ["k1", "k2"], "attendance": []},
                {"id": "c2", "title": "MARAC", "date": "2025-01-05", "venue": "Room 1",
                 "chair": "DI Example", "agenda": ["k3"], "attendance": []},
            ],
            "cases": [
                _case("k1", PLANTED[2], "open", PLANTED[0], "Perp One"),
                _case("k2", PLANTED[3], "closed", PLANTED[1], "Perp Two"),
                _case("k3", "ZZ-PLANT-0079", "transferred", "Vic Three", "Perp Three"),
            ],
        })  # fmt: skip
        s.sign_protocol("police", "Chief Superintendent", date(2026, 4, 20), today=TODAY)
        s.sign_protocol("housing", "Head of housing", date(2026, 5, 2), today=TODAY)
        s.record_breach(
            f"Minutes of {PLANTED[2]} sent to the wrong address", date(2026, 6, 1),
            date(2026, 6, 3), f"DPO; {PLANTED[0]} told by her IDVA", today=TODAY,
        )  # fmt: skip
        yield s


def _draft(session: Session, dest: Path) -> str:
    never = session.names_and_references()
    write_dpia(session.dpia_facts(never, TODAY), dest, never)
    if dest.suffix == ".pdf":
        return normalised(" ".join(page_texts(dest.read_bytes())))
    return dest.read_text("utf-8")


@pytest.mark.parametrize("name", ["draft.md", "draft.pdf"])
def test_the_draft_holds_the_files_facts(session, tmp_path, name):
    text = _draft(session, tmp_path / name)
    flat = " ".join(text.split())
    for words in (
        "Cases open | 1", "Cases closed | 1", "Cases transferred | 1", "People | 6",
        "Conferences (meetings) | 2", "People: victim | 3",
    ):  # fmt: skip
        label, number = words.split(" | ")
        assert (words in flat) if name.endswith(".md") else f"{label} {number}" in flat
    assert "ethnicity (own words) (3 recorded)" in flat
    assert "due for purging 6 years after it was closed or transferred" in flat
    assert "kept for 6 years after the last referral" in flat
    assert "Police" in flat and "Head of housing" in flat and "20 Apr 2026" in flat
    assert "Not signed: IDVA service" in flat
    assert "PBKDF2-HMAC-SHA512, 256,000 iterations" in flat and "AES-256-CBC" in flat
    assert "were checked when this draft was made: sound" in flat
    assert "1 recorded." in flat and "3 Jun 2026" in flat
    assert str(session.path.parent) in flat
    assert flat.count("For the DPO to complete.") == 3
    assert "health" in flat and "criminal offence data" in flat


@pytest.mark.parametrize("name", ["draft.md", "draft.pdf"])
def test_no_name_reference_or_case_text_reaches_the_draft(session, tmp_path, name):
    dest = tmp_path / name
    text = _draft(session, dest).casefold()
    for planted in [*PLANTED, "ZZ-PLANT", "Perp One", "Vic Three", ITEM_TEXT, "Ysolde",
                    "wrong address", "Cornish"]:  # fmt: skip
        assert planted.casefold() not in text
    assert os.stat(dest).st_mode & 0o777 == 0o600


def test_a_folder_named_after_a_person_is_not_printed(tmp_path):
    folder = tmp_path / "Quillon Vantablack"
    folder.mkdir()
    path = folder / "file.mara"
    with Session.create(path, PASSPHRASE, default_protocol_path().read_text("utf-8")) as s:
        load(s._file, {"format": "mara-interchange/1", "conferences": [],
                       "cases": [_case("k1", "ZZ-1", "open", "Quillon Vantablack", "P")]})  # fmt: skip
        text = _draft(s, tmp_path / "draft.md")
    assert "Vantablack" not in text
    assert "its name holds a name or a reference from the case file" in text


def test_a_draft_that_would_hold_a_name_is_not_written(session, tmp_path):
    never = [*session.names_and_references(), "Head of housing"]
    dest = tmp_path / "draft.md"
    with pytest.raises(DpiaNotSafe, match="not written"):
        write_dpia(session.dpia_facts(never, TODAY), dest, never)
    assert not dest.exists()


def test_the_words_decide_the_special_category_prompt():
    def kinds(name: str, description: str = "") -> list[str]:
        return special_kinds(Category("x", name, Subject.VICTIM, description))

    assert kinds("Victim's health and mental health") == ["health"]
    assert kinds("Faith", "religious practice") == ["religious or philosophical beliefs"]
    assert kinds("Bail conditions") == ["criminal offence data"]
    assert kinds("Housing and tenancy") == []


def test_holds_any_matches_whole_words_case_and_spacing_aside():
    assert holds_any("sent to  QUILLON\nvantablack today", ["Quillon Vantablack"])
    assert not holds_any("Anne-Marie", ["Ann"])


def test_the_folder_is_hidden_only_when_it_names_someone_as_a_word(tmp_path):
    assert folder_of(tmp_path / "Joanna" / "f.mara", ["Ann"]) == (tmp_path / "Joanna").absolute()
    assert folder_of(tmp_path / "ann smith" / "f.mara", ["Ann Smith"]) is None


def test_the_values_a_draft_must_not_hold_are_every_reference_and_every_name(session):
    """Read from two tables (the cases whole took 13 s at 20,000 cases): every case's
    reference, then every person's name, in file order."""
    cases = session._file.content().cases
    expected = [c.reference for c in cases] + [p.name for c in cases for p in c.people if p.name]
    assert session.names_and_references() == expected
    assert PLANTED[0] in expected and "ZZ-PLANT-0079" in expected
