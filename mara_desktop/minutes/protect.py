"""Password protection of a copy: AES-256, each agency's own password.

reportlab 5.1's `StandardEncryption` offers RC4-40 and RC4-128, both broken, and AES-256
(`strength=256`) only when the unmaintained `pyaes` package is importable (otherwise it
raises ValueError); with it, its output cannot be opened by pypdf or poppler (NOTES.md). So
the copy is laid out unencrypted in memory and encrypted with pypdf's AES-256 (PDF 2.0
standard security handler, revision 6) before it touches the disk.

A password is generated per copy, never chosen, and read out or sent to the agency apart
from the file. It is kept in the computer's keychain when there is a secure one; otherwise
the caller must show it once, since it is kept nowhere else.
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter

from mara_desktop.minutes.render import AUTHOR, TITLE
from mara_desktop.session import keychain

ALGORITHM = "AES-256"
KEYCHAIN_SERVICE = "MARA Desktop minutes"
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
"""No 0/o, 1/l/i: the password is often read out over the phone."""


def new_password() -> str:
    """Four groups of five characters: about 99 bits, and easy to read out."""
    groups = ("".join(secrets.choice(_ALPHABET) for _ in range(5)) for _ in range(4))
    return "-".join(groups)


def encrypt(pdf: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Producer": AUTHOR, "/Title": TITLE, "/Author": AUTHOR})
    writer.encrypt(user_password=password, algorithm=ALGORITHM)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def keychain_account(conference_id: str, agency: str, copy_id: str) -> str:
    """Ids only: an entry's name must say nothing a keychain browser should not show."""
    return f"{conference_id}/{agency}/{copy_id}"


def keep_in_keychain(account: str, password: str) -> bool:
    """True when the keychain now holds the password; False when there is no secure one."""
    return keychain.keep_password(KEYCHAIN_SERVICE, account, password)
