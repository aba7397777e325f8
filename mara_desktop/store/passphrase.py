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
import unicodedata

from mara_desktop.store.errors import WeakPassphrase

KDF_ITERATIONS = 256_000
SALT_BYTES = 16
KEY_BYTES = 32
MINIMUM_LENGTH = 12


def derive_key(passphrase: str, salt: bytes) -> bytes:
    normalised = unicodedata.normalize("NFC", passphrase).encode("utf-8")
    return hashlib.pbkdf2_hmac("sha512", normalised, salt, KDF_ITERATIONS, KEY_BYTES)


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
