"""Unlocking the console as the chair does: through its dialog, which runs its own event loop,
so the answer is queued before the dialog opens."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.unlock import OpenCaseFileDialog


def unlock_console(console: ChairConsole, passphrase: str, other_file: Path | None = None) -> None:
    """Unlock through the dialog, as the chair does (on another file if given)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, OpenCaseFileDialog)
        if other_file is not None:
            dialog.show_unlock(other_file)
        dialog.passphrase.setText(passphrase)
        dialog.unlock()

    QTimer.singleShot(0, answer)
    console.unlock()
