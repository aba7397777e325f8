"""The embedded Unicode font of the minutes: DejaVu Sans, regular and bold.

reportlab's standard fonts print Polish, Czech, Romanian and Vietnamese letters as black
squares and have no Arabic at all, and a name misprinted in minutes is a record that
cannot be matched to the person. DejaVu Sans covers them; it is shipped in `resources/fonts`
with its licence and embedded (subset) in every PDF, so no reader needs it installed.
"""

from __future__ import annotations

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mara_desktop.resources import resource

REGULAR = "MinutesSans"
BOLD = "MinutesSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


def register_fonts() -> None:
    """Register the family once per process, so that `<b>` in a paragraph maps to the bold
    face; reportlab's registry is global, and registering again would only cost time."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource("fonts", file))))
    for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
        addMapping(REGULAR, bold, italic, BOLD if bold else REGULAR)
