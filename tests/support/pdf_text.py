"""Reading a PDF back the way a reader's software does, for assertions on what it shows."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PageObject, PdfReader


def page_texts(pdf: bytes, password: str | None = None) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    if password is not None:
        assert reader.decrypt(password)
    return [page.extract_text() for page in reader.pages]


def normalised(text: str) -> str:
    """Compatibility forms folded (Arabic presentation forms become letters) and every run of
    whitespace one space, since extraction breaks lines where the layout wrapped them."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def headings_at_page_foot(pdf: bytes) -> list[tuple[int, str]]:
    """(page, text) of each page whose last line of text above the footer is a heading: bold
    type of 10 points or more (the minutes' section, case and group headings; body text and
    tables are smaller or regular)."""
    found = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):
        body = [r for r in _runs(page) if r[0] > FOOTER_TOP]
        if not body:
            continue
        lowest = min(r[0] for r in body)
        last = [r for r in body if r[0] == lowest]
        if any("Bold" in name and size >= 10 for _, name, size, _ in last):
            found.append((number, " ".join(r[3].strip() for r in last)))
    return found


def _runs(page: PageObject) -> list[tuple[float, str, float, str]]:
    """(height on the page, font name, size, text) of each piece of text drawn."""
    runs: list[tuple[float, str, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            name = str(font.get("/BaseFont", "")) if isinstance(font, dict) else ""
            height = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]  # text matrix, then the page's
            runs.append((round(height, 1), name, size, text))

    page.extract_text(visitor_text=visit)
    return runs


FOOTER_TOP = 40
"""Points from the foot of the page: the footer (marking, page number, copy id) is below."""
