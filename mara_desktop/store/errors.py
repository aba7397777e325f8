"""Errors of the case file, each a sentence naming the file and what to do next.

They are told apart because a chair's next step differs: a wrong passphrase is retyped, a
damaged file is restored from a backup, a read-only file is moved or unlocked.
"""

from __future__ import annotations

from pathlib import Path

from mara_desktop.errors import ExitCode, MaraError


class CaseFileError(MaraError):
    """Bad input about a case file: missing, a folder, not a case file, read-only, too new."""

    exit_code = ExitCode.INPUT


class WrongPassphrase(CaseFileError):
    exit_code = ExitCode.KEY

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path}: wrong passphrase (or this is not a MARA case file). "
            "Nothing was changed; try again."
        )


class KeyUnavailable(CaseFileError):
    exit_code = ExitCode.KEY


class DamagedCaseFile(CaseFileError):
    exit_code = ExitCode.DAMAGED

    def __init__(self, path: Path, what: str) -> None:
        super().__init__(
            f"{path}: the case file is damaged ({what}). Do not write to it; "
            "restore your latest backup and keep this copy for investigation."
        )


class WeakPassphrase(CaseFileError):
    """The new passphrase is too weak; the sentence says why a strong one matters."""


def write_failed(path: Path, error: Exception, outcome: str) -> CaseFileError:
    """SQLite's error as a sentence about `path`; `outcome` says what did not happen."""
    text = str(error).lower()
    if "full" in text:
        return CaseFileError(f"{path}: the disk is full; {outcome}.")
    if "readonly" in text or "read-only" in text or "unable to open" in text:
        return CaseFileError(f"{path}: cannot be written there; {outcome}.")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return DamagedCaseFile(path, "a page could not be read")
    return CaseFileError(f"{path}: the change could not be saved ({error}); {outcome}.")
