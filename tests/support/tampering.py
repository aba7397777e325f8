"""What someone holding the passphrase, or a failing disk, does to a case file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import sqlcipher3

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.errors import DamagedCaseFile
from mara_desktop.store.passphrase import derive_key


def cut_audit_tail(path: Path, keep: int, passphrase: str = DEMO_PASSPHRASE) -> None:
    """Delete the newest audit records and make the stored head agree, with any SQLCipher
    tool: the chain that is left checks out."""
    conn = sqlcipher3.connect(str(path), isolation_level=None)
    conn.execute(f"PRAGMA key = '{passphrase}'")
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DELETE FROM audit WHERE seq > ?", (keep,))
    seq, digest_ = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC").fetchone()
    conn.execute("UPDATE meta SET value = ? WHERE key = 'audit_head'", (f"{seq}:{digest_}",))
    conn.close()


def damage_page(path: Path, page: int) -> None:
    data = bytearray(path.read_bytes())
    data[4096 * (page - 1) + 700] ^= 0xFF
    path.write_bytes(bytes(data))


def a_page_unread_by(path: Path, read: Callable[[CaseFile], object]) -> int:
    """A page whose damage opening the demo and `read` do not meet, as in the middle of a
    long file (the demo is small, so it is looked for)."""
    pristine = path.read_bytes()
    key = derive_key(DEMO_PASSPHRASE, pristine[:16])
    for page in range(len(pristine) // 4096 // 2, len(pristine) // 4096):
        damage_page(path, page)
        try:
            with CaseFile.open(path, key=key, read_only=True) as case_file:
                read(case_file)
        except DamagedCaseFile:
            continue
        finally:
            path.write_bytes(pristine)
        return page
    raise AssertionError("every page is read when the demo opens")
