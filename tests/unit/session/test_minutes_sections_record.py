"""The minutes' own sections of a meeting (minute-taker, next meeting, any other business)
on a real case file: recorded with a new conference or corrected later, audited by field
name only, read and written by the interchange, and refused with one sentence when bad."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from mara_desktop.domain import MinutesSections
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import EditError, Session
from tests.conftest import PASSPHRASE

DAY = date(2026, 12, 3)
AOB = "Training on the revised protocol on 14 January.\nThe room changes from February."
SECTIONS = MinutesSections("Pat Notes (coordinator)", date(2027, 1, 7), AOB)
EARLIER = {
    "id": "earlier", "title": "Northshire MARAC", "date": "2026-11-26", "venue": "Room 4",
    "chair": "DI Rowe", "agenda": [], "attendance": [], "minute_taker": "Jo Minutes",
    "next_meeting": "2026-12-03", "other_business": "None this month.",
}  # fmt: skip


def _write(path: Path, conference: dict[str, object]) -> Path:
    path.write_text(
        json.dumps({"format": "mara-interchange/1", "conferences": [conference], "cases": []})
    )
    return path


@pytest.fixture
def session(tmp_path: Path) -> Iterator[Session]:
    protocol = default_protocol_path().read_text("utf-8")
    with Session.create(tmp_path / "sections.mara", PASSPHRASE, protocol) as created:
        created.import_interchange(_write(tmp_path / "in.json", EARLIER), update=False)
        yield created


def test_the_sections_are_kept_with_a_new_conference(session: Session) -> None:
    conference_id = session.new_conference(DAY, "Room 4", "DI Rowe", sections=SECTIONS)
    conference = session.conference(conference_id)
    assert conference is not None and conference.sections == SECTIONS
    plain = session.conference(session.new_conference(date(2026, 12, 10), "Room", "Chair"))
    assert plain is not None and plain.sections == MinutesSections()


def test_a_correction_is_audited_by_field_name_only(session: Session) -> None:
    conference_id = session.new_conference(DAY, "Room 4", "DI Rowe")
    session.change_conference(conference_id, DAY, "Room 4", "DI Rowe", SECTIONS)
    changed = session.conference(conference_id)
    assert changed is not None and changed.sections == SECTIONS
    details = session.audit_records()[-1].details
    assert details["fields"] == ["minute_taker", "next_meeting", "other_business"]
    assert "Pat Notes" not in json.dumps(details) and "Training" not in json.dumps(details)
    session.change_conference(conference_id, DAY, "Room 5", "DI Rowe")  # sections as they are
    kept = session.conference(conference_id)
    assert kept is not None and kept.sections == SECTIONS


@pytest.mark.parametrize(
    ("sections", "sentence"),
    [
        (MinutesSections(next_meeting=DAY), "The next meeting's date must be after this meeting's"),
        (MinutesSections("x" * 201), "The minute-taker's name is 201 characters long"),
        (MinutesSections(other_business="a\x1bb"), "Any other business holds the control"),
    ],
)
def test_bad_sections_get_one_sentence_and_write_nothing(
    session: Session, sections: MinutesSections, sentence: str
) -> None:
    before = session.conference_ids()
    with pytest.raises(EditError, match=sentence) as refused:
        session.new_conference(DAY, "Room 4", "DI Rowe", sections=sections)
    assert "\n" not in str(refused.value)
    assert session.conference_ids() == before


def test_the_interchange_reads_and_writes_them(session: Session, tmp_path: Path) -> None:
    earlier = session.conference("earlier")
    assert earlier is not None
    assert earlier.sections == MinutesSections("Jo Minutes", date(2026, 12, 3), "None this month.")
    session.new_conference(date(2026, 12, 10), "Room", "Chair")  # none recorded
    session.export_interchange(tmp_path / "out.json")
    written = {c["id"]: c for c in json.loads((tmp_path / "out.json").read_text())["conferences"]}
    assert {
        k: written["earlier"][k] for k in ("minute_taker", "next_meeting", "other_business")
    } == {k: EARLIER[k] for k in ("minute_taker", "next_meeting", "other_business")}
    assert not {"minute_taker", "next_meeting", "other_business"} & set(written["marac-2026-12-10"])


def test_an_imported_next_meeting_before_the_meeting_is_refused(
    session: Session, tmp_path: Path
) -> None:
    bad = {**EARLIER, "id": "later", "next_meeting": "2026-11-20"}
    with pytest.raises(InterchangeError, match=r"conferences\[0\]\.next_meeting: must be after"):
        session.import_interchange(_write(tmp_path / "bad.json", bad), update=False)
    assert "later" not in session.conference_ids()
