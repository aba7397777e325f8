"""What the console shows while locked: no case, no file name, only the way back in."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

LOCKED = "Locked. The case file is closed and nothing is shown on the shared screen."


class LockedPage(QWidget):
    unlock = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        message = QLabel(LOCKED)
        message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton("Unlock…")
        button.clicked.connect(self.unlock)
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(message)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch()
