"""Labels that show user text as written, and counts in words.

A QLabel guesses whether its text is rich text; a note containing "<b>" would then be read
as markup. Every label that can hold case text is told it is plain text.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget


def plain_label(text: str, accessible_name: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    label.setAccessibleName(accessible_name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def count_of(number: int, one: str, many: str) -> str:
    """ "1 entry", "2 entries": a count as a chair reads it."""
    return f"{number} {one if number == 1 else many}"
