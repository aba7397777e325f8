"""The embedded Unicode font of the minutes: DejaVu Sans, regular and bold.

reportlab's standard fonts print Polish, Czech, Romanian and Vietnamese letters as black
squares and have no Arabic at all, and a name misprinted in minutes is a record that
cannot be matched to the person. DejaVu Sans covers them; it is shipped in `resources/fonts`
with its licence and embedded (subset) in every PDF, so no reader needs it installed.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from mara_desktop.resources import resource

REGULAR = "MinutesSans"
BOLD = "MinutesSans-Bold"
_FILES = {REGULAR: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf"}


class _MinutesFont(TTFont):  # type: ignore[misc]  # reportlab ships no type hints
    """reportlab's embedded font, quicker at the text most minutes are made of.

    To draw a string, reportlab's `splitString` finds each letter's code in the font subset
    of the document, one letter at a time in Python: a tenth of the time a copy takes. With
    `asciiReadable` (the default) every printable ASCII letter the font has is given its
    own code in the first subset when the document starts, so a string of them is drawn as
    its own bytes: exactly what the letter-by-letter way returns for it, found at once."""

    def __init__(self, name: str, filename: str) -> None:
        super().__init__(name, filename)
        printable = range(0x20, 0x7F)
        self._ascii_as_is = self._asciiReadable and all(
            code in self.face.charToGlyph for code in printable
        )

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> Any:  # noqa: N802
        if self._ascii_as_is and isinstance(text, str) and text.isascii() and text.isprintable():
            return [(0, text.encode("ascii"))] if text else []
        return super().splitString(text, doc, encoding)


def register_fonts() -> None:
    """Register the family once per process, so that `<b>` in a paragraph maps to the bold
    face; reportlab's registry is global, and registering again would only cost time."""
    if REGULAR in pdfmetrics.getRegisteredFontNames():
        return
    for name, file in _FILES.items():
        pdfmetrics.registerFont(_MinutesFont(name, str(resource("fonts", file))))
    for bold, italic in ((0, 0), (0, 1), (1, 0), (1, 1)):
        addMapping(REGULAR, bold, italic, BOLD if bold else REGULAR)
