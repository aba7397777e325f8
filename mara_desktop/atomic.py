"""Writing a file so that it appears whole or not at all, and never over another file.

The content is written to a temporary name in the destination folder (same file system,
so the final step is atomic), flushed to disk, then linked to its final name. Linking fails
if the name exists, so nothing is overwritten unless the caller asked for it.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Callable
from pathlib import Path

from mara_desktop.errors import MaraError


class WriteError(MaraError):
    """The destination cannot be written; nothing was left behind."""


def write_atomically(dest: Path, write: Callable[[Path], None], *, overwrite: bool = False) -> None:
    """Call `write(temp)` to fill a temporary file, then put it at `dest` in one step."""
    folder = dest.parent if str(dest.parent) else Path(".")
    if not folder.is_dir():
        raise WriteError(f"{folder}: no such folder.")
    if dest.exists() and not overwrite:
        raise WriteError(f"{dest}: already exists; choose another name (nothing was changed).")
    temp = folder / f".{secrets.token_hex(8)}.partial"
    try:
        write(temp)
        _sync(temp)
        if overwrite:
            os.replace(temp, dest)
        else:
            _link_no_clobber(temp, dest)
        _sync_folder(folder)
    except OSError as error:
        raise WriteError(_sentence(dest, error)) from None
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            with contextlib.suppress(FileNotFoundError):
                leftover.unlink()


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
