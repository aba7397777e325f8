"""User text made safe and legible for a reportlab paragraph.

Every value typed by a person (an item, a name, a venue) passes through `markup` before it
reaches a `Paragraph`: reportlab reads paragraph text as markup, so an unescaped `<b>`
would turn bold and an unclosed `<` would stop the export.

reportlab draws text left to right, glyph by glyph, and cannot shape Arabic or order
right-to-left runs itself without its `rlbidi` extra, which is not published on PyPI.
Text holding a right-to-left script is therefore shaped into its joined letter forms
(arabic-reshaper) and put into display order (python-bidi, the Unicode bidirectional
algorithm) before it is drawn. Text without such a script is left untouched and costs
nothing more.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

import arabic_reshaper
from bidi import get_display

_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")
"""Hebrew, Arabic, Syriac, Thaana, N'Ko and the Arabic presentation forms."""
_BASE = "L"
"""The minutes are written left to right; a right-to-left name is a run inside them."""


def has_right_to_left(text: str) -> bool:
    return _RIGHT_TO_LEFT.search(text) is not None


def display_text(text: str) -> str:
    """The text as it is drawn: right-to-left runs shaped and in visual order."""
    if not has_right_to_left(text):
        return text
    return str(get_display(arabic_reshaper.reshape(text), base_dir=_BASE))


def markup(text: str) -> str:
    """Paragraph markup that prints `text` exactly as written."""
    return escape(display_text(text))


def drawn_forms(value: str) -> list[str]:
    """The forms in which `value` may be found in a PDF we wrote: as written, shaped in
    reading order (what pypdf extracts), and shaped in display order (what is drawn).
    A leak check that searched only for the value as written would miss an Arabic name."""
    forms = [value]
    if has_right_to_left(value):
        shaped = str(arabic_reshaper.reshape(value))
        forms += [shaped, str(get_display(shaped, base_dir=_BASE))]
    return list(dict.fromkeys(forms))
