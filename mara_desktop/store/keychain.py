"""Remembering a case file's key in the operating system's keychain, or saying why not.

The one place that asks `keyring` what it has. What is kept is the file's derived key (never
the passphrase), under a name made from the file's random salt (never its path, which can
itself be sensitive). Keyring backends that are not a real keychain (the "fail" and "null"
backends, plaintext files, a chainer with nothing behind it) make the option unavailable;
there is no plain-text fallback.
"""

from __future__ import annotations

from dataclasses import dataclass

import keyring
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError

SERVICE = "MARA Desktop case file"
_NOT_SECURE = ("fail", "null", "plaintext", "file", "keyrings.alt")


@dataclass(frozen=True)
class KeychainStatus:
    available: bool
    sentence: str
    """Why the option is unavailable, or which keychain is used, in a chair's words."""


def _is_secure(backend: KeyringBackend) -> bool:
    backends = getattr(backend, "backends", None)
    if backends is not None:
        return any(_is_secure(b) for b in backends)
    name = f"{type(backend).__module__}.{type(backend).__name__}".lower()
    return not any(part in name for part in _NOT_SECURE)


def status() -> KeychainStatus:
    backend = keyring.get_keyring()
    if not _is_secure(backend):
        return KeychainStatus(
            False,
            "No secure keychain is available on this computer, so the case file cannot be "
            "remembered here; type its passphrase each time.",
        )
    label = getattr(backend, "name", type(backend).__name__)
    return KeychainStatus(True, f"The key is kept in this computer's keychain ({label}).")


def _account(salt: bytes) -> str:
    return f"case-file-{salt.hex()}"


def remember(salt: bytes, key: bytes) -> None:
    """Raise KeyringError (with the status sentence) when there is no secure keychain."""
    state = status()
    if not state.available:
        raise KeyringError(state.sentence)
    keyring.set_password(SERVICE, _account(salt), key.hex())


def recall(salt: bytes) -> bytes | None:
    """The remembered key, or None when none is kept or the keychain will not answer."""
    if not status().available:
        return None
    try:
        stored = keyring.get_password(SERVICE, _account(salt))
    except KeyringError:
        return None
    try:
        return bytes.fromhex(stored) if stored else None
    except ValueError:
        return None


def forget(salt: bytes) -> bool:
    """Remove the entry; False when there was none."""
    if not status().available:
        return False
    try:
        keyring.delete_password(SERVICE, _account(salt))
    except keyring.errors.PasswordDeleteError:
        return False
    return True
