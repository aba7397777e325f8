"""Sections real minutes carry: whether the victim knows of the referral and consents to it
(only for readers who may see the case's header), and the cases reaching 12 months since
their last hearing (the chair's copy also those due but not on the agenda)."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.domain import Audience, Conference
from mara_desktop.minutes.copy_job import Copy, Furniture
from mara_desktop.minutes.document import minutes_story
from mara_desktop.minutes.export import MinutesRequest, export_minutes
from mara_desktop.minutes.render import render
from mara_desktop.session import Session
from mara_desktop.store.casefile import CaseFile
from mara_desktop.views import ViewBuilder, conference_view
from tests.support.builders import case, make_protocol, rule
from tests.support.files import private_copy
from tests.support.pdf_text import normalised, page_texts

PROTOCOL = make_protocol(rule(["referral"], ["police"]))


def _minutes_text(aware: bool | None, consents: bool | None, agency: str) -> str:
    known = case()
    referral = dataclasses.replace(
        known.referral, victim_aware=aware, victim_consents_to_referral=consents
    )
    known = dataclasses.replace(known, referral=referral)
    conference = Conference("c", "Test MARAC", date(2026, 11, 26), "Room", "Chair", ("c1",), ())
    view = conference_view(ViewBuilder(PROTOCOL), conference, {"c1": known}, Audience.of([agency]))
    story = minutes_story(view, PROTOCOL, Copy(agency, (), frozenset()))
    pdf = render(story, Furniture("MARKING", agency, "ID"), reproducible=True).pdf
    return normalised(" ".join(page_texts(pdf)))


@pytest.mark.parametrize(
    ("aware", "consents", "words"),
    [
        (True, True, "knows of it and consents to it."),
        (True, False, "knows of it and does not consent to it."),
        (True, None, "knows of it; whether the victim consents to it was not recorded."),
        (False, None, "does not know of it."),
        (None, None, "not recorded whether the victim knows of it."),
    ],
)
def test_the_case_header_says_whether_the_victim_knows_of_the_referral_and_consents(
    aware, consents, words
):
    text = _minutes_text(aware, consents, "police")
    assert f"The victim and the referral: {words}" in text


def test_a_reader_who_may_not_see_the_header_is_not_told_about_the_victims_knowledge():
    text = _minutes_text(True, False, "housing")
    assert "REF-1" not in text
    assert "the referral" not in text.replace("12 months", "")
    assert "consent" not in text


@pytest.fixture(scope="module")
def next_year(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The demo file with a meeting a year after the demo's, hearing case-01 (heard on 26
    Nov 2026) and case-11 (heard on 29 Oct and 26 Nov 2026); minutes for the chair, Police
    and Education."""
    folder = tmp_path_factory.mktemp("next-year")
    path = folder / "demo.mara"
    private_copy(_demo_template, path)
    with CaseFile.open(path, passphrase=DEMO_PASSPHRASE) as case_file:
        session = Session(case_file)
        conference_id = session.new_conference(date(2027, 11, 26), "Room 3", "DI Rowe")
        for case_id in ("case-01", "case-11"):
            session.add_to_agenda(conference_id, case_id)
        agencies = ("chair", "police", "education")
        request = MinutesRequest(
            conference_id, agencies, folder / "out", reproducible=True, kept_mentions=None
        )
        export_minutes(session, request)
    return {
        a: normalised(
            " ".join(page_texts((folder / "out" / f"2027-11-26-minutes-{a}.pdf").read_bytes()))
        )
        for a in agencies
    }


def test_cases_heard_a_year_after_their_last_hearing_are_listed_and_marked(next_year):
    police = next_year["police"]
    section = police[police.index("Cases reaching 12 months") : police.index("Cases 1.")]
    assert "NS-2026-0131: heard at this meeting; last heard on 26 November 2026." in section
    assert "NS-2026-0141: heard at this meeting; last heard on 26 November 2026." in section
    assert "not on this meeting's agenda" not in section  # the chair's alone
    assert "Last heard: 26 November 2026 (12 months or more ago: due for review)" in police


def test_the_chairs_copy_also_lists_the_cases_due_but_not_heard(next_year):
    chair = next_year["chair"]
    section = chair[chair.index("Cases reaching 12 months") : chair.index("Cases 1.")]
    assert "NS-2026-0132: not on this meeting's agenda; last heard on 26 November 2026." in section
    assert "NS-2026-0131: heard at this meeting" in section


def test_a_meeting_with_no_case_due_says_none(_demo_template, tmp_path):
    path = tmp_path / "demo.mara"
    private_copy(_demo_template, path)
    with CaseFile.open(path, passphrase=DEMO_PASSPHRASE) as case_file:
        request = MinutesRequest(DEMO_CONFERENCE, ("chair",), tmp_path / "out", reproducible=True)
        export_minutes(Session(case_file), request)
    pdf = (tmp_path / "out" / "2026-11-26-minutes-chair.pdf").read_bytes()
    text = normalised(" ".join(page_texts(pdf)))
    assert "Cases reaching 12 months since their last hearing None." in text
    assert "Last heard: 29 October 2026" in text  # case-08, heard at the October meeting
