"""Warnings at opening stay on the console until the chair dismisses them."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.session import InUse, Session
from mara_desktop.ui.console import ChairConsole
from tests.support.tampering import cut_audit_tail
from tests.ui.unlocking import unlock_console


def shown_bands(console: ChairConsole) -> list[str]:
    return [label.text() for label in console.bands.findChildren(QLabel) if label.isVisible()]


def dismiss(qtbot: QtBot, console: ChairConsole, sentence: str) -> None:
    band = next(
        frame
        for frame in console.bands.findChildren(QFrame)
        if any(label.text() == sentence for label in frame.findChildren(QLabel))
    )
    qtbot.mouseClick(band.findChild(QPushButton), Qt.MouseButton.LeftButton)


def test_each_warning_at_opening_has_a_band_until_the_chair_dismisses_it(
    qtbot: QtBot, demo_path: Path
) -> None:
    """Records cut from the audit log since this computer last saw it, and a file others
    could read: both are said, each in its own band; a dismissed one is not repeated when
    the chair unlocks again, though the file still warrants it."""
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        session.remember_on_this_device()
    cut_audit_tail(demo_path, keep=3)
    os.chmod(demo_path, 0o644)
    claim = InUse.claim(demo_path)
    console = ChairConsole(Session.open(demo_path, passphrase=DEMO_PASSPHRASE), claim)
    qtbot.addWidget(console)
    console.show()
    qtbot.waitExposed(console)
    assert console.session is not None
    warnings = console.session.warnings
    lost = next(w for w in warnings if "records were removed" in w)
    readable = next(w for w in warnings if "could be read by other accounts" in w)
    assert shown_bands(console) == warnings == [lost, readable]

    dismiss(qtbot, console, lost)
    assert shown_bands(console) == [readable]
    console.lock()
    assert shown_bands(console) == []
    unlock_console(console, DEMO_PASSPHRASE)
    assert console.session.warnings == [lost]
    assert shown_bands(console) == []
    console.close()
