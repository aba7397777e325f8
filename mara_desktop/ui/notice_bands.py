"""Bands across the top of the console for what the chair must read about the open file.

A status bar line is easily missed and the next message replaces it; these stay until the
chair has read them. A warning at opening (the protocol is past its review date, the file
could be read by other accounts, records are missing from the audit log) has its own band
and a Dismiss button; once dismissed, the same sentence is not shown again in this window,
so locking and unlocking during a meeting does not repeat it. Damage has one band that
cannot be dismissed: nothing more can be recorded in the file, and it must stay said.

Each band sets its own colours (text and background together), so it reads the same in the
light and the dark palette.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from mara_desktop.ui.text import plain_label

_WARNING_STYLE = (
    "QFrame#warningBand { background: #fff4ce; border: 1px solid #c8a234; border-radius: 4px; }"
    "QFrame#warningBand QLabel { color: #4d3800; background: transparent; }"
)
_DAMAGE_STYLE = (
    "QFrame#damageBand { background: #b3261e; border-radius: 4px; }"
    "QFrame#damageBand QLabel { color: #ffffff; background: transparent; font-weight: 600; }"
)

DAMAGE_HEADING = (
    "This case file is damaged: nothing more can be recorded in it. You can still read and "
    "present what it holds."
)


class NoticeBands(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(9, 9, 9, 0)
        self._damage: QFrame | None = None
        self._warnings: dict[str, QFrame] = {}
        self._dismissed: set[str] = set()
        self.hide()

    def warn(self, sentence: str) -> None:
        """A band with a Dismiss button, unless this sentence is showing or was dismissed."""
        if sentence in self._warnings or sentence in self._dismissed:
            return
        dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss this warning")
        dismiss.setAutoDefault(False)
        dismiss.clicked.connect(lambda: self._dismiss(sentence))
        self._warnings[sentence] = _band("warningBand", _WARNING_STYLE, sentence, dismiss)
        self._layout.addWidget(self._warnings[sentence])
        self.show()

    def damage(self, sentence: str) -> None:
        """The one band saying the file is damaged, above any warning; it stays until the
        file is closed."""
        if self._damage is None:
            self._damage = _band("damageBand", _DAMAGE_STYLE, f"{DAMAGE_HEADING}\n{sentence}")
            self._layout.insertWidget(0, self._damage)
            self.show()

    @property
    def damaged(self) -> bool:
        return self._damage is not None

    def texts(self) -> list[str]:
        """What the bands say, top to bottom."""
        damage = [str(self._damage.property("sentence"))] if self._damage else []
        return damage + list(self._warnings)

    def clear(self) -> None:
        """The file was closed (locked): its bands go with it; dismissals are kept."""
        for band in [self._damage, *self._warnings.values()]:
            if band is not None:
                _remove(band)
        self._damage = None
        self._warnings.clear()
        self.hide()

    def _dismiss(self, sentence: str) -> None:
        self._dismissed.add(sentence)
        _remove(self._warnings.pop(sentence))
        self.setVisible(bool(self.texts()))


def _band(name: str, style: str, text: str, button: QPushButton | None = None) -> QFrame:
    band = QFrame()
    band.setObjectName(name)
    band.setStyleSheet(style)
    band.setProperty("sentence", text)
    row = QHBoxLayout(band)
    label = plain_label(text, "Warning" if button else "Damaged case file")
    label.setAccessibleDescription(text)
    row.addWidget(label, 1)
    if button is not None:
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    return band


def _remove(band: QFrame) -> None:
    band.hide()
    band.deleteLater()
