"""Paragraphs shared between the copies of an export: the bytes of a copy must not depend
on which copies were laid out before it in the same process (reproducible exports from a
pool of workers rely on it), and nothing is kept once the export is over."""

from __future__ import annotations

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.domain import Audience
from mara_desktop.minutes import paragraphs
from mara_desktop.minutes.copy_job import Copy, Furniture
from mara_desktop.minutes.document import minutes_story
from mara_desktop.minutes.fonts import register_fonts
from mara_desktop.minutes.paragraphs import SharedParagraph, sharing
from mara_desktop.minutes.render import render
from mara_desktop.minutes.styles import BODY
from mara_desktop.views import ViewBuilder, conference_view
from tests.support.documents import full_document
from tests.support.importing import load


def copies(case_file, conference_id, agencies) -> dict[str, bytes]:
    conference = case_file.conference(conference_id)
    cases = {c.id: c for c in case_file.cases(list(conference.agenda))}
    builder = ViewBuilder(case_file.protocol)
    made = {}
    for agency in agencies:
        chair = agency == "chair"
        audience = Audience.chair() if chair else Audience.of([agency])
        view = conference_view(builder, conference, cases, audience)
        story = minutes_story(view, case_file.protocol, Copy(agency, (), frozenset(), chair=chair))
        made[agency] = render(story, Furniture("OFFICIAL", agency, "X"), reproducible=True).pdf
    return made


def test_a_copy_is_the_same_bytes_whichever_copies_were_laid_out_before_it(demo_file):
    agencies = ["police", "housing", "gp", "idva", "chair"]
    alone = {a: copies(demo_file, DEMO_CONFERENCE, [a])[a] for a in agencies}
    with sharing():
        forwards = copies(demo_file, DEMO_CONFERENCE, agencies)
    with sharing():
        backwards = copies(demo_file, DEMO_CONFERENCE, agencies[::-1])
    assert forwards == alone == backwards


def test_paragraphs_split_across_pages_are_the_same_when_shared(new_file):
    document = full_document(cases=1)
    long_text = " ".join(f"Step {n} of a very long safety plan." for n in range(400))
    document["cases"][0]["actions"][0]["text"] = long_text
    document["cases"][0]["items"][0]["text"] = long_text
    load(new_file, document)
    agencies = ["housing", "gp", "police"]
    alone = {a: copies(new_file, "conf-1", [a])[a] for a in agencies}
    with sharing():
        assert copies(new_file, "conf-1", agencies) == alone


def test_nothing_is_kept_after_sharing():
    register_fonts()  # as every maker of minutes does first; alone, nothing else has
    with sharing():
        SharedParagraph("A name that must not stay in memory", BODY).wrap(300, 800)
        assert paragraphs._cache is not None and paragraphs._cache.parsed
    assert paragraphs._cache is None


def test_words_hyphenated_at_soft_hyphens_across_pages_are_the_same_when_shared(new_file):
    """A soft hyphen in typed text lets reportlab hyphenate there, and splitting a paragraph
    after such a line edits the word in place: such paragraphs are laid out each alone."""
    document = full_document(cases=1)
    words = (
        "Safe\u00adguard\u00ading",
        "con\u00adsul\u00adta\u00adtion",
        "ac\u00adcom\u00admo\u00adda\u00adtion",
    )
    long_text = " ".join(f"{words[n % 3]}{n}" for n in range(1500))
    for item in document["cases"][0]["items"]:
        item["text"] = long_text
    document["cases"][0]["actions"][0]["text"] = long_text
    load(new_file, document)
    agencies = ["housing", "gp", "police", "idva"]
    alone = {a: copies(new_file, "conf-1", [a])[a] for a in agencies}
    with sharing():
        forwards = copies(new_file, "conf-1", agencies)
    with sharing():
        backwards = copies(new_file, "conf-1", agencies[::-1])
    assert forwards == alone == backwards
