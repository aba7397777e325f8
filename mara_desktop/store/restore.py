"""Putting a backup back in place of a case file.

A backup is restored only whole and only once it checks out (every page, the structure,
the audit chain). The file it replaces is never overwritten or deleted: it is renamed
beside itself, with SQLite's side files, so that nothing written to it after the backup is
lost and a damaged copy stays for investigation. A write-ahead log left beside the old
name must go with it, or SQLite would replay it into the restored file.

The restored file's audit log is the backup's, followed by a record of the restore; a
remembered key's witness of the newest record (store/keychain.py) moves to the restored
file, since records newer than the backup are now, knowingly, elsewhere.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mara_desktop.store.audit import Head
from mara_desktop.store.casefile import CaseFile, side_files
from mara_desktop.store.errors import CaseFileError, DamagedCaseFile
from mara_desktop.store.in_use import CaseFileInUse, is_in_use


@dataclass(frozen=True)
class Restored:
    dest: Path
    backup_head: Head | None
    """The newest audit record the backup held: the restored log goes on from it."""
    set_aside: Path | None
    """Where the file that stood at `dest` now is, if one did."""


def restore(backup: CaseFile, dest: Path) -> Restored:
    """Write the open `backup` to `dest`, setting aside what was there."""
    report = backup.verify()
    if not report.ok:
        raise DamagedCaseFile(backup.path, f"{report.problems[0]}; nothing was restored")
    if dest.is_dir():
        raise CaseFileError(f"{dest}: is a folder; name the case file to restore to.")
    if dest.exists() and is_in_use(dest):
        raise CaseFileInUse(
            f"{dest}: is open in MARA Desktop; close it there, then restore (nothing was changed)."
        )
    anchor = backup.anchor()
    backup_head = anchor.head if anchor else None
    set_aside = _set_aside(dest)
    try:
        backup.backup(dest, audited=False)
    except BaseException:
        if set_aside is not None:
            _put_back(set_aside, dest)
        raise
    with backup.open_copy(dest) as restored:
        restored.record_restore(
            {
                "from": backup.path.name,
                "backup_record": backup_head.record if backup_head else None,
                "set_aside": set_aside.name if set_aside else None,
            },
        )
    return Restored(dest, backup_head, set_aside)


def _set_aside(dest: Path) -> Path | None:
    """Rename the file at `dest` and its side files to a new name beside it; None if
    nothing stood there."""
    present = [p for p in side_files(dest) if p.exists()]
    if not present:
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    aside = dest.with_name(f"{dest.stem}.replaced-{stamp}{dest.suffix}")
    if any(p.exists() for p in side_files(aside)):
        raise CaseFileError(f"{aside}: already exists; try again in a second.")
    for old, new in zip(side_files(dest), side_files(aside), strict=True):
        if old.exists():
            os.rename(old, new)
    return aside


def _put_back(aside: Path, dest: Path) -> None:
    for old, new in zip(side_files(aside), side_files(dest), strict=True):
        if old.exists() and not new.exists():
            os.rename(old, new)
