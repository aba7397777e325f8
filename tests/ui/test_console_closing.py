"""Closing the console with the window's close button while the room is watching asks the
question Ctrl+Q asks; closing it when not presenting, or as the app does itself, does not."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from mara_desktop.ui.console import QUIT_QUESTION, QUIT_TITLE, ChairConsole


def close_button(console: ChairConsole) -> None:
    """What the window system sends for the title bar's X: a close event to the native
    window, which Qt hands to the widget as a spontaneous one (QWidget.close() would not)."""
    handle = console.windowHandle()
    assert handle is not None
    QApplication.sendEvent(handle, QCloseEvent())


def answering(button_text: str, asked: list[str]) -> None:
    """Queue the chair's answer to the question, to act once it is up (for a few seconds:
    a question never asked is then the test's failure, not a timer left running)."""
    rounds = 250

    def answer() -> None:
        nonlocal rounds
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if (rounds := rounds - 1) > 0:
                QTimer.singleShot(20, answer)
            return
        asked.append(f"{box.windowTitle()}: {box.text()}")
        (button,) = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(0, answer)


def test_the_close_button_while_presenting_asks_and_keeps_presenting_if_told(
    qtbot: QtBot, console: ChairConsole
) -> None:
    console.present()
    asked: list[str] = []
    answering("Keep presenting", asked)
    close_button(console)
    assert asked == [f"{QUIT_TITLE}: {QUIT_QUESTION}"]
    assert console.isVisible() and console.participant.isVisible()
    assert console.presenting and console.session is not None
    answering("Quit", asked)
    close_button(console)
    assert len(asked) == 2
    assert not console.isVisible() and not console.participant.isVisible()
    assert console.session is None


def test_the_close_button_when_not_presenting_closes_at_once(
    qtbot: QtBot, console: ChairConsole
) -> None:
    close_button(console)
    assert not console.isVisible() and console.session is None
