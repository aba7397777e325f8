"""Bands across the console about the shared screen, while it is up.

The chair looks at the console, not at the projector behind them: what the room sees now
must be said where the chair looks. One band says the room's screen is blank (and stays
until B shows the case again); another counts down the last seconds before the console
locks from idleness, which would take the shared screen away mid-discussion.

Each band sets its own colours (text and background together), so it reads the same in the
light and the dark palette.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from mara_desktop.ui.text import plain_label

BLANK = "The room's screen is blank. Press B to show the room the case again."
LOCK_SOON = (
    "Nobody has touched the computer for a while: the console locks in {seconds} s and the "
    "room's screen will go. Press any key or move the mouse to keep it open."
)

_BLANK_STYLE = (
    "QFrame#blankBand { background: #1f1f1f; border: 2px solid #000000; border-radius: 4px; }"
    "QFrame#blankBand QLabel { color: #ffffff; background: transparent; font-weight: 600; }"
)
_LOCK_STYLE = (
    "QFrame#lockSoonBand { background: #ffd8a8; border: 2px solid #c25e00; border-radius: 4px; }"
    "QFrame#lockSoonBand QLabel { color: #3d1d00; background: transparent; font-weight: 600; }"
)


class PresentingBands(QWidget):
    """Hidden unless one of its bands is up. `keep_open` asks for the idle clock to start
    again (the button says what any key would do)."""

    keep_open = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(9, 9, 9, 0)
        self.blank_label = plain_label(BLANK, "The room's screen is blank")
        self.blank_band = _band("blankBand", _BLANK_STYLE, self.blank_label)
        self.lock_label = plain_label("", "The console will lock soon")
        keep = QPushButton("Keep the console open")
        keep.setAutoDefault(False)
        keep.clicked.connect(self.keep_open)
        self.lock_band = _band("lockSoonBand", _LOCK_STYLE, self.lock_label, keep)
        layout.addWidget(self.lock_band)
        layout.addWidget(self.blank_band)
        self.blank_band.hide()
        self.lock_band.hide()
        self.hide()

    def show_blank(self, blank: bool) -> None:
        self.blank_band.setVisible(blank)
        self._fit()

    def warn_of_lock(self, seconds: int) -> None:
        self.lock_label.setText(LOCK_SOON.format(seconds=seconds))
        self.lock_band.show()
        self._fit()

    def end_lock_warning(self) -> None:
        self.lock_band.hide()
        self._fit()

    def _fit(self) -> None:
        self.setVisible(not self.blank_band.isHidden() or not self.lock_band.isHidden())


def _band(name: str, style: str, *parts: QWidget) -> QFrame:
    band = QFrame()
    band.setObjectName(name)
    band.setStyleSheet(style)
    row = QHBoxLayout(band)
    row.setContentsMargins(12, 8, 12, 8)
    for stretch, part in zip((1, 0), parts, strict=False):
        row.addWidget(part, stretch)
    return band
