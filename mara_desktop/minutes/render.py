"""Turning a story into PDF bytes: page furniture, neutral metadata, reproducible output.

Every page carries the security marking and whom the copy is for (a page that comes loose
from a printed copy must still say both), "Page X of Y" and the copy's id. The total is
known only once the last page is laid out, so the canvas keeps each page's state and draws
the furniture on all of them when the document is saved.

The file's metadata says only what it is ("MARAC minutes" by "MARA Desktop"): no names,
no reference, no agency, no subject or keywords. With `reproducible`, reportlab's invariant
mode leaves out the creation time and the random document id, so the same input gives the
same bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate

from mara_desktop import __version__
from mara_desktop.minutes.copy_job import Furniture
from mara_desktop.minutes.fonts import BOLD, REGULAR, register_fonts
from mara_desktop.minutes.styles import MUTED, PAGE_MARGIN, RULE
from mara_desktop.minutes.text import display_text

TITLE = "MARAC minutes"
AUTHOR = "MARA Desktop"
MARGINS = (PAGE_MARGIN + 4 * mm, PAGE_MARGIN, PAGE_MARGIN, PAGE_MARGIN)
"""Top, right, bottom, left: the frame the minutes' text is laid out in, on A4."""


RUNNING_HEAD_DROP = 18.5 * mm
"""From the top of the page to the baseline of a continued case's reference: under the
marking's rule, above the text."""


class RunningHead(Flowable):  # type: ignore[misc]  # reportlab ships no type hints
    """Takes no room. Each page begun after it is placed starts with `text` at its top (a
    case's reference and "(continued)"), until the next one (None: nothing): a page that
    comes loose in the middle of a case still says which case it is."""

    def __init__(self, text: str | None) -> None:
        super().__init__()
        self.text = text

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class _MinutesDocument(SimpleDocTemplate):  # type: ignore[misc]
    """Keeps the running head placed last, and draws it at the top of each later page."""

    running_head: str | None = None

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802  (reportlab's name)
        if isinstance(flowable, RunningHead):
            self.running_head = flowable.text

    def draw_running_head(self, canvas: Canvas, _document: SimpleDocTemplate) -> None:
        if self.running_head is None:
            return
        canvas.saveState()
        canvas.setFont(BOLD, 8.5)
        canvas.setFillColor(MUTED)
        canvas.drawString(
            self.leftMargin, A4[1] - RUNNING_HEAD_DROP, display_text(self.running_head)
        )
        canvas.restoreState()


@dataclass(frozen=True)
class RenderedCopy:
    pdf: bytes
    pages: int


class _FurnishedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
    """A canvas that holds back each page until it knows how many there are."""

    def __init__(self, *args: Any, furniture: Furniture, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802  (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._furnish(number, total)
            super().showPage()
        super().save()

    def _furnish(self, number: int, total: int) -> None:
        furniture = self._furniture
        width, height = A4
        left, right = PAGE_MARGIN, width - PAGE_MARGIN
        top, bottom = height - 11 * mm, 9 * mm
        self.saveState()
        marking, recipient = (
            display_text(t) for t in (furniture.marking, furniture.recipient_line)
        )
        self.setFont(BOLD, 9)
        self.drawString(left, top, marking)
        room = right - left - self.stringWidth(marking, BOLD, 9) - 6 * mm
        size = min(9.0, 9 * room / max(self.stringWidth(recipient, BOLD, 9), 1))
        self.setFont(BOLD, max(size, 5.0))  # a long agency name shrinks, never overlaps
        self.drawRightString(right, top, recipient)
        self.setStrokeColor(RULE)
        self.setLineWidth(0.5)
        self.line(left, top - 3, right, top - 3)
        self.line(left, bottom + 9, right, bottom + 9)
        self.setFont(REGULAR, 8)
        self.setFillColor(MUTED)
        self.drawString(left, bottom, f"Copy {furniture.copy_id}")
        self.drawCentredString(width / 2, bottom, marking)
        self.drawRightString(right, bottom, f"Page {number} of {total}")
        self.restoreState()


def neutral_document(
    buffer: io.BytesIO,
    title: str,
    *,
    margins: tuple[float, float, float, float],
    reproducible: bool,
    template: type[SimpleDocTemplate] = SimpleDocTemplate,
) -> SimpleDocTemplate:
    """An A4 document whose metadata names no one: a fixed title, the app as author and
    producer, empty subject and keywords (reportlab's defaults would say "(anonymous)" and
    name itself), and the embedded font from the first page on. Margins: top, right,
    bottom, left.

    Streams are compressed only, not also wrapped in ASCII85 as reportlab does by default
    (a setting of the whole process; every PDF we write goes through here): the file is an
    eighth smaller, and writing it and reading it back for the leak check skip a
    pure-Python encoding and decoding of every page."""
    rl_config.useA85 = 0
    top, right, bottom, left = margins
    return template(
        buffer,
        pagesize=A4,
        topMargin=top,
        rightMargin=right,
        bottomMargin=bottom,
        leftMargin=left,
        title=title,
        author=AUTHOR,
        subject="",
        keywords=[],
        creator=f"MARA Desktop {__version__}",
        producer=AUTHOR,
        invariant=1 if reproducible else 0,
        initialFontName=REGULAR,
    )


def render(
    story: list[Flowable], furniture: Furniture, *, reproducible: bool, title: str = TITLE
) -> RenderedCopy:
    """`title` is the metadata's fixed title: what the document is, never whose."""
    register_fonts()
    buffer = io.BytesIO()
    document = neutral_document(
        buffer, title, margins=MARGINS, reproducible=reproducible, template=_MinutesDocument
    )
    document.build(
        story,
        onLaterPages=document.draw_running_head,
        canvasmaker=partial(_FurnishedCanvas, furniture=furniture),
    )
    return RenderedCopy(buffer.getvalue(), document.page)
