"""When to lock: after the chair has been idle, and when the computer's screen locks.

Locking itself (blanking the shared screen, dropping case data, closing the file) is the
console's job; these only say when. The idle time is the one setting the app keeps besides
its look (in QSettings: a number, nothing about cases).
"""

from __future__ import annotations

from PySide6.QtCore import SLOT, QEvent, QObject, QSettings, QTimer, Signal, Slot
from PySide6.QtDBus import QDBusConnection

DEFAULT_IDLE_MINUTES = 5
IDLE_SETTING = "lock/idle_minutes"

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
    set time. Watches the whole application, so typing in any window counts."""

    idle = Signal()

    def __init__(self, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: int) -> None:
        self._timer.setInterval(max(1, minutes) * 60_000)
        self._timer.start()

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if event.type() in _INPUT and self._timer.isActive():
            self._timer.start()
        return False


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
