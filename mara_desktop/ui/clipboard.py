"""Case text copied to the clipboard does not stay there.

Whatever this app puts on the clipboard (a selected cell, a label's text) is cleared 30
seconds later if the clipboard still holds it, and at once when the app locks or quits.
Text another program copied since is left alone.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QClipboard, QGuiApplication

CLEAR_AFTER_MS = 30_000


class ClipboardGuard(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clipboard: QClipboard = QGuiApplication.clipboard()
        self._copied: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CLEAR_AFTER_MS)
        self._timer.timeout.connect(self.clear_ours)
        self._clipboard.dataChanged.connect(self._changed)

    def _ours(self) -> bool:
        """Ownership where the platform reports it (X11, Wayland); otherwise a copy made
        while this app is the active one is taken as ours."""
        active = QGuiApplication.applicationState() is Qt.ApplicationState.ApplicationActive
        return self._clipboard.ownsClipboard() or active

    def _changed(self) -> None:
        if self._ours() and self._clipboard.text():
            self._copied = self._clipboard.text()
            self._timer.start()

    def clear_ours(self) -> None:
        """Clear the clipboard only if it still holds what we put there."""
        self._timer.stop()
        if self._copied is not None and self._clipboard.text() == self._copied:
            self._clipboard.clear()
        self._copied = None
