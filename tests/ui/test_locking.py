"""The console locks when the chair is idle and when the computer's screen locks."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.in_use import InUse
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.locking import IdleWatch

SCREEN_LOCK_PROBE = """
import subprocess, sys
from PySide6.QtCore import QCoreApplication, QTimer
from mara_desktop.ui.locking import ScreenLockWatch
app = QCoreApplication(sys.argv)
watch = ScreenLockWatch()
watch.screen_locked.connect(lambda: (print("locked", flush=True), app.quit()))
QTimer.singleShot(100, lambda: subprocess.run(["dbus-send", "--session", "--type=signal",
    "/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver.ActiveChanged",
    "boolean:true"], check=True))
QTimer.singleShot(5000, app.quit)
app.exec()
print("available" if watch.available else "unavailable")
"""


@pytest.fixture
def console(qtbot: QtBot, demo_path: Path) -> ChairConsole:
    claim = InUse.claim(demo_path)
    window = ChairConsole(CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE), claim)
    qtbot.addWidget(window)
    qtbot.addWidget(window.participant)
    return window


def test_idle_time_locks_the_console(console: ChairConsole) -> None:
    console._idle.idle.emit()
    assert console.locked and console.meeting is None


def test_the_screen_locking_locks_the_console(console: ChairConsole) -> None:
    console._screen_lock.screen_locked.emit()
    assert console.locked


def test_input_anywhere_in_the_app_restarts_the_idle_clock(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    watch = IdleWatch(5)
    watch._timer.setInterval(200)  # minutes are too long for a test
    watch._timer.start()
    fired: list[bool] = []
    watch.idle.connect(lambda: fired.append(True))
    field = QLineEdit()
    qtbot.addWidget(field)
    app.installEventFilter(watch)
    try:
        for _ in range(5):
            qtbot.wait(80)
            qtbot.keyClick(field, "a")
        assert not fired
        qtbot.waitUntil(lambda: bool(fired), timeout=2000)
    finally:
        app.removeEventFilter(watch)


@pytest.mark.skipif(not shutil.which("dbus-run-session"), reason="no D-Bus on this machine")
def test_a_desktop_screen_lock_announced_over_dbus_is_heard() -> None:
    done = subprocess.run(
        ["dbus-run-session", "--", sys.executable, "-c", SCREEN_LOCK_PROBE],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.stdout.split() == ["locked", "available"], done.stderr[-500:]
