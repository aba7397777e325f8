"""Correcting an entry (issue 17, point 3): the correction is a new record annotating the
old one; the row takes the corrected values, which every view and copy of the minutes
shows and decides on; the earlier value is history for the chair alone, with the reason;
the audit names ids and fields, never a value."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.domain import Audience, Item, Person
from mara_desktop.domain.correction import Corrected
from mara_desktop.minutes.export import MinutesRequest, export_minutes
from mara_desktop.session import EditError, Session
from mara_desktop.views.audiences import room_audience
from tests.support.pdf_text import normalised, page_texts

CASE = "case-01"
ADDRESS = "27 Sample Road, Northtown"
"""Part of the demo's entry i09 (the victim's home address, every partner may see it)."""
HOUSING = Audience.of(["housing"])
REASON = "The referral gave the wrong house number; confirmed with the victim."


def item(session: Session, item_id: str) -> Item:
    view = session.case_view(CASE, Audience.chair())
    shown = next(i for i in view.items if i.id == item_id)
    return Item(shown.id, shown.category, shown.source, shown.subject, shown.text, (), shown.person)


def corrected_address(session: Session) -> Item:
    earlier = item(session, "i09")
    assert ADDRESS in earlier.text
    return dataclasses.replace(earlier, text="Home address on the referral: 72 Sample Road.")


def every_text(value: object) -> str:
    return json.dumps(dataclasses.asdict(value), default=str, ensure_ascii=False)  # type: ignore[call-overload]


def test_the_row_takes_the_correction_and_the_old_text_stays_history(demo_session):
    demo_session.correct_item(CASE, corrected_address(demo_session), REASON)
    housing = demo_session.case_view(CASE, HOUSING)
    assert [i.text for i in housing.items if i.id == "i09"] == [
        "Home address on the referral: 72 Sample Road."
    ]
    assert ADDRESS not in every_text(housing)
    assert all(i.corrected_at is None for i in housing.items)
    chair = demo_session.case_view(CASE, Audience.chair())
    assert next(i for i in chair.items if i.id == "i09").corrected_at is not None
    (earlier,) = demo_session.corrections_for_chair(CASE)
    assert (earlier.of, earlier.id, earlier.reason) == (Corrected.ITEM, "i09", REASON)
    assert ADDRESS in earlier.record["text"] and earlier.replaced_by
    record = demo_session.audit_records()[-1]
    assert (record.action, record.details) == (
        "item-corrected",
        {"case": CASE, "item": "i09", "fields": ["text"]},
    )


def test_a_correction_needs_a_reason_and_a_change(demo_session):
    corrected = corrected_address(demo_session)
    for reason in ("", "   "):
        with pytest.raises(EditError) as caught:
            demo_session.correct_item(CASE, corrected, reason)
        assert caught.value.field == "reason"
    with pytest.raises(EditError) as caught:
        demo_session.correct_item(CASE, item(demo_session, "i09"), REASON)
    assert "as it was" in str(caught.value)
    with pytest.raises(EditError):
        demo_session.correct_item(CASE, dataclasses.replace(corrected, id="i99"), REASON)
    assert demo_session.corrections_for_chair(CASE) == []
    assert ADDRESS in item(demo_session, "i09").text


def test_the_source_and_its_restriction_stay_as_recorded(demo_session):
    corrected = dataclasses.replace(
        corrected_address(demo_session), source="housing", restricted_to=("police",)
    )
    demo_session.correct_item(CASE, corrected, REASON)
    chair = demo_session.case_view(CASE, Audience.chair())
    shown = next(i for i in chair.items if i.id == "i09")
    assert (shown.source, shown.restricted_to) == ("police", ())


def test_a_recategorised_entry_is_decided_under_its_new_category(demo_session):
    assert "i09" in [i.id for i in demo_session.case_view(CASE, HOUSING).items]
    moved = dataclasses.replace(item(demo_session, "i09"), category="victim-location")
    demo_session.correct_item(CASE, moved, "A refuge address, not her home address.")
    assert "i09" not in [i.id for i in demo_session.case_view(CASE, HOUSING).items]
    assert "i09" in [i.id for i in demo_session.case_view(CASE, Audience.of(["idva"])).items]
    decision = demo_session.explain(CASE, "i09", HOUSING)
    assert decision is not None and not decision.visible


def test_a_correction_to_a_category_the_protocol_lacks_is_refused(demo_session):
    moved = dataclasses.replace(item(demo_session, "i09"), category="no-such-category")
    with pytest.raises(EditError):
        demo_session.correct_item(CASE, moved, REASON)
    assert demo_session.corrections_for_chair(CASE) == []


def test_the_old_text_reaches_no_room_and_no_agencys_minutes(demo_session, tmp_path: Path):
    demo_session.correct_item(CASE, corrected_address(demo_session), REASON)
    child = demo_session.person_for_chair(CASE, "c1")
    assert isinstance(child, Person)
    school = dataclasses.replace(child, school="Northtown Primary")
    demo_session.correct_person(CASE, school, "Not on the referral.")
    views = demo_session.conference_views(DEMO_CONFERENCE)
    assert views is not None
    conference = demo_session.conference(DEMO_CONFERENCE)
    assert conference is not None
    room = views.view(room_audience(conference, frozenset({"observer"})))
    assert ADDRESS not in every_text(room) and "72 Sample Road" in every_text(room)
    agencies = ("police", "idva", "housing", "csc", "chair")
    export_minutes(
        demo_session, MinutesRequest(DEMO_CONFERENCE, agencies, tmp_path, kept_mentions=None)
    )
    for agency in agencies:
        pdf = (tmp_path / f"2026-11-26-minutes-{agency}.pdf").read_bytes()
        text = normalised(" ".join(page_texts(pdf)))
        assert "72 Sample Road" in text, agency
        assert "Zofia Przykładowa (born 30 May 2019) (school: Northtown Primary)" in text, agency
        assert "27 Sample Road" not in text and REASON not in text, agency


def test_a_persons_correction_keeps_its_reason_in_the_same_history(demo_session):
    chair = demo_session.person_for_chair(CASE, "c1")
    assert isinstance(chair, Person)
    demo_session.correct_person(
        CASE, dataclasses.replace(chair, name="Zosia Przykładowa"), "Known by this name."
    )
    demo_session.correct_item(CASE, corrected_address(demo_session), REASON)
    newest, oldest = demo_session.corrections_for_chair(CASE)
    assert (newest.of, oldest.of) == (Corrected.ITEM, Corrected.PERSON)
    assert (oldest.id, oldest.reason, oldest.record["name"]) == (
        "c1",
        "Known by this name.",
        "Zofia Przykładowa",
    )
    assert demo_session.person_history(CASE, "c1")[0].reason == "Known by this name."


def test_the_leak_check_looks_for_what_a_corrected_entry_said_in_every_copy(demo_session):
    earlier = item(demo_session, "i09").text
    demo_session.correct_item(CASE, corrected_address(demo_session), REASON)
    views = demo_session.conference_views(DEMO_CONFERENCE)
    assert views is not None
    for audience in (Audience.chair(), HOUSING, Audience.of(["police"])):
        assert earlier in views.withheld_values(views.view(audience)), audience
