"""The computer's keychain, as everything above the store asks it: whether there is a
secure one, whether it remembers a case file's key, and keeping the other secrets the app
makes (each copy of password-protected minutes has its own password).

The store's keychain module stays the one place that talks to `keyring`; this only lets
screens, minutes and commands ask it without reaching into the store.
"""

from __future__ import annotations

from pathlib import Path

from mara_desktop.store import keychain
from mara_desktop.store.casefile import forget_without_opening
from mara_desktop.store.connection import read_salt
from mara_desktop.store.keychain import KeychainStatus

__all__ = ["KeychainStatus", "forget", "keep_password", "remembers", "status"]


def status() -> KeychainStatus:
    """Whether a secure keychain is available, in a sentence a chair can read."""
    return keychain.status()


def remembers(path: Path) -> bool:
    """Whether this computer keeps the key of the case file at `path` (only the file's salt
    is read, to name the entry: the file is not opened)."""
    return keychain.recall(read_salt(path)) is not None


def forget(path: Path) -> bool:
    """Remove the file's entry without its passphrase; False when there was none."""
    return forget_without_opening(path)


def keep_password(service: str, account: str, password: str) -> bool:
    """Keep a secret the app made; False when there is no secure keychain or it refused,
    so that the caller shows the secret once instead."""
    return keychain.keep_password(service, account, password)
