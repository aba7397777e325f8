"""Encrypted copies of a case file: backups on request and before a migration.

The copy is written by SQLCipher itself (`sqlcipher_export` into an attached database keyed
with the same key and salt), so it is never decrypted on disk and opens with the same
passphrase. It lands atomically: a temporary file in the destination folder, then a link.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from mara_desktop.atomic import write_atomically
from mara_desktop.store.connection import Connection

BACKUP_MARK = "backup_made_at"
"""A key in a backup's `meta`: the copy is a backup (made at that time), not the case file
itself. Only the case file leaves its newest audit record with the keychain (a backup
lacks the records made since, and must not look as if they had been cut from it); a
restored file loses the mark."""


def write_backup(conn: Connection, key: bytes, salt: bytes, dest: Path, version: int) -> None:
    def export(temp: Path) -> None:
        conn.execute(
            "ATTACH DATABASE ? AS backup KEY \"x'" + key.hex() + salt.hex() + "'\"", (str(temp),)
        )
        try:
            conn.execute("SELECT sqlcipher_export('backup')")
            conn.execute(f"PRAGMA backup.user_version = {version:d}")
            conn.execute(
                "INSERT OR REPLACE INTO backup.meta (key, value) VALUES (?, ?)",
                (BACKUP_MARK, datetime.now(UTC).isoformat(timespec="seconds")),
            )
        finally:
            conn.execute("DETACH DATABASE backup")

    write_atomically(dest, export)
