"""The password of each password-protected copy: made for the copy, never chosen, and kept.

A password is generated per copy and read out or sent to the agency apart from the file.
It is kept in the computer's keychain when there is a secure one; otherwise the caller must
show it once, since it is kept nowhere else. minutes/protect.py encrypts the copy with it.
"""

from __future__ import annotations

import secrets

from mara_desktop.session import keychain

KEYCHAIN_SERVICE = "MARA Desktop minutes"
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""No 0/o, 1/l/i: the password is often read out over the phone."""


def new_password() -> str:
    """Four groups of five characters: about 99 bits, and easy to read out."""
    groups = ("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(4))
    return "-".join(groups)


def keychain_account(conference_id: str, agency: str, copy_id: str) -> str:
    """Ids only: an entry's name must say nothing a keychain browser should not show."""
    return f"{conference_id}/{agency}/{copy_id}"


def keep_in_keychain(account: str, password: str) -> bool:
    """True when the keychain now holds the password; False when there is no secure one."""
    return keychain.keep_password(KEYCHAIN_SERVICE, account, password)
