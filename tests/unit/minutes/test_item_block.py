"""An item's heading line and its text stay together as one block, split at a page's foot
as one paragraph would be: the heading with at least one line of text, or all moved on."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

from mara_desktop.minutes import styles
from mara_desktop.minutes.fonts import register_fonts
from mara_desktop.minutes.item_block import ItemBlock

WIDTH = 400.0
LINE = styles.ITEM.leading
HEADING = "Risk summary · from Police"


def block(words: int = 300) -> ItemBlock:
    register_fonts()
    text = " ".join(f"word{n}" for n in range(words))
    return ItemBlock(Paragraph(HEADING, styles.ITEM_HEADING), Paragraph(text, styles.ITEM))


def test_a_block_is_as_tall_as_its_heading_line_and_its_text():
    assert block(3).wrap(WIDTH, 800) == (WIDTH, styles.ITEM_HEADING.leading + LINE)


def test_at_a_pages_foot_the_heading_goes_with_as_many_lines_as_fit():
    whole = block()
    whole.wrap(WIDTH, 800)
    first, rest = whole.split(WIDTH, 3.5 * LINE)
    assert isinstance(first, ItemBlock) and first.heading is whole.heading
    assert first.wrap(WIDTH, 3.5 * LINE)[1] == pytest.approx(3 * LINE)
    assert isinstance(rest, Paragraph)


def test_with_no_room_for_a_line_of_text_under_the_heading_the_block_moves_whole():
    whole = block()
    assert whole.split(WIDTH, 1.5 * LINE) == []
    assert whole.split(WIDTH, 0.5 * LINE) == []


def test_a_block_split_across_pages_prints_its_heading_first_and_every_word_once():
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4)
    document.build([Spacer(WIDTH, document.height - 5 * LINE), block()])
    pages = [page.extract_text() for page in PdfReader(buffer).pages]
    assert len(pages) == 2
    assert pages[0].index(HEADING) < pages[0].index("word0")
    assert HEADING not in pages[1]
    words = " ".join(pages).split()
    assert [w for w in words if w.startswith("word")] == [f"word{n}" for n in range(300)]
