"""Reading a PDF back the way a reader's software does, for assertions on what it shows."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader


def page_texts(pdf: bytes, password: str | None = None) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    if password is not None:
        assert reader.decrypt(password)
    return [page.extract_text() for page in reader.pages]


def normalised(text: str) -> str:
    """Compatibility forms folded (Arabic presentation forms become letters) and every run of
    whitespace one space, since extraction breaks lines where the layout wrapped them."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
