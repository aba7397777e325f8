"""Remembering a case file's key in the operating system's keychain, or saying why not.

The one place that asks a keychain, through `keyring` or, for the Secret Service of a Linux
desktop, through store/secret_service.py: everything else asks here, and every failure of
the keychain (a locked Secret Service, no D-Bus, a backend's own exception) becomes one
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
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Protocol

from mara_desktop.store.audit import Head
from mara_desktop.store.errors import KeyUnavailable
from mara_desktop.store.secret_service import SecretService

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
_FREEDESKTOP_KEYCHAINS = ("keyring.backends.kwallet.DBusKeyring",)
"""Where no Secret Service answers (store/secret_service.py asks it without keyring)."""


class _Keychain(Protocol):
    """What the store asks a keychain: keyring's backends and the Secret Service alike."""

    name: str

    def get(self, service: str, account: str) -> str | None: ...
    def keep(self, service: str, account: str, secret: str) -> None: ...
    def remove(self, service: str, account: str) -> bool: ...


class _ThroughKeyring:
    def __init__(self, backend: KeyringBackend) -> None:
        self.backend = backend
        self.name = getattr(backend, "name", type(backend).__name__)

    def get(self, service: str, account: str) -> str | None:
        return self.backend.get_password(service, account)

    def keep(self, service: str, account: str, secret: str) -> None:
        self.backend.set_password(service, account, secret)

    def remove(self, service: str, account: str) -> bool:
        from keyring.errors import PasswordDeleteError  # noqa: PLC0415  (see _keyring)

        try:
            self.backend.delete_password(service, account)
        except PasswordDeleteError:
            return False
        return True


_secret_service: SecretService | None = None
"""The Secret Service once found (store/secret_service.py): asked without keyring."""


def _system_keychain() -> _Keychain:
    """The keychain to use, chosen without loading every backend keyring knows.

    Left to itself, keyring's first answer in a process imports all of its backends to
    rank them; on Linux the macOS one looks for its library by running ldconfig and a
    compiler, which made the first keychain question cost 0.13-0.2 s of every command. So
    the keychain is named here by platform: on Linux, only when a session bus is announced
    (every desktop keychain needs one), the Secret Service (GNOME and most desktops), asked
    without loading keyring at all, else KWallet through keyring. A backend a program
    already set for keyring (the tests' in-memory one) is kept, and what the user
    configured for keyring itself (PYTHON_KEYRING_BACKEND, keyringrc.cfg) wins."""
    global _secret_service  # noqa: PLW0603  (one keychain per process, as keyring's own)
    loaded = sys.modules.get("keyring.core")
    chosen = getattr(loaded, "_keyring_backend", None)  # set already: keep it
    if chosen is not None:
        return _ThroughKeyring(chosen)
    if _secret_service is not None:
        return _secret_service
    desktop = sys.platform not in _SYSTEM_KEYCHAINS and os.environ.get("DBUS_SESSION_BUS_ADDRESS")
    if desktop and not _configured_for_keyring():
        _secret_service = SecretService.if_available()
        if _secret_service is not None:
            return _secret_service
    keyring = _keyring()
    configured = keyring.core.load_env() or keyring.core.load_config()
    names = _SYSTEM_KEYCHAINS.get(sys.platform, _FREEDESKTOP_KEYCHAINS if desktop else ())
    from keyring.backends import fail  # noqa: PLC0415  (see _keyring)

    backend = configured or _first_that_loads(names) or fail.Keyring()  # type: ignore[no-untyped-call]
    keyring.set_keyring(backend)
    return _ThroughKeyring(backend)


def _configured_for_keyring() -> bool:
    """Whether the user chose a backend for keyring itself: the environment variable, or
    the file keyring reads on Linux ($XDG_CONFIG_HOME/python_keyring/keyringrc.cfg)."""
    if os.environ.get("PYTHON_KEYRING_BACKEND"):
        return True
    config = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return (Path(config) / "python_keyring" / "keyringrc.cfg").exists()


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
            keychain = _system_keychain()
    except KeyUnavailable as error:
        return KeychainStatus(False, error.message)
    if isinstance(keychain, _ThroughKeyring) and not _is_secure(keychain.backend):
        return KeychainStatus(False, NO_KEYCHAIN)
    return KeychainStatus(True, f"The key is kept in this computer's keychain ({keychain.name}).")


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
        _system_keychain().keep(SERVICE, _account(salt), value)


def recall(salt: bytes) -> Remembered | None:
    """What is kept for the file, or None when nothing is, or the keychain is missing or
    will not answer (the passphrase is then asked for, which is the safe way round)."""
    if not status().available:
        return None
    try:
        with _asking("give the case file's key"):
            stored = _system_keychain().get(SERVICE, _account(salt))
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
    with _asking("remove the case file's key"):
        return _system_keychain().remove(SERVICE, _account(salt))


def keep_password(service: str, account: str, password: str) -> bool:
    """Keep another secret (a minutes copy's password); False when there is no secure
    keychain or it refused, so the caller shows the secret once instead."""
    if not status().available:
        return False
    try:
        with _asking("keep a password"):
            _system_keychain().keep(service, account, password)
    except KeyUnavailable:
        return False
    return True
