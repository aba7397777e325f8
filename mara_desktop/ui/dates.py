"""How a screen shows a day: "2 Dec 2026", as the minutes and the reasons write it
(domain.when_text), in every dialog's date field and every day typed as text. One place,
so that no dialog drifts back to 02/12/2026, which a chair from another country reads as
the twelfth of February."""

from __future__ import annotations

import re
from datetime import date

from mara_desktop.domain import when_text

DAY_FORMAT = "d MMM yyyy"
"""Qt's display format of a date field: the same words as `when_text`."""
MOMENT_FORMAT = f"{DAY_FORMAT} HH:mm"

_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_WRITTEN = re.compile(r"^\s*(\d{1,2})\s+([A-Za-z]{3})[A-Za-z]*\.?\s+(\d{4})\s*$")


def day_words(day: date | None) -> str:
    """A day for a text field: "2 Apr 1990"; empty when not known."""
    return when_text(day) if day else ""


def written_day(text: str) -> date | None:
    """A day written as `day_words` writes it ("2 Apr 1990", "2 April 1990"), in English
    whatever the computer's language, or None when `text` is not one (ValueError when it
    names no real day, "31 Feb 1990")."""
    found = _WRITTEN.match(text)
    if found is None or found.group(2).lower() not in _MONTHS:
        return None
    month = _MONTHS.index(found.group(2).lower()) + 1
    return date(int(found.group(3)), month, int(found.group(1)))
