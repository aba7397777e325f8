"""Where a passphrase comes from on the command line: never from an argument.

In order: `--passphrase-file`, the `MARA_PASSPHRASE` environment variable, the key this
computer remembers, then a prompt on the terminal. With none of these, the command stops
with exit code 2 ("key unavailable") rather than waiting on a pipe that will never answer.
"""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from mara_desktop.cli.key_ahead import ENV_PASSPHRASE, first_line
from mara_desktop.cli.terminal import shown, warn
from mara_desktop.session import CaseFileError, KeyUnavailable

__all__ = ["ENV_NEW_PASSPHRASE", "ENV_PASSPHRASE", "from_file", "given", "prompt"]

ENV_NEW_PASSPHRASE = "MARA_NEW_PASSPHRASE"


def from_file(path: Path) -> str:
    """The first line of the file, without its line ending. A file that gives no passphrase
    is "key unavailable" (exit 2), like a keychain that gives none."""
    try:
        line = first_line(path)
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "it is not UTF-8 text"
        raise KeyUnavailable(f"{path}: the passphrase file cannot be read ({reason}).") from None
    if not line:
        raise KeyUnavailable(f"{path}: the passphrase file is empty.")
    _warn_if_others_can_read(path)
    return line


def _warn_if_others_can_read(path: Path) -> None:
    """The passphrase opens every victim's address: a file that holds it must be the
    owner's alone. Warned, not refused: the command was asked for, and refusing would
    only teach people to pass it some other, worse way."""
    if os.name == "posix" and path.stat().st_mode & 0o077:
        warn(
            f"{path} can be read by other accounts on this computer, and it holds the "
            f"passphrase. Make it yours alone (chmod 600 {path}) or delete it."
        )


def given(passphrase_file: Path | None, env: str = ENV_PASSPHRASE) -> str | None:
    """A passphrase given without asking, if any."""
    if passphrase_file is not None:
        return from_file(passphrase_file)
    value = os.environ.get(env)
    return value if value else None


def prompt(label: str, *, confirm: bool = False) -> str:
    if not sys.stdin.isatty():
        raise KeyUnavailable(
            "No passphrase: give --passphrase-file, set MARA_PASSPHRASE, or run in a terminal."
        )
    first = getpass.getpass(shown(f"{label}: "))  # the label may name a file
    if confirm and getpass.getpass(shown(f"{label} (again): ")) != first:
        raise CaseFileError("The two passphrases differ; nothing was changed.")
    return first
