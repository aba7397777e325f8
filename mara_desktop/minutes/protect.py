"""Password protection of a copy: AES-256, each agency's own password.

reportlab 5.1's `StandardEncryption` offers RC4-40 and RC4-128, both broken, and AES-256
(`strength=256`) only when the unmaintained `pyaes` package is importable (otherwise it
raises ValueError); with it, its output cannot be opened by pypdf or poppler (NOTES.md). So
the copy is laid out unencrypted in memory and encrypted with pypdf's AES-256 (PDF 2.0
standard security handler, revision 6) before it touches the disk.

The password is made and kept by minutes/passwords.py; this is what a worker process that
makes the copy needs of it.
"""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter

from mara_desktop.minutes.render import AUTHOR, TITLE

ALGORITHM = "AES-256"


def encrypt(pdf: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Producer": AUTHOR, "/Title": TITLE, "/Author": AUTHOR})
    writer.encrypt(user_password=password, algorithm=ALGORITHM)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
