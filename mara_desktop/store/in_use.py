"""Saying when a case file is already open in the app.

Two windows on one file would each show a meeting the other is changing, and a restore
must not pull the file from under a window that has it open. SQLite itself keeps two
programs' writes apart, so this is about people, not pages: the app holds an operating-
system lock on a small file beside the case file (`.NAME.lock`, empty, owner-only) for as
long as it has the file open, across locking and unlocking. The system releases the lock
when the program ends, however it ends, so a crash leaves no stale lock behind.

The case file itself is never locked this way: closing any handle of a file drops every
POSIX lock the program holds on it, SQLite's own included. The lock file takes a `flock`,
which belongs to one open handle, so even two claims in one program exclude each other.
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from mara_desktop.atomic import OWNER_ONLY
from mara_desktop.store.errors import CaseFileError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl


class CaseFileInUse(CaseFileError):
    """Another window of the app, on this computer or another, has the file open."""


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


class InUse:
    """The app's claim on one case file; `release` gives it up."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd: int | None = None

    @classmethod
    def claim(cls, path: Path) -> InUse:
        """Claim the file, or raise CaseFileInUse. Where no lock file can be made (a folder
        that cannot be written), nothing is claimed: such a file opens only to be read."""
        claim = cls(path)
        while True:
            try:
                fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, OWNER_ONLY)
            except OSError:
                return claim
            if not _try_lock(fd):
                os.close(fd)
                raise CaseFileInUse(
                    f"{path}: is already open in MARA Desktop, in another window or on another "
                    "computer. Close it there first; two windows on one meeting would each "
                    "show what the other changes."
                )
            if _same_file(fd, lock_path(path)):
                claim._fd = fd
                return claim
            os.close(fd)  # released and removed by its holder while we waited: try again

    def release(self) -> None:
        if self._fd is None:
            return
        if sys.platform != "win32":  # Windows cannot remove a file that is open
            with contextlib.suppress(OSError):
                lock_path(self.path).unlink()
        os.close(self._fd)
        self._fd = None


def is_in_use(path: Path) -> bool:
    """Whether the app has the file open now (a claim taken and given back at once)."""
    try:
        InUse.claim(path).release()
    except CaseFileInUse:
        return True
    return False


def _try_lock(fd: int) -> bool:
    try:
        if sys.platform == "win32":
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _same_file(fd: int, path: Path) -> bool:
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (here.st_dev, here.st_ino) == (held.st_dev, held.st_ino)
