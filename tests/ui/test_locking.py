"""The console locks when the chair is idle and when the computer's screen locks."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.session import InUse, Session
from mara_desktop.ui import locking
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
    window = ChairConsole(Session.open(demo_path, passphrase=DEMO_PASSPHRASE), claim)
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
    """The clock is read, not raced: once some of it has run, a key typed in a window that
    knows nothing of the watch sets it back to the full time, less only the time since
    the key was sent (measured, so a busy machine changes nothing)."""
    app = QApplication.instance()
    assert app is not None
    watch = IdleWatch(5)
    clock = watch._timer
    clock.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer rounds what it reports
    clock.start()
    full = clock.interval()
    field = QLineEdit()
    qtbot.addWidget(field)
    app.installEventFilter(watch)
    try:
        qtbot.waitUntil(lambda: clock.remainingTime() < full - 100, timeout=10_000)
        sent = time.monotonic()
        qtbot.keyClick(field, "a")
        left = clock.remainingTime()
        since_sent = (time.monotonic() - sent) * 1000
    finally:
        app.removeEventFilter(watch)
    assert left >= full - since_sent - 2


def test_without_input_the_idle_clock_runs_out(qtbot: QtBot) -> None:
    watch = IdleWatch(5)
    watch._timer.setInterval(50)  # minutes are too long for a test
    with qtbot.waitSignal(watch.idle, timeout=10_000):
        watch.resume()


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


def test_the_last_seconds_are_counted_and_input_ends_the_count(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(locking, "MINUTE_MS", 3_000)
    monkeypatch.setattr(locking, "WARN_BEFORE_MS", 2_500)
    watch = IdleWatch(1)
    with qtbot.waitSignal(watch.counting, timeout=3_000) as counted:
        watch.resume()
    assert counted.args is not None and 1 <= counted.args[0] <= 3
    with qtbot.waitSignal(watch.count_over, timeout=1_000):
        watch.keep_open()
    with qtbot.waitSignals([watch.counting, watch.idle], order="simple", timeout=10_000):
        pass
