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
