"""Answering the app's file dialogs from a test, as a chair would type into them.

The dialogs run their own event loop (`exec`), so answers are queued on a timer that finds
the visible dialog, types the name into its file-name field and accepts; a message box that
appears in between (itself a nested event loop) is recorded and dismissed.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

_PENDING: list[FileDialogAnswers] = []


class FileDialogAnswers:
    """Types each answer (None: cancel) into the next file dialog; records message boxes,
    waiting for `messages` of them (a box that follows the dialog only after work done)."""

    def __init__(self, *answers: str | None, rounds: int = 200, messages: int = 0) -> None:
        self.answers = list(answers)
        self.messages: list[str] = []
        self.titles: list[str] = []
        self.rounds = rounds
        self.expected = messages
        _PENDING.append(self)  # a timer alone does not keep its receiver alive
        QTimer.singleShot(20, self._answer)

    def _answer(self) -> None:
        self.rounds -= 1
        waiting = len(self.messages) < self.expected
        if self.rounds > 0 and (self.answers or waiting or _visible(QMessageBox)):
            QTimer.singleShot(20, self._answer)  # before acting: acting may block in exec
        elif self in _PENDING:
            _PENDING.remove(self)
        box = _visible(QMessageBox)
        dialog = _visible(QFileDialog)
        if isinstance(box, QMessageBox):
            self.messages.append(box.text())
            box.accept()
        elif isinstance(dialog, QFileDialog) and self.answers:
            self.titles.append(dialog.windowTitle())
            answer = self.answers.pop(0)
            if answer is None:
                dialog.reject()
                return
            dialog.findChild(QLineEdit, "fileNameEdit").setText(answer)
            dialog.accept()


def _visible(kind: type[QWidget]) -> QWidget | None:
    return next(
        (w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and w.isVisible()),
        None,
    )


def flush_deleted() -> None:
    """Let Qt destroy the dialogs it was asked to delete (that is when it saves its settings)."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
