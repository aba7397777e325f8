"""Password protection of a copy: AES-256, each agency's own password, printing allowed and
changes not.

reportlab 5.1's `StandardEncryption` offers RC4-40 and RC4-128, both broken, and AES-256
(`strength=256`) only when the unmaintained `pyaes` package is importable (otherwise it
raises ValueError); with it, its output cannot be opened by pypdf or poppler (NOTES.md). So
the copy is laid out unencrypted in memory and encrypted with pypdf's AES-256 (standard
security handler, revision 6) before it touches the disk.

Revision 6 is part of PDF 2.0 (ISO 32000-2); pypdf keeps the header of the file it was
given (reportlab writes 1.4; a clone says 1.3), so the version is raised to 2.0: a reader
that knows only older versions then says why it cannot open the file rather than that the
file is damaged.

pypdf's default permissions allow everything (P = -4). The agency may open, read, print
(at full quality) and copy text out (screen readers and the agency's own recording
system need it); it may not change the document, annotate it, fill forms or insert,
delete or rotate pages. Those limits are kept by an owner password drawn at random for the
copy and kept nowhere: nobody can lift them, and the chair has no second password to lose.

The password is made and kept by minutes/passwords.py; this is what a worker process that
makes the copy needs of it.
"""

from __future__ import annotations

import io
import secrets

from pypdf import PdfReader, PdfWriter
from pypdf.constants import UserAccessPermissions

from mara_desktop.minutes.render import AUTHOR, TITLE

ALGORITHM = "AES-256"
PDF_VERSION = b"%PDF-2.0"
_CHANGES = (
    UserAccessPermissions.MODIFY
    | UserAccessPermissions.ADD_OR_MODIFY
    | UserAccessPermissions.FILL_FORM_FIELDS
    | UserAccessPermissions.ASSEMBLE_DOC
)
PERMISSIONS = UserAccessPermissions(0xFFFFFFFC & ~_CHANGES)
"""Print, at full quality; copy text out, and read it aloud; no change of any kind. The
reserved bits stay as the standard wants them (bits 1-2 clear, 7-8 and 13-32 set)."""


def encrypt(pdf: bytes, password: str) -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.pdf_header = PDF_VERSION
    writer.add_metadata({"/Producer": AUTHOR, "/Title": TITLE, "/Author": AUTHOR})
    writer.encrypt(
        user_password=password,
        owner_password=secrets.token_urlsafe(32),
        permissions_flag=PERMISSIONS,
        algorithm=ALGORITHM,
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
