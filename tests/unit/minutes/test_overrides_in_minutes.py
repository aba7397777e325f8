"""Decisions to share without consent in the demo minutes, read back with pypdf: in full in
the chair's copy; as a marker with the lawful basis and date on each entry an agency holds
only because of one; nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.minutes.export import MinutesRequest, distribution, export_minutes
from mara_desktop.session import Session
from mara_desktop.store.casefile import CaseFile
from tests.support.files import private_copy
from tests.support.pdf_text import normalised, page_texts

EARLIER = "ns-2026-10-29"
CASE_02_WHEREABOUTS = "Lives at 3 Fictional Close, Southby ZZ9 2QT with both children."
CASE_08_WHEREABOUTS = "Temporary accommodation: Room 6, Holding House, Northtown ZZ1 9EF."
BASIS = "UK GDPR Article 6(1)(d): vital interests, where there is a serious risk to life"
MARK = "Shared without consent because of serious risk. Lawful basis: " + BASIS


@pytest.fixture(scope="module")
def texts(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Every copy of both demo meetings' minutes, by "date/agency"."""
    folder = tmp_path_factory.mktemp("override-minutes")
    path = folder / "demo.mara"
    private_copy(_demo_template, path)
    found: dict[str, str] = {}
    with CaseFile.open(path, passphrase=DEMO_PASSPHRASE) as case_file:
        for conference_id in (DEMO_CONFERENCE, EARLIER):
            conference = case_file.conference(conference_id)
            assert conference is not None
            out = folder / conference_id
            agencies = (*distribution(conference), "chair")
            request = MinutesRequest(
                conference_id, agencies, out, reproducible=True, kept_mentions=None
            )
            export_minutes(Session(case_file), request)
            for agency in agencies:
                pdf = (out / f"{conference.date}-minutes-{agency}.pdf").read_bytes()
                key = f"{conference.date}/{agency}"
                found[key] = normalised(" ".join(page_texts(pdf)))
    return found


def test_the_chairs_copy_records_case_02s_override_in_full(texts):
    text = texts["2026-11-26/chair"]
    record = text[text.index("NS-2026-0132") :]
    for expected in (
        "Shared without consent (overrides)",
        "Information: Victim's safe or confidential whereabouts",
        "Shared with: Housing and registered social landlords, Fire and rescue service",
        f"Lawful basis: {BASIS}",
        "Decided by: DI Rowe (MARAC chair)",
        "Decided on: 26 November 2026 at 10:20",
        "Until: 25 February 2027",
        "Justification: Credible threat of arson at the victim's home",
    ):
        assert expected in record, expected


def test_housings_and_fires_copies_mark_case_02s_whereabouts_with_basis_and_date(texts):
    for agency in ("housing", "fire"):
        text = texts[f"2026-11-26/{agency}"]
        assert f"{CASE_02_WHEREABOUTS} {MARK}" in text, agency
        assert "Decided on 26 November 2026." in text, agency


def test_no_agency_copy_holds_the_justification_or_who_decided_the_override(texts):
    for key, text in texts.items():
        if not key.endswith("/chair"):
            assert "Credible threat of arson" not in text, key
            assert "Justification" not in text, key


def test_no_other_agencys_copy_mentions_an_override_at_the_november_meeting(texts):
    marked = [
        key for key, text in texts.items()
        if key.startswith("2026-11-26/") and "without consent" in text
    ]  # fmt: skip
    assert sorted(marked) == ["2026-11-26/chair", "2026-11-26/fire", "2026-11-26/housing"]


def test_case_08s_override_is_marked_while_in_force_and_not_after_it_ended(texts):
    october = texts["2026-10-29/housing"]
    assert f"{CASE_08_WHEREABOUTS} {MARK}" in october
    assert "Decided on 29 October 2026." in october
    assert CASE_08_WHEREABOUTS not in texts["2026-11-26/housing"]
    chair = texts["2026-11-26/chair"]
    assert "Until: 20 November 2026 (ended before this meeting)" in chair
