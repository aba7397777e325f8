"""A case's corrections (`history`) and a child's `school` in the interchange file: an
export writes them so that nothing is lost, an import keeps them, and the round trip gives
the same document back; a bad history entry or a school for an adult is one problem
naming the field, nothing imported."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from mara_desktop.domain import Audience, Item, Person
from mara_desktop.domain.correction import Corrected
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.session import Session

CASE = "case-01"


def corrected(session: Session) -> None:
    """A child's school recorded, then her name corrected; an entry corrected twice."""
    child = session.person_for_chair(CASE, "c1")
    assert isinstance(child, Person)
    with_school = dataclasses.replace(child, school="Northtown Primary")
    session.correct_person(CASE, with_school, "The school was not on the referral.")
    session.correct_person(CASE, dataclasses.replace(with_school, name="Zosia P."), "Known so.")
    for text, reason in (("Home address: 72 Sample Road.", "Wrong number."), ("Home: 72.", "")):
        view = session.case_view(CASE, Audience.chair())
        shown = next(i for i in view.items if i.id == "i09")
        entry = Item(shown.id, shown.category, shown.source, shown.subject, text, (), shown.person)
        session.correct_item(CASE, entry, reason or "Shorter.")


def case_01(document: dict) -> dict:
    return next(c for c in document["cases"] if c["id"] == CASE)


def test_the_history_and_the_school_go_out_and_come_back(demo_session, new_file, tmp_path):
    corrected(demo_session)
    out = tmp_path / "out.json"
    demo_session.export_interchange(out)
    document = json.loads(out.read_text("utf-8"))
    case = case_01(document)
    child = next(p for p in case["people"] if p["id"] == "c1")
    assert child["school"] == "Northtown Primary" and child["name"] == "Zosia P."
    history = case["history"]
    assert [(h["of"], h["id"]) for h in history] == [
        ("person", "c1"), ("person", "c1"), ("item", "i09"), ("item", "i09"),
    ]  # fmt: skip
    assert "school" not in history[0]["record"] and history[1]["record"]["school"]
    assert "27 Sample Road" in history[2]["record"]["text"]
    assert history[2]["reason"] == "Wrong number." and history[3]["record"]["text"].startswith(
        "Home address: 72"
    )
    assert all("history" not in c for c in document["cases"] if c["id"] != CASE)

    again = Session(new_file)
    again.import_interchange(out, update=False)
    assert [(c.of, c.id) for c in again.corrections_for_chair(CASE)] == [
        (Corrected.ITEM, "i09"), (Corrected.ITEM, "i09"),
        (Corrected.PERSON, "c1"), (Corrected.PERSON, "c1"),
    ]  # fmt: skip
    second = tmp_path / "second.json"
    again.export_interchange(second)
    assert case_01(json.loads(second.read_text("utf-8"))) == case


def test_an_update_keeps_the_history_the_file_holds(demo_session, tmp_path):
    corrected(demo_session)
    out = tmp_path / "out.json"
    demo_session.export_interchange(out)
    document = json.loads(out.read_text("utf-8"))
    case_01(document).pop("history")
    out.write_text(json.dumps(document), "utf-8")
    demo_session.import_interchange(out, update=True)
    assert len(demo_session.corrections_for_chair(CASE)) == 4


def edited(demo_session: Session, tmp_path: Path, change) -> Path:
    out = tmp_path / "out.json"
    demo_session.export_interchange(out)
    document = json.loads(out.read_text("utf-8"))
    change(case_01(document))
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(document), "utf-8")
    return changed


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda c: c["people"][0].update(school="Northtown High"), "people[0].school"),
        (
            lambda c: c.update(
                history=[
                    {"of": "item", "id": "i99", "record": {"text": "x"}, "reason": "",
                     "replaced_at": "2026-11-26T10:00:00Z", "replaced_by": "Chair"}
                ]
            ),
            "history[0].id",
        ),
        (
            lambda c: c.update(
                history=[
                    {"of": "item", "id": "i09", "record": {"txt": "x"}, "reason": "",
                     "replaced_at": "2026-11-26T10:00:00Z", "replaced_by": "Chair"}
                ]
            ),
            "history[0].record.txt",
        ),
    ],
)  # fmt: skip
def test_a_bad_history_or_an_adults_school_imports_nothing(demo_session, tmp_path, change, where):
    changed = edited(demo_session, tmp_path, change)
    with pytest.raises(InterchangeError) as caught:
        demo_session.import_interchange(changed, update=True)
    assert where in str(caught.value)
    assert demo_session.corrections_for_chair(CASE) == []
