"""Remembering a case file's key in the operating system's keychain, or saying why not.

The one place that talks to `keyring`: everything else asks here, and every failure of the
keychain (a locked Secret Service, no D-Bus, a backend's own exception) becomes one
`KeyUnavailable` sentence here, never a traceback elsewhere.

What is kept for a case file is its derived key (never the passphrase), under a name made
from the file's random salt (never its path, which can itself be sensitive), together with
the newest audit record this computer saw in the file: a witness, outside the file, that
the log's tail was not cut off since (store/audit.py). Keyring backends that are not a real
keychain (the "fail" and "null" backends, plaintext files, a chainer with nothing behind
it) make the option unavailable; there is no plain-text fallback.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

from mara_desktop.store.audit import Head
from mara_desktop.store.errors import KeyUnavailable

if TYPE_CHECKING:
    from keyring.backend import KeyringBackend

SERVICE = "MARA Desktop case file"
_NOT_SECURE = ("fail", "null", "plaintext", "file", "keyrings.alt")
NO_KEYCHAIN = (
    "No secure keychain is available on this computer, so the case file cannot be "
    "remembered here; type its passphrase each time."
)


@dataclass(frozen=True)
class KeychainStatus:
    available: bool
    sentence: str
    """Why the option is unavailable, or which keychain is used, in a chair's words."""


@dataclass(frozen=True)
class Remembered:
    """What this computer keeps for one case file."""

    key: bytes
    audit: Head | None
    """The newest audit record this computer saw in the file, when it last closed it."""


def _keyring() -> ModuleType:
    """keyring, loaded on first use: importing it takes 0.1 s on a slow machine (it brings
    in urllib and http.client), and the first use comes while the key is being derived in
    another thread (store/casefile.py), where it costs a command nothing."""
    import keyring  # noqa: PLC0415
    import keyring.core  # noqa: PLC0415

    return keyring


@contextlib.contextmanager
def _asking(what: str) -> Iterator[None]:
    """Any failure of the keychain as one sentence: its message may name accounts, and a
    backend may raise anything (D-Bus, Secret Service, Windows errors), so only its kind
    is said."""
    try:
        yield
    except KeyUnavailable:
        raise
    except Exception as error:  # every backend has its own exceptions
        raise KeyUnavailable(
            f"This computer's keychain did not answer when asked to {what} "
            f"({type(error).__name__}). Type the passphrase; check that the keychain is "
            "unlocked."
        ) from None


def _is_secure(backend: KeyringBackend) -> bool:
    backends = getattr(backend, "backends", None)
    if backends is not None:
        return any(_is_secure(b) for b in backends)
    name = f"{type(backend).__module__}.{type(backend).__name__}".lower()
    return not any(part in name for part in _NOT_SECURE)


_SYSTEM_KEYCHAINS: dict[str, tuple[str, ...]] = {
    "darwin": ("keyring.backends.macOS.Keyring",),
    "win32": ("keyring.backends.Windows.WinVaultKeyring",),
}
_FREEDESKTOP_KEYCHAINS = (
    "keyring.backends.SecretService.Keyring",
    "keyring.backends.kwallet.DBusKeyring",
)


def _system_keychain() -> KeyringBackend:
    """The keychain `keyring` is to use, chosen without loading every backend it knows.

    Left to itself, keyring's first answer in a process imports all of its backends to
    rank them; on Linux the macOS one looks for its library by running ldconfig and a
    compiler, which made the first keychain question cost 0.13-0.2 s of every command. So
    the backend is named here by platform: the Secret Service (GNOME and most desktops) or
    KWallet on Linux, only when a session bus is announced (both need one, and keyring's
    own ranking would find neither without it). What the user configured for keyring
    itself (PYTHON_KEYRING_BACKEND, keyringrc.cfg) wins; a backend a program already set
    (the tests' in-memory one) is kept."""
    keyring = _keyring()
    chosen = getattr(keyring.core, "_keyring_backend", None)  # set already: keep it
    if chosen is not None:
        return keyring.get_keyring()  # type: ignore[no-any-return]
    configured = keyring.core.load_env() or keyring.core.load_config()
    names = _SYSTEM_KEYCHAINS.get(sys.platform)
    if names is None:
        names = _FREEDESKTOP_KEYCHAINS if os.environ.get("DBUS_SESSION_BUS_ADDRESS") else ()
    from keyring.backends import fail  # noqa: PLC0415  (see _keyring)

    backend = configured or _first_that_loads(names) or fail.Keyring()  # type: ignore[no-untyped-call]
    keyring.set_keyring(backend)
    return backend


def _first_that_loads(names: tuple[str, ...]) -> KeyringBackend | None:
    for name in names:
        try:
            return _keyring().core.load_keyring(name)  # type: ignore[no-any-return]
        except Exception:  # not installed, or not usable here (each says so its own way)
            continue
    return None


def status() -> KeychainStatus:
    try:
        with _asking("say which keychain it is"):
            backend = _system_keychain()
    except KeyUnavailable as error:
        return KeychainStatus(False, error.message)
    if not _is_secure(backend):
        return KeychainStatus(False, NO_KEYCHAIN)
    label = getattr(backend, "name", type(backend).__name__)
    return KeychainStatus(True, f"The key is kept in this computer's keychain ({label}).")


def _require() -> None:
    state = status()
    if not state.available:
        raise KeyUnavailable(state.sentence)


def _account(salt: bytes) -> str:
    return f"case-file-{salt.hex()}"


def remember(salt: bytes, key: bytes, audit: Head | None) -> None:
    """Keep the key and the audit head; KeyUnavailable when there is no secure keychain."""
    _require()
    value = json.dumps({"key": key.hex(), "audit": audit.text() if audit else None})
    with _asking("keep the case file's key"):
        _keyring().set_password(SERVICE, _account(salt), value)


def recall(salt: bytes) -> Remembered | None:
    """What is kept for the file, or None when nothing is, or the keychain is missing or
    will not answer (the passphrase is then asked for, which is the safe way round)."""
    if not status().available:
        return None
    try:
        with _asking("give the case file's key"):
            stored = _keyring().get_password(SERVICE, _account(salt))
    except KeyUnavailable:
        return None
    return _parse(stored) if stored else None


def _parse(stored: str) -> Remembered | None:
    """The entry as written by `remember`, or by earlier versions: the key's hex alone."""
    try:
        data = json.loads(stored) if stored.startswith("{") else {"key": stored}
        key = bytes.fromhex(data["key"])
    except (ValueError, KeyError, TypeError):
        return None
    audit = data.get("audit")
    return Remembered(key, Head.parse(audit) if isinstance(audit, str) else None)


def forget(salt: bytes) -> bool:
    """Remove the entry; False when there was none. KeyUnavailable when the keychain cannot
    be asked: "nothing to forget" would then be a guess."""
    if not status().available:
        raise KeyUnavailable(
            "No secure keychain answers on this computer, so it cannot be asked whether it "
            "remembers this case file's key; nothing was removed."
        )
    from keyring.errors import PasswordDeleteError  # noqa: PLC0415  (see _keyring)

    with _asking("remove the case file's key"):
        try:
            _keyring().delete_password(SERVICE, _account(salt))
        except PasswordDeleteError:
            return False
    return True


def keep_password(service: str, account: str, password: str) -> bool:
    """Keep another secret (a minutes copy's password); False when there is no secure
    keychain or it refused, so the caller shows the secret once instead."""
    if not status().available:
        return False
    try:
        with _asking("keep a password"):
            _keyring().set_password(service, account, password)
    except KeyUnavailable:
        return False
    return True
