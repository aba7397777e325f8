"""What someone holding the passphrase, or a failing disk, does to a case file."""

from __future__ import annotations

from pathlib import Path

import sqlcipher3

from mara_desktop.demo import DEMO_PASSPHRASE


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
