"""What the console must hear about its open case file while it shows it.

Two things can change under a console that is only showing a meeting. Another program may
commit a change (the command line's `import` the coordinator runs before the meeting):
the console then shows a meeting the file no longer holds. And the check of every page,
which the store starts in the background when the file opens (store/page_check.py), may
end by finding damage: from then on nothing may be recorded, and the chair must be told
to restore the latest backup before anyone relies on what is recorded next.

`FileWatch` asks the session both questions (one PRAGMA, and whether a thread has
ended), without Qt, so it is tested without a display. `FileWatcher` asks about once a
second while the console is unlocked, and says what it heard as signals.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from mara_desktop.errors import MaraError
from mara_desktop.session import DamagedCaseFile, Session, Soundness

LOOK_EVERY_MS = 1000


@dataclass(frozen=True)
class FileNews:
    """What happened to the file since the last look; each is told once."""

    changed_elsewhere: bool = False
    damage: str | None = None
    """The sentence of the damage the page check found (restore the latest backup)."""
    problem: str | None = None
    """The sentence of another failure: the opening could not be recorded (a full disk)."""


class FileWatch:
    """Looks at one open case file. Once the page check has ended well, the opening is
    recorded in the audit log at once, rather than with the chair's first change."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._check_told = False

    def look(self) -> FileNews:
        damage, problem = self._check_news()
        try:
            changed = self._session.changed_elsewhere()
        except MaraError as error:
            return FileNews(damage=damage, problem=problem or str(error))
        return FileNews(changed, damage, problem)

    def _check_news(self) -> tuple[str | None, str | None]:
        """(damage, problem) once the page check has ended, and nothing after that."""
        if self._check_told or self._session.soundness() is Soundness.CHECKING:
            return None, None
        self._check_told = True
        try:
            self._session.ensure_sound()
        except DamagedCaseFile as error:
            return str(error), None
        except MaraError as error:
            return None, str(error)
        return None, None


class FileWatcher(QObject):
    """Looks at the console's file about once a second while it is open; `may_look` lets
    the console put a look off while the chair is in the middle of a gesture (dragging a
    case, typing in a cell) that a reload would cut short."""

    changed_elsewhere = Signal()
    damaged = Signal(str)
    problem = Signal(str)

    def __init__(self, may_look: Callable[[], bool], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._may_look = may_look
        self._watch: FileWatch | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(LOOK_EVERY_MS)
        self._timer.timeout.connect(self.look)

    def watch(self, session: Session) -> None:
        self._watch = FileWatch(session)
        self._timer.start()

    def stop(self) -> None:
        """Locked or closed: the file is not looked at again until it is watched anew."""
        self._timer.stop()
        self._watch = None

    @property
    def watching(self) -> bool:
        return self._timer.isActive()

    def look(self) -> None:
        if self._watch is None or not self._may_look():
            return
        news = self._watch.look()
        if news.damage is not None:
            self.damaged.emit(news.damage)
        if news.problem is not None:
            self.problem.emit(news.problem)
        if news.changed_elsewhere:
            self.changed_elsewhere.emit()
