"""Encrypted copies of a case file: backups on request and before a migration.

The copy is written by SQLCipher itself (`sqlcipher_export` into an attached database keyed
with the same key and salt), so it is never decrypted on disk and opens with the same
passphrase. It lands atomically: a temporary file in the destination folder, then a link.
"""

from __future__ import annotations

from pathlib import Path

from mara_desktop.atomic import write_atomically
from mara_desktop.store.connection import Connection


def write_backup(conn: Connection, key: bytes, salt: bytes, dest: Path, version: int) -> None:
    def export(temp: Path) -> None:
        conn.execute(
            "ATTACH DATABASE ? AS backup KEY \"x'" + key.hex() + salt.hex() + "'\"", (str(temp),)
        )
        try:
            conn.execute("SELECT sqlcipher_export('backup')")
            conn.execute(f"PRAGMA backup.user_version = {version:d}")
        finally:
            conn.execute("DETACH DATABASE backup")

    write_atomically(dest, export)
