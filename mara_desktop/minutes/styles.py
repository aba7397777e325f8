"""The look of the minutes: a few paragraph styles and table styles, in one place.

Sizes are chosen for a chair reading a printed copy at a meeting table: body text at 9.5 pt,
headings that stand out by weight and space rather than colour (copies are often printed in
black and white), tables with a ruled header row that repeats on every page.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from mara_desktop.minutes.fonts import BOLD, REGULAR

PAGE_MARGIN = 18 * mm
MUTED = colors.HexColor("#4a4a4a")
RULE = colors.HexColor("#9a9a9a")
BAND = colors.HexColor("#e8e8e8")

BODY = ParagraphStyle("body", fontName=REGULAR, fontSize=9.5, leading=12.5, spaceAfter=3)
SMALL = ParagraphStyle("small", parent=BODY, fontSize=8, leading=10, spaceAfter=0)
TITLE = ParagraphStyle("title", parent=BODY, fontName=BOLD, fontSize=17, leading=21, spaceAfter=2)
SUBTITLE = ParagraphStyle("subtitle", parent=BODY, fontSize=11, leading=14, spaceAfter=8)
SECTION = ParagraphStyle(
    "section",
    parent=BODY,
    fontName=BOLD,
    fontSize=12.5,
    leading=16,
    spaceBefore=12,
    spaceAfter=5,
    keepWithNext=1,
)
CASE = ParagraphStyle(
    "case",
    parent=SECTION,
    fontSize=12,
    backColor=BAND,
    borderPadding=(3, 4, 3, 4),
    spaceBefore=16,
    spaceAfter=8,
)
GROUP = ParagraphStyle(
    "group", parent=BODY, fontName=BOLD, fontSize=10, spaceBefore=6, spaceAfter=2, keepWithNext=1
)
ITEM = ParagraphStyle("item", parent=BODY, leftIndent=10, spaceAfter=5, allowOrphans=1)
"""An item's text; orphans allowed, as its heading line (ITEM_HEADING) is always above."""
ITEM_HEADING = ParagraphStyle(
    "item-heading", parent=ITEM, fontSize=8, textColor=MUTED, spaceAfter=0
)
NOTICE = ParagraphStyle(
    "notice",
    parent=BODY,
    textColor=MUTED,
    borderColor=RULE,
    borderWidth=0.5,
    borderPadding=4,
    spaceBefore=4,
    spaceAfter=8,
)
OVERRIDE = ParagraphStyle(
    "override", parent=BODY, fontSize=8.5, leading=11, leftIndent=10, spaceAfter=6
)
"""One override in the chair's copy: what, with whom, basis, who, when, until, why."""
WARNING = ParagraphStyle(
    "warning",
    parent=BODY,
    borderColor=colors.black,
    borderWidth=1,
    borderPadding=5,
    spaceBefore=10,
    spaceAfter=8,
)
"""The chair's copy's warning on its front page: boxed, in black, for black-and-white print."""
HASH = ParagraphStyle("hash", parent=BODY, fontSize=8.5)
CELL = ParagraphStyle("cell", parent=BODY, fontSize=8.5, leading=10.5, spaceAfter=0)
HEAD_CELL = ParagraphStyle("head-cell", parent=CELL, fontName=BOLD)

TABLE = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), REGULAR, 8.5),
        ("FONT", (0, 0), (-1, 0), BOLD, 8.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
)
"""Every table: a bold header row ruled off, light rules between rows, no grid."""

DETAILS = TableStyle(
    [
        ("FONT", (0, 0), (-1, -1), REGULAR, 9.5),
        ("FONT", (0, 0), (0, -1), BOLD, 9.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
)
"""The meeting's details: labels in bold, values beside them."""
