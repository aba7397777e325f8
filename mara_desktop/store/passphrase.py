"""The passphrase policy and how a passphrase becomes the case file's key.

The key is SQLCipher 4's own derivation, so the passphrase opens the file with any SQLCipher
4 tool: PBKDF2-HMAC-SHA512, 256,000 iterations, over the UTF-8 bytes of the passphrase in
Unicode NFC form, with the 16-byte random salt that opens the file, giving a 256-bit key
for AES-256-CBC with a per-page HMAC-SHA512. Deriving it here (rather than handing SQLCipher
the passphrase) lets the same key be remembered in the OS keychain and lets a new file be
created with a salt we chose, at the cost of one derivation.
"""

from __future__ import annotations

import hashlib
import os
import threading
import unicodedata

from mara_desktop.store.errors import WeakPassphrase

KDF_ITERATIONS = 256_000
SALT_BYTES = 16
KEY_BYTES = 32
MINIMUM_LENGTH = 12


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """The key, taken from a derivation begun ahead (`derive_ahead`) if there is one."""
    ahead = _AHEAD.pop((passphrase, salt), None)
    key = ahead.key() if ahead is not None else b""
    return key or _derive(passphrase, salt)


def derive_ahead(passphrase: str, salt: bytes) -> None:
    """Begin deriving the key in a thread of its own, for the next `derive_key` of the
    same passphrase and salt to take.

    The derivation runs in OpenSSL, which lets other threads run: a command that is given
    its passphrase can derive the key while it loads the rest of the app, instead of after
    (a fifth of a second on a slow machine, most of `view`). A derivation never taken costs
    only the processor time it used."""
    if (passphrase, salt) not in _AHEAD:
        _AHEAD[(passphrase, salt)] = _Derivation(passphrase, salt)


def _derive(passphrase: str, salt: bytes) -> bytes:
    normalised = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hashlib.pbkdf2_hmac("sha512", normalised, salt, KDF_ITERATIONS, KEY_BYTES)


class _Derivation:
    """One derivation under way in a thread (a daemon: a command that stops before it
    needs the key does not wait for it)."""

    def __init__(self, passphrase: str, salt: bytes) -> None:
        self._key = b""
        self._thread = threading.Thread(
            target=self._run, args=(passphrase, salt), name="key derivation", daemon=True
        )
        self._thread.start()

    def _run(self, passphrase: str, salt: bytes) -> None:
        self._key = _derive(passphrase, salt)

    def key(self) -> bytes:
        """The key; empty if the derivation failed (then `derive_key` derives anew)."""
        self._thread.join()
        return self._key


_AHEAD: dict[tuple[str, bytes], _Derivation] = {}
"""Derivations begun ahead and not yet taken, by passphrase and salt."""


def new_salt() -> bytes:
    return os.urandom(SALT_BYTES)


def check_strength(passphrase: str) -> None:
    """Refuse a passphrase a thief could guess; say why in words a chair accepts."""
    length = len(unicodedata.normalize("NFC", passphrase))
    if length < MINIMUM_LENGTH:
        raise WeakPassphrase(
            f"The passphrase has {length} characters; use at least {MINIMUM_LENGTH}. "
            "It is the only thing between a lost laptop and the victims' addresses: "
            "a few unusual words in a row are easy to remember and hard to guess."
        )
    if len(set(passphrase)) < 5:
        raise WeakPassphrase(
            "The passphrase repeats too few different characters to be hard to guess; "
            "use a few unusual words in a row."
        )
