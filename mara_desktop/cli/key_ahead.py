"""Deriving a case file's key while the command loads.

Every command reaches the case file through the session layer, which takes about a fifth
of a second to load on a slow machine; the key derivation (256,000 rounds of PBKDF2, about
as long again) needs only the passphrase and the file's salt, and runs in OpenSSL beside
Python's own work. So when a command is given its passphrase (`--passphrase-file` or
MARA_PASSPHRASE), the derivation begins as soon as the arguments are read, and the open
takes its result (store/passphrase.py). This is the one place the command line names the
store: the session layer would load everything this is meant to run beside.

Nothing here reports a problem: a passphrase file that cannot be read, or a case file that
is missing, is the command's own to report when it reads them again.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from mara_desktop.store.connection import read_salt
from mara_desktop.store.passphrase import SALT_BYTES, derive_ahead

ENV_PASSPHRASE = "MARA_PASSPHRASE"


def first_line(path: Path) -> str:
    """The first line of a passphrase file, without its line ending ("" if none)."""
    return next(iter(path.read_text(encoding="utf-8").splitlines()), "")


def begin(args: argparse.Namespace) -> None:
    """Begin deriving the key of the command's case file, if its passphrase was given."""
    path = getattr(args, "file", None)
    passphrase = _given_quietly(getattr(args, "passphrase_file", None))
    if not isinstance(path, Path) or not passphrase:
        return
    try:
        salt = read_salt(path)
    except OSError:
        return
    if len(salt) == SALT_BYTES:
        derive_ahead(passphrase, salt)


def _given_quietly(passphrase_file: Path | None) -> str | None:
    if passphrase_file is None:
        return os.environ.get(ENV_PASSPHRASE)
    try:
        return first_line(passphrase_file)
    except (OSError, UnicodeDecodeError):
        return None
