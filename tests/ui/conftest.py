"""Qt tests share one application set up as the app sets it up (style, stylesheet)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.session import InUse, Session
from mara_desktop.ui.appearance import application
from mara_desktop.ui.console import ChairConsole


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """pytest-qt's fixture, replaced so tests run under the app's own setup."""
    return application()


@pytest.fixture
def console(qtbot: QtBot, demo_path: Path) -> Iterator[ChairConsole]:
    """The chair's console on a private copy of the demo, shown, with its shared screen."""
    claim = InUse.claim(demo_path)
    window = ChairConsole(Session.open(demo_path, passphrase=DEMO_PASSPHRASE), claim)
    qtbot.addWidget(window)
    qtbot.addWidget(window.participant)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()
