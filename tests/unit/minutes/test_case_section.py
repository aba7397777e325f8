"""Tables in the minutes: a row taller than the rest of a page is split across pages, never
refused, whatever height is left for its last part."""

from __future__ import annotations

from reportlab.platypus import Paragraph

from mara_desktop.minutes import styles
from mara_desktop.minutes.case_section import ACTION_WIDTHS, ruled_table
from mara_desktop.minutes.copy_job import Furniture
from mara_desktop.minutes.fonts import register_fonts
from mara_desktop.minutes.render import render
from tests.support.pdf_text import page_texts


def test_a_row_a_little_taller_than_a_page_is_split_across_two():
    """67 lines make a row of 709 points under a 15.7-point header on a 716.5-point page:
    reportlab would split it 29 points from its end, refuses a last part under three lines
    (MIN_ROW_PART) and stopped the export with a LayoutError; split higher, it fits."""
    register_fonts()
    lines = [f"Line {n} of a long action." for n in range(1, 68)]
    row = ["1.1", Paragraph("<br/>".join(lines), styles.CELL), "Police", "", "None", "Open"]
    header = ("No.", "Action", "Agency", "Owner", "Due", "Status")
    rendered = render(
        [ruled_table(header, [row], ACTION_WIDTHS)], Furniture("M", "R", "C"), reproducible=True
    )
    pages = page_texts(rendered.pdf)
    assert len(pages) == 2
    assert all(line in pages[0] + pages[1] for line in lines)
    assert pages[1].count("No.") == 1  # the header repeats above the row's last part
