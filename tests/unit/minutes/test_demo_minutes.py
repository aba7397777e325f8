"""The demo conference's minutes, every agency's copy and the chair's, read back with pypdf:
each copy holds everything its agency may see and nothing withheld from it, and the files
themselves say nothing about the cases."""

from __future__ import annotations

import hashlib
import io
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from pypdf import PdfReader

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.domain import Audience, Case, Conference
from mara_desktop.minutes.export import MinutesRequest, distribution, export_minutes
from mara_desktop.minutes.page_text import page_text
from mara_desktop.minutes.text import has_right_to_left
from mara_desktop.session import Session
from mara_desktop.store.casefile import CaseFile
from mara_desktop.views import ConferenceView, ViewBuilder, conference_view
from mara_desktop.views.withheld import withheld_values
from tests.support.files import private_copy
from tests.support.pdf_text import headings_at_page_foot, normalised, page_texts


@dataclass
class Exported:
    out: Path
    conference: Conference
    cases: dict[str, Case]
    builder: ViewBuilder
    agencies: list[str]
    texts: dict[str, str] = field(default_factory=dict)

    def pdf(self, agency: str) -> bytes:
        return (self.out / f"2026-11-26-minutes-{agency}.pdf").read_bytes()

    def text(self, agency: str) -> str:
        if agency not in self.texts:
            self.texts[agency] = normalised(" ".join(page_texts(self.pdf(agency))))
        return self.texts[agency]

    def view(self, agency: str) -> ConferenceView:
        audience = Audience.chair() if agency == "chair" else Audience.of([agency])
        return conference_view(self.builder, self.conference, self.cases, audience)


@pytest.fixture(scope="module")
def exported(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """Every copy of the demo minutes, written once for the whole module."""
    folder = tmp_path_factory.mktemp("demo-minutes")
    path = folder / "demo.mara"
    private_copy(_demo_template, path)
    with CaseFile.open(path, passphrase=DEMO_PASSPHRASE) as case_file:
        conference = case_file.conference(DEMO_CONFERENCE)
        assert conference is not None
        agencies = distribution(conference)
        request = MinutesRequest(
            DEMO_CONFERENCE,
            (*agencies, "chair"),
            folder / "out",
            reproducible=True,
            kept_mentions=None,
        )
        export_minutes(Session(case_file), request)
        cases = {c.id: c for c in case_file.cases()}
        builder = ViewBuilder(case_file.protocol)
    return Exported(folder / "out", conference, cases, builder, agencies)


def test_all_means_every_agency_present_or_sending_apologies_and_no_observer(exported):
    assert exported.agencies == [
        "police", "idva", "csc", "asc", "gp", "hospital", "mental-health", "probation",
        "housing", "education", "drug-alcohol", "specialist", "fire",
    ]  # fmt: skip
    written = sorted(p.name for p in exported.out.iterdir())
    assert "2026-11-26-minutes-observer.pdf" not in written
    assert len(written) == len(exported.agencies) + 2  # the chair's copy and the manifest


def test_each_copy_holds_every_item_action_and_name_its_agency_may_see(exported):
    for agency in [*exported.agencies, "chair"]:
        text = exported.text(agency)
        for case in exported.view(agency).cases:
            assert normalised(case.title) in text, (agency, case.case_id)
            expected = [i.text for i in case.items] + [a.text for a in case.actions]
            expected += [p.name for p in case.people if p.name]
            for value in expected:
                assert normalised(value) in text, (agency, case.case_id, value)


def test_no_copy_holds_a_value_withheld_from_its_agency(exported):
    for agency in exported.agencies:
        text = exported.text(agency).casefold()
        view = exported.view(agency)
        withheld = withheld_values(exported.builder, exported.conference, exported.cases, view)
        for value in withheld:
            assert normalised(value).casefold() not in text, agency


def test_restricted_intelligence_reaches_only_the_agencies_it_is_restricted_to(exported):
    intelligence = "Intelligence: associates with a named organised crime group"
    holders = [a for a in exported.agencies if intelligence in exported.text(a)]
    assert holders == ["police", "probation"]
    assert intelligence in exported.text("chair")


def test_a_copy_with_something_held_back_says_so_in_the_protocols_words(exported):
    sentence = "Some information about this case was not shared with your agency"
    assert sentence in exported.text("education")
    assert sentence not in exported.text("chair")


def test_every_page_carries_marking_recipient_page_number_and_copy_id(exported):
    manifest = json.loads((exported.out / "manifest.json").read_text("utf-8"))
    copy_ids = {f["agency"]: f["copy_id"] for f in manifest["files"]}
    for agency, recipient in (("housing", "Prepared for: Housing"), ("chair", "CHAIR'S COPY")):
        pages = page_texts(exported.pdf(agency))
        for number, page in enumerate(pages, start=1):
            assert page.count("OFFICIAL-SENSITIVE") >= 2
            assert recipient in page
            assert f"Page {number} of {len(pages)}" in page
            assert f"Copy {copy_ids[agency]}" in page


def test_minutes_hold_the_meeting_attendance_statement_review_and_distribution(exported):
    text = exported.text("police")
    for expected in (
        "Northshire MARAC",
        "26 November 2026",
        "Northtown Civic Centre, Room 2 (fictional)",
        "DI Rowe, Northshire Police",
        "Elif, Southby Women's Centre",  # apologies
        "Sent; received 24 November 2026",
        "Student social worker (placement)",  # observer
        "The chair read the confidentiality statement",
        "The information shared at this meeting is confidential.",
        "Review of actions from earlier meetings",
        "Arrest for breach of bail and oppose bail.",
        "Not done: agency did not act",
        "Handling instructions",
        "Distribution",
    ):
        assert expected in text, expected


def test_childrens_cases_come_first(exported):
    text = exported.text("police")
    children_first = ["NS-2026-0131", "NS-2026-0132", "NS-2026-0134", "NS-2026-0136"]
    adults = ["NS-2026-0133", "NS-2026-0135"]
    cases = text[text.index("Cases") :]
    assert max(cases.index(r) for r in children_first) < min(cases.index(r) for r in adults)


def test_names_in_every_script_extract_exactly(exported):
    text = exported.text("police")
    for name in (
        "Anna Przykładowa", "Jana Vzorová", "Ondřej Vzorový", "Ayşe Örnekoğlu",
        "Ioana Șablonescu", "Bogdan Țestescu", "Nguyễn Thị Mẫu", "Trần Văn Mẫu", "فلانة الفلانية",
    ):  # fmt: skip
        assert name in text, name


def test_markup_in_a_note_prints_literally(exported):
    assert "risk <high> & rising since the separation" in exported.text("police")


def test_metadata_is_neutral_and_the_file_has_no_outline_form_or_script(exported):
    for agency in ("police", "chair"):
        pdf = exported.pdf(agency)
        reader = PdfReader(io.BytesIO(pdf))
        meta = reader.metadata
        assert meta is not None
        assert meta.title == "MARAC minutes"
        assert meta.author == "MARA Desktop"
        assert (meta.subject or "") == ""
        assert (meta.get("/Keywords") or "") == ""
        assert not {"/Outlines", "/AcroForm", "/Names", "/OpenAction", "/AA"} & set(
            reader.trailer["/Root"]
        )
        assert b"/JavaScript" not in pdf and b"/JS" not in pdf and b"/EmbeddedFile" not in pdf
        assert pdf.count(b"%%EOF") == 1


def test_file_names_hold_only_the_date_and_the_agency(exported):
    for path in exported.out.iterdir():
        if path.name != "manifest.json":
            assert re.fullmatch(r"2026-11-26-minutes-[a-z-]+\.pdf", path.name)


def test_manifest_lists_each_copy_with_its_hash_pages_protocol_and_check(exported, protocol):
    manifest = json.loads((exported.out / "manifest.json").read_text("utf-8"))
    assert manifest["conference"] == DEMO_CONFERENCE
    assert manifest["protocol"] == {
        "id": protocol.id, "version": protocol.version, "sha256": protocol.sha256
    }  # fmt: skip
    assert [f["agency"] for f in manifest["files"]] == [*exported.agencies, "chair"]
    for entry in manifest["files"]:
        pdf = (exported.out / entry["file"]).read_bytes()
        assert entry["sha256"] == hashlib.sha256(pdf).hexdigest()
        assert entry["pages"] == len(PdfReader(io.BytesIO(pdf)).pages)
        assert entry["leak_check"] == "passed"
        assert entry["protocol_version"] == protocol.version
        assert entry["protocol_sha256"] == protocol.sha256


def test_each_copy_names_the_protocol_version_and_hash_it_was_made_under(exported, protocol):
    for agency in ("police", "housing", "chair"):
        text = exported.text(agency)
        assert f"version {protocol.version}" in text
        assert protocol.sha256 in text.replace("\n", "")


def test_the_leak_checks_page_reader_finds_every_letter_pypdf_finds(exported):
    """The leak check reads page text its own quick way (minutes/page_text.py) with pypdf's
    reading of the fonts; on every page of every copy it must find what pypdf's full
    extraction finds. pypdf reorders right-to-left runs, so on a page holding any, the same
    letters are compared without their order."""
    for agency in [*exported.agencies, "chair"]:
        reader = PdfReader(io.BytesIO(exported.pdf(agency)))
        decoders: dict[object, object] = {}
        for number, page in enumerate(reader.pages, start=1):
            ours = _letters(page_text(page, decoders))
            theirs = _letters(page.extract_text())
            if has_right_to_left(theirs):
                ours, theirs = "".join(sorted(ours)), "".join(sorted(theirs))
            assert ours == theirs, (agency, number)


def _letters(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_no_page_of_any_copy_ends_with_a_heading(exported):
    for agency in [*exported.agencies, "chair"]:
        assert headings_at_page_foot(exported.pdf(agency)) == [], agency
