"""The notice as a PDF: large type, clear headings, nothing but the protocol in it.

Type is larger than the minutes' (13 pt body, 16 pt headings): the reader may be frightened,
tired or reading in a second language, and may be handed the notice at a police station or a
hospital bed. The footer names the protocol and its version, so a notice can be traced to
the agreement it explains, and says "Page X of Y" so a reader knows the notice is whole.

No security marking (a notice is meant to be kept and shown to an adviser or a solicitor),
neutral metadata, and reportlab's invariant mode: the same protocol always gives the same
bytes, and no creation time says when a notice was printed.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from mara_desktop.atomic import write_atomically
from mara_desktop.errors import MaraError
from mara_desktop.minutes.fonts import BOLD, REGULAR, register_fonts
from mara_desktop.minutes.leak_check import find_leaks
from mara_desktop.minutes.notice import Block, Kind, Reader, notice_blocks
from mara_desktop.minutes.render import neutral_document
from mara_desktop.minutes.text import display_text, markup
from mara_desktop.protocol.model import Protocol

TITLE = "Information notice"
MARGIN = 20 * mm

BODY = ParagraphStyle("notice-body", fontName=REGULAR, fontSize=13, leading=18, spaceAfter=6)
TITLE_STYLE = ParagraphStyle(
    "notice-title", parent=BODY, fontName=BOLD, fontSize=22, leading=27, spaceAfter=10
)
HEADING = ParagraphStyle(
    "notice-heading",
    parent=BODY,
    fontName=BOLD,
    fontSize=16,
    leading=20,
    spaceBefore=14,
    spaceAfter=6,
    keepWithNext=1,
)
BULLET = ParagraphStyle(
    "notice-bullet",
    parent=BODY,
    leftIndent=18,
    bulletIndent=3,
    bulletFontName=REGULAR,
    bulletFontSize=15,
    spaceAfter=4,
)
WARNING = ParagraphStyle(
    "notice-warning",
    parent=BODY,
    fontName=BOLD,
    fontSize=15,
    leading=20,
    borderColor=colors.black,
    borderWidth=1.5,
    borderPadding=8,
    spaceBefore=6,
    spaceAfter=16,
)


def render_notice(protocol: Protocol, reader: Reader) -> bytes:
    """The notice's PDF bytes. Laid out twice: the first pass counts the pages."""
    register_fonts()
    pages = _build(protocol, reader, total=0)[1]
    return _build(protocol, reader, total=pages)[0]


class NoticeNotSafe(MaraError):
    """The rendered notice holds a value it must not (a bug: a notice is built from the
    protocol alone); nothing was written."""


def write_notice(
    protocol: Protocol, reader: Reader, dest: Path, *, never_in_it: Iterable[str] = ()
) -> bytes:
    """Write the notice to `dest` in one step (never half a file); returns what was written.

    `never_in_it` are values of the case file the notice comes from (names, references): the
    leak check proves none of them found its way in before anything is written.
    """
    pdf = render_notice(protocol, reader)
    leaks = find_leaks(pdf, never_in_it)
    if leaks:
        raise NoticeNotSafe(
            f"{dest}: not written; the notice would hold a value from the case file "
            f"({leaks[0].where}). Please report this."
        )

    def write(temp: Path) -> None:
        temp.write_bytes(pdf)

    write_atomically(dest, write)
    return pdf


def _build(protocol: Protocol, reader: Reader, *, total: int) -> tuple[bytes, int]:
    buffer = io.BytesIO()
    document = neutral_document(
        buffer, TITLE, margins=(MARGIN, MARGIN, MARGIN + 6 * mm, MARGIN), reproducible=True
    )
    footer = display_text(f"About: {protocol.name}, version {protocol.version}")

    def furnish(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(REGULAR, 9)
        canvas.drawString(MARGIN, 12 * mm, footer)
        if total:
            canvas.drawRightString(A4[0] - MARGIN, 12 * mm, f"Page {doc.page} of {total}")
        canvas.restoreState()

    story = [_flowable(block) for block in notice_blocks(protocol, reader)]
    document.build(story, onFirstPage=furnish, onLaterPages=furnish)
    return buffer.getvalue(), document.page


def _flowable(block: Block) -> Flowable:
    text = markup(block.text)
    if block.lead:
        text = f"<b>{markup(block.lead)}</b> {text}"
    if block.kind is Kind.BULLET:
        return Paragraph(text, BULLET, bulletText="\u2022")
    style = {Kind.TITLE: TITLE_STYLE, Kind.HEADING: HEADING, Kind.WARNING: WARNING}
    return Paragraph(text, style.get(block.kind, BODY))
