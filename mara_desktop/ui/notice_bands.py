"""Bands across the top of the console for what the chair must read about the open file.

A status bar line is easily missed and the next message replaces it; these stay until the
chair has read them. A warning at opening (the protocol is past its review date, the file
could be read by other accounts, records are missing from the audit log) has its own band
and a Dismiss button; once dismissed, the same sentence is not shown again in this window,
so locking and unlocking during a meeting does not repeat it.

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


class NoticeBands(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
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

    def texts(self) -> list[str]:
        """What the bands say, top to bottom."""
        return list(self._warnings)

    def clear(self) -> None:
        """The file was closed (locked): its bands go with it; dismissals are kept."""
        for band in self._warnings.values():
            _remove(band)
        self._warnings.clear()
        self.hide()

    def _dismiss(self, sentence: str) -> None:
        self._dismissed.add(sentence)
        _remove(self._warnings.pop(sentence))
        self.setVisible(bool(self.texts()))


def _band(name: str, style: str, text: str, button: QPushButton) -> QFrame:
    band = QFrame()
    band.setObjectName(name)
    band.setStyleSheet(style)
    row = QHBoxLayout(band)
    label = plain_label(text, "Warning")
    label.setAccessibleDescription(text)
    row.addWidget(label, 1)
    row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
    return band


def _remove(band: QFrame) -> None:
    band.hide()
    band.deleteLater()
