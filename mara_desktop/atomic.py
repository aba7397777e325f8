"""Writing a file so that it appears whole or not at all, only its owner can read it, and
it never lands over another file.

The content is written to a temporary name in the destination folder (same file system,
so the final step is atomic), flushed to disk, then linked to its final name. Linking fails
if the name exists, so nothing is overwritten unless the caller asked for it.

Every file the app writes holds case data or says something about it, so every file is
made owner-only (0600) and every folder the app makes is 0700, whatever the process's
umask: a colleague logged in to the same computer must not be able to read them. The
temporary file is created with that mode before a byte is written, and the mode is set
again before it takes its name, in case the writer replaced the file.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from mara_desktop.errors import MaraError

OWNER_ONLY = 0o600
OWNER_ONLY_FOLDER = 0o700


class WriteError(MaraError):
    """The destination cannot be written; nothing was left behind."""


def write_atomically(dest: Path, write: Callable[[Path], None], *, overwrite: bool = False) -> None:
    """Call `write(temp)` to fill an empty owner-only temporary file, then put it at `dest`
    in one step."""
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"{folder}: no such folder.")
    if dest.exists() and not overwrite:
        raise WriteError(f"{dest}: already exists; choose another name (nothing was changed).")
    temp = folder / f".{secrets.token_hex(8)}.partial"
    try:
        create_private(temp)
        write(temp)
        os.chmod(temp, OWNER_ONLY)
        _sync(temp)
        if overwrite:
            os.replace(temp, dest)
        else:
            _link_no_clobber(temp, dest)
        _sync_folder(folder)
    except OSError as error:
        raise WriteError(_sentence(dest, error)) from None
    finally:
        remove_with_journals(temp)


def create_private(path: Path) -> None:
    """An empty owner-only file at a name that must be new (O_EXCL: never through a link)."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, OWNER_ONLY))
    os.chmod(path, OWNER_ONLY)  # the umask may have taken bits away, never added them


def remove_with_journals(path: Path) -> None:
    """Remove a file and the journal files SQLite may have left beside it, if any."""
    for leftover in (path, *(path.with_name(path.name + s) for s in ("-journal", "-wal", "-shm"))):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()


def make_private_folder(folder: Path) -> None:
    """Make `folder` and any missing parents, each owner-only; an existing folder is left
    as it is (it may be a shared drive the chair chose on purpose)."""
    missing: list[Path] = []
    while not folder.exists():
        missing.append(folder)
        if folder.parent == folder:
            break
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir(mode=OWNER_ONLY_FOLDER)
        os.chmod(path, OWNER_ONLY_FOLDER)


def make_owner_only(path: Path) -> bool:
    """Take group and others' access away from an existing file; True if it had any."""
    mode = path.stat().st_mode & 0o777
    if os.name != "posix" or not mode & 0o077:
        return False
    os.chmod(path, mode & 0o700)
    return True


def _link_no_clobber(temp: Path, dest: Path) -> None:
    try:
        os.link(temp, dest)
    except FileExistsError:
        raise
    except OSError:
        if dest.exists():
            raise FileExistsError(dest) from None
        os.rename(temp, dest)


def _sync(path: Path) -> None:
    with path.open("rb+") as handle:
        os.fsync(handle.fileno())


def _sync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _sentence(dest: Path, error: OSError) -> str:
    if isinstance(error, FileExistsError):
        return f"{dest}: already exists; choose another name (nothing was changed)."
    if error.errno == 28:
        return f"{dest}: the disk is full; nothing was written."
    if isinstance(error, PermissionError):
        return f"{dest}: you do not have permission to write there; nothing was written."
    return f"{dest}: could not be written ({error.strerror or error}); nothing was written."
