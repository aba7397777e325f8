"""Opening the SQLCipher file, and telling apart why it would not open.

SQLCipher answers every failure of the first read with "file is not a database". Before
that read we look at the file from outside (missing, a folder, empty, plain SQLite, text,
read-only); after it, `PRAGMA cipher_integrity_check` tells a wrong key (every page fails)
from damage (some pages fail). Nothing here writes to a file it could not unlock.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol, cast

import sqlcipher3
from sqlcipher3 import dbapi2

from mara_desktop.store.errors import CaseFileError, DamagedCaseFile, WrongPassphrase

PAGE_SIZE = 4096
_PLAIN_SQLITE = b"SQLite format 3\x00"

DatabaseError: type[Exception] = dbapi2.DatabaseError


class Cursor(Protocol):
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...
    def __iter__(self) -> Iterator[Any]: ...


class Connection(Protocol):
    """What the store uses of a sqlcipher3 connection (the library ships no type hints)."""

    def execute(self, sql: str, parameters: Sequence[object] = ..., /) -> Cursor: ...
    def executemany(self, sql: str, parameters: Iterable[Sequence[object]], /) -> Cursor: ...
    def close(self) -> None: ...


def check_can_open(path: Path) -> None:
    """The outside checks, each with its own sentence (exit code 4, or 3 for truncation)."""
    if not path.exists():
        raise CaseFileError(f"{path}: no such case file. Check the name and the folder.")
    if path.is_dir():
        raise CaseFileError(f"{path}: is a folder, not a case file.")
    size = path.stat().st_size
    try:
        with path.open("rb") as handle:
            head = handle.read(PAGE_SIZE)
    except PermissionError:
        raise CaseFileError(f"{path}: you do not have permission to read this file.") from None
    if size == 0:
        raise CaseFileError(f"{path}: is empty, not a case file.")
    if head.startswith(_PLAIN_SQLITE):
        raise CaseFileError(f"{path}: is an unencrypted database, not a MARA case file.")
    if _looks_like_text(head):
        raise CaseFileError(f"{path}: is a text file, not a MARA case file.")
    if size < PAGE_SIZE:
        raise CaseFileError(f"{path}: is too small to be a MARA case file.")
    if size % PAGE_SIZE:
        raise DamagedCaseFile(path, "it has been cut short")
    if not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK):
        raise CaseFileError(
            f"{path}: is read-only (the file or its folder cannot be written). "
            "Copy it to a folder you can write to, or ask IT to restore your access."
        )


def _looks_like_text(head: bytes) -> bool:
    """Encrypted pages are random bytes; a text file is nearly all printable."""
    sample = head[:512]
    printable = sum(32 <= b < 127 or b in (9, 10, 13) for b in sample)
    return printable / len(sample) > 0.95


def read_salt(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(16)


def connect(path: Path, *, create: bool) -> Connection:
    """A connection in autocommit mode: transactions are begun explicitly where writes are."""
    mode = "rwc" if create else "rw"
    conn = sqlcipher3.connect(
        f"{path.absolute().as_uri()}?mode={mode}",
        uri=True,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute("PRAGMA cipher_log_level = NONE")
    return cast(Connection, conn)


def apply_key(conn: Connection, key: bytes, salt: bytes | None = None) -> None:
    """Raw-key form of PRAGMA key (pragmas take no parameters; the hex is ours, not user text)."""
    blob = key.hex() + (salt.hex() if salt else "")
    conn.execute(f"PRAGMA key = \"x'{blob}'\"")


def unlock(path: Path, key: bytes) -> Connection:
    """Open an existing case file with its key; raise the error that says why not."""
    check_can_open(path)
    conn = connect(path, create=False)
    try:
        apply_key(conn, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError:
        failing = _failing_pages(conn)
        conn.close()
        pages = path.stat().st_size // PAGE_SIZE
        if failing >= pages:
            raise WrongPassphrase(path) from None
        raise DamagedCaseFile(path, f"{failing} of {pages} pages fail their check") from None
    configure(conn)
    return conn


def configure(conn: Connection) -> None:
    """Durability and safety settings for every connection to a case file.

    temp_store = MEMORY keeps SQLite's sorting and temporary tables out of /tmp.
    """
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")


def _failing_pages(conn: Connection) -> int:
    try:
        return len(conn.execute("PRAGMA cipher_integrity_check").fetchall())
    except DatabaseError:
        return 1 << 30


def integrity_problems(conn: Connection) -> list[str]:
    """Every page that fails its HMAC, and SQLite's own structural check."""
    rows = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    if rows:
        return rows
    check = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if check == ["ok"] else check
