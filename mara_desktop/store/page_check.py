"""Checking every page of a case file before the first write of a session.

SQLCipher checks a page's HMAC only when the page is read, so a command that never reads
a damaged page succeeds and may write to the file (NOTES.md). A damaged file must never be
written to: the chair restores a backup, and anything written to the damaged copy in the
meantime would be lost with it, or spread the damage. So every page is read once, before
the first write.

Reading every page takes about a second for a file of 20,000 cases (benchmarks/casefile.py),
so it runs in a thread of its own, on a connection of its own, from the moment the file is
opened: SQLite leaves Python's lock while it reads, so the check runs beside the command's
or the chair's own work, and the first write waits only for what is left of it.
"""

from __future__ import annotations

import contextlib
import threading
from enum import Enum
from pathlib import Path

from mara_desktop.store.connection import (
    Connection,
    DatabaseError,
    apply_key,
    connect,
    failing_pages,
)


class Soundness(Enum):
    CHECKING = "checking"
    SOUND = "sound"
    DAMAGED = "damaged"
    STOPPED = "stopped"
    """The file was closed before the check ended."""


class PageCheck:
    """Every page's HMAC, checked in the background from construction on."""

    def __init__(self, path: Path, key: bytes) -> None:
        self._path = path
        self._key = key
        self._failing: int | None = None
        self._stopped = False
        self._conn: Connection | None = None
        self._conn_ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="page check", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        conn = None
        try:
            conn = self._conn = connect(self._path, read_only=True)
            self._conn_ready.set()
            apply_key(conn, self._key)
            failing = failing_pages(conn)
        except DatabaseError:
            failing = 1
        finally:
            self._conn_ready.set()
            if conn is not None:
                conn.close()
        if not self._stopped:  # an interrupted check proves nothing either way
            self._failing = failing

    def state(self, *, wait: bool) -> Soundness:
        if wait:
            self._thread.join()
        if self._thread.is_alive():
            return Soundness.CHECKING
        if self._failing is None:
            return Soundness.STOPPED
        return Soundness.DAMAGED if self._failing else Soundness.SOUND

    @property
    def failing(self) -> int:
        """Pages that failed (0 until the check has ended)."""
        return self._failing or 0

    def stop(self) -> None:
        """Interrupt a check still under way (the file is being closed) and wait for it."""
        self._stopped = True
        self._conn_ready.wait()
        if self._conn is not None and self._thread.is_alive():
            with contextlib.suppress(DatabaseError):  # it may have closed meanwhile
                self._conn.interrupt()
        self._thread.join()
