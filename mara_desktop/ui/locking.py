"""When to lock: after the chair has been idle, and when the computer's screen locks.

Locking itself (blanking the shared screen, dropping case data, closing the file) is the
console's job; these only say when. The idle time is the one setting the app keeps besides
its look (in QSettings: a number, nothing about cases).

While a case is discussed nobody touches the laptop, and an idle lock would take the shared
screen away mid-sentence: so the idle watch also counts down the last half minute, for the
console to show while the room is watching. Any input starts the clock again.
"""

from __future__ import annotations

import math

from PySide6.QtCore import SLOT, QEvent, QObject, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtDBus import QDBusConnection

DEFAULT_IDLE_MINUTES = 5
IDLE_SETTING = "lock/idle_minutes"
MINUTE_MS = 60_000
WARN_BEFORE_MS = 30_000
"""How long before the idle lock the countdown starts."""
COUNT_EVERY_MS = 1_000

_INPUT = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


def saved_idle_minutes() -> int:
    value = QSettings().value(IDLE_SETTING, DEFAULT_IDLE_MINUTES)
    try:
        return max(1, int(str(value)))
    except ValueError:
        return DEFAULT_IDLE_MINUTES


def save_idle_minutes(minutes: int) -> None:
    QSettings().setValue(IDLE_SETTING, minutes)


class IdleWatch(QObject):
    """Emits `idle` once the application has had no keyboard, mouse or touch input for the
    set time. Watches the whole application, so typing in any window counts.

    In the last WARN_BEFORE_MS it emits `counting` with the whole seconds left, at once
    and then every second; input (or `keep_open`) ends the countdown with `count_over`.
    The clocks are precise: a coarse timer may be late or early by 5% (15 s in 5 minutes),
    which would make the countdown lie."""

    idle = Signal()
    counting = Signal(int)
    count_over = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = _clock(self, single_shot=True)
        self._timer.timeout.connect(self._ran_out)
        self._warn = _clock(self, single_shot=True)
        self._warn.timeout.connect(self._count)
        self._counter = _clock(self, single_shot=False)
        self._counter.setInterval(COUNT_EVERY_MS)
        self._counter.timeout.connect(self._count)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self._timer.setInterval(max(1, minutes) * MINUTE_MS)
        self._restart()

    def pause(self) -> None:
        for clock in (self._timer, self._warn, self._counter):
            clock.stop()

    def resume(self) -> None:
        self._restart()

    def keep_open(self) -> None:
        """Start the clock again, as any key would (while it runs)."""
        if self._timer.isActive():
            self._restart()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT:
            self.keep_open()
        return False

    def _restart(self) -> None:
        self._timer.start()
        self._warn.start(max(0, self._timer.interval() - WARN_BEFORE_MS))
        if self._counter.isActive():
            self._counter.stop()
            self.count_over.emit()

    def _count(self) -> None:
        if not self._counter.isActive():
            self._counter.start()
        self.counting.emit(math.ceil(self._timer.remainingTime() / 1000))

    def _ran_out(self) -> None:
        self._counter.stop()
        self.idle.emit()


def _clock(parent: QObject, *, single_shot: bool) -> QTimer:
    clock = QTimer(parent)
    clock.setSingleShot(single_shot)
    clock.setTimerType(Qt.TimerType.PreciseTimer)
    return clock


_SCREENSAVERS = (
    ("/org/freedesktop/ScreenSaver", "org.freedesktop.ScreenSaver"),
    ("/org/gnome/ScreenSaver", "org.gnome.ScreenSaver"),
    ("/ScreenSaver", "org.freedesktop.ScreenSaver"),
)


_SLOT = SLOT("active_changed(bool)")
"""PySide6 6.12 accepts the slot only as this str (its stubs say bytes; bytes raise)."""


class ScreenLockWatch(QObject):
    """Emits `screen_locked` when the desktop's screen saver says it became active, over the
    session D-Bus (GNOME, KDE and others speak org.freedesktop.ScreenSaver). Where there is
    no session bus, `available` is False and only idle time and Ctrl+L lock."""

    screen_locked = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        bus = QDBusConnection.sessionBus()
        connected = [
            bus.connect("", path, interface, "ActiveChanged", self, _SLOT)  # type: ignore[call-overload]
            for path, interface in _SCREENSAVERS
            if bus.isConnected()
        ]
        self.available = any(connected)

    @Slot(bool)
    def active_changed(self, active: bool) -> None:
        if active:
            self.screen_locked.emit()
