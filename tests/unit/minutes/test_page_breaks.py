"""Page breaks in the minutes, read back from the PDF of a meeting with texts of every
length: no heading is left alone at a page's foot, a page that continues a case begins with
its reference, a long action row splits across pages without a second header in mid-page,
and the chair's copy says on its front page that it is not for distribution; the
protocol's fingerprint ends the minutes, with what it is for."""

from __future__ import annotations

import re

import pytest

from mara_desktop.domain import Audience
from mara_desktop.minutes.copy_job import Copy, Furniture
from mara_desktop.minutes.document import minutes_story
from mara_desktop.minutes.render import render
from mara_desktop.protocol.model import Protocol
from mara_desktop.views import ViewBuilder, conference_view
from tests.support.long_meeting import long_meeting
from tests.support.pdf_text import headings_at_page_foot, normalised, page_texts

HEADER = "No. Action Agency Owner Due Status"
CASE_HEADING = re.compile(r"\d+\. (NS-2026-\d{4}|Case \d+)")


@pytest.fixture(scope="module", params=[(0, "chair"), (1, "police"), (2, "housing")])
def long_copy(request: pytest.FixtureRequest, protocol: Protocol) -> tuple[str, bytes]:
    seed, agency = request.param
    conference, cases = long_meeting(seed)
    chair = agency == "chair"
    audience = Audience.chair() if chair else Audience.of([agency])
    view = conference_view(ViewBuilder(protocol), conference, cases, audience)
    story = minutes_story(view, protocol, Copy(agency, (), frozenset(), chair=chair))
    return agency, render(story, Furniture("MARKING", agency, "ID"), reproducible=True).pdf


def test_no_page_ends_with_a_heading(long_copy):
    agency, pdf = long_copy
    assert headings_at_page_foot(pdf) == [], agency


def test_a_page_continuing_a_case_begins_with_its_reference(long_copy):
    agency, pdf = long_copy
    pages = [normalised(p) for p in page_texts(pdf)]
    current = None
    continued = 0
    for page in pages[1:]:
        body = page.removeprefix(f"MARKING {agency} ").removeprefix("Cases ")
        heading = CASE_HEADING.match(body)
        if body.startswith(("Handling instructions", "Checking the protocol")):
            current = None
        elif heading is None:
            assert current is not None, (agency, body[:60])
            assert body.startswith(f"{current} (continued)"), (agency, body[:60])
            continued += 1
        headings = CASE_HEADING.findall(body)
        if headings:
            current = headings[-1]
    assert continued > 5


def test_a_long_action_row_splits_without_a_second_header_in_mid_page(long_copy):
    agency, pdf = long_copy
    for number, page in enumerate(page_texts(pdf), start=1):
        between = normalised(page).split(HEADER)[1:-1]
        for text in between:
            assert "Actions agreed" in text, (agency, number)


def test_the_chairs_copy_says_not_for_distribution_on_its_front_page(long_copy):
    agency, pdf = long_copy
    first = normalised(page_texts(pdf)[0])
    assert ("Chair's copy: not for distribution." in first) is (agency == "chair")


def test_the_protocols_fingerprint_ends_the_minutes_with_what_it_is_for(long_copy, protocol):
    _, pdf = long_copy
    pages = [normalised(p) for p in page_texts(pdf)]
    assert protocol.sha256 not in pages[0]
    ending = " ".join(pages[-2:])
    assert "Checking the protocol" in ending
    assert "fingerprint (SHA-256)" in ending
    assert ending.index("Checking the protocol") < ending.index(protocol.sha256)
