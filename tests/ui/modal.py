"""Answering a dialog the app opens with `exec`, as the chair would: its own event loop runs
until it closes, so the answer is queued first and acts once the dialog is up."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

Shown = TypeVar("Shown", bound=QDialog)

_PENDING: list[Callable[[], None]] = []


def when_shown(kind: type[Shown], act: Callable[[Shown], None], *, rounds: int = 500) -> None:
    """Call `act` with the next modal dialog of `kind` once it shows. A dialog `act` left
    open (its recording was refused) is closed as cancelled, so that a test fails on what
    follows rather than waiting for ever."""

    def look() -> None:
        nonlocal rounds
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            _PENDING.remove(look)
            try:
                act(dialog)
            finally:
                if dialog.isVisible():
                    dialog.reject()
        elif (rounds := rounds - 1) > 0:
            QTimer.singleShot(20, look)
        else:
            _PENDING.remove(look)

    _PENDING.append(look)  # a timer alone does not keep its callable alive
    QTimer.singleShot(0, look)
