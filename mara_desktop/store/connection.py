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
from mara_desktop.store.raw_pages import PAGE_SIZE, decrypt_page

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
    def interrupt(self) -> None: ...


def check_can_open(path: Path, *, writable: bool = True) -> None:
    """The outside checks, each with its own sentence (exit code 4, or 3 for truncation);
    `writable=False` for a file that is only read (a backup on a read-only disk)."""
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
    if writable and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
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


def connect(path: Path, *, create: bool = False, read_only: bool = False) -> Connection:
    """A connection in autocommit mode: transactions are begun explicitly where writes are."""
    options = _read_only_options(path) if read_only else "mode=rwc" if create else "mode=rw"
    conn = sqlcipher3.connect(
        f"{path.absolute().as_uri()}?{options}",
        uri=True,
        isolation_level=None,
        check_same_thread=False,
    )
    conn.execute("PRAGMA cipher_log_level = NONE")
    return cast(Connection, conn)


def _read_only_options(path: Path) -> str:
    """How to open a file that must come out byte for byte as it went in.

    On a disk that cannot be written (a backup on read-only media) nothing else can change
    it either, so SQLite is told so (`immutable`: no locks, no side files). A `-wal` file
    beside it means another program has it open, or crashed: `mode=ro` reads through it
    and leaves it as it was. Otherwise the file is opened as usual but never written to:
    SQLite then removes the side files it made when the connection closes, where `mode=ro`
    would leave them behind."""
    if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        return "mode=ro&immutable=1"
    if path.with_name(path.name + "-wal").exists():
        return "mode=ro"
    return "mode=rw"


def apply_key(conn: Connection, key: bytes, salt: bytes | None = None) -> None:
    """Raw-key form of PRAGMA key (pragmas take no parameters; the hex is ours, not user text)."""
    blob = key.hex() + (salt.hex() if salt else "")
    conn.execute(f"PRAGMA key = \"x'{blob}'\"")


def unlock(path: Path, key: bytes, *, read_only: bool = False) -> Connection:
    """Open an existing case file with its key; raise the error that says why not.
    `read_only`: nothing is ever written, not even the journal mode."""
    check_can_open(path, writable=not read_only)
    conn = connect(path, read_only=read_only)
    try:
        apply_key(conn, key)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except DatabaseError:
        failing = failing_pages(conn)
        conn.close()
        pages = path.stat().st_size // PAGE_SIZE
        if failing >= pages:
            raise WrongPassphrase(path) from None
        raise DamagedCaseFile(path, _damage(path, key, failing, pages)) from None
    if not read_only:
        configure(conn)
    return conn


def _damage(path: Path, key: bytes, failing: int, pages: int) -> str:
    """What is wrong with a file whose first read failed although the key is right."""
    if failing:
        return f"{failing} of {pages} pages fail their check"
    expected = pages_in_header(path, key)
    if expected > pages:
        return f"it has been cut short: {expected - pages} of its {expected} pages are missing"
    return "every page passes its check, but they no longer fit together"


def pages_in_header(path: Path, key: bytes) -> int:
    """The database size SQLite wrote into the file's header (page 1, bytes 28-31).

    Read only when a file will not open although every page it still has checks out:
    its header is then the one witness of how long it was (store/raw_pages.py)."""
    with path.open("rb") as handle:
        plain = decrypt_page(handle.read(PAGE_SIZE), key, first=True)
    return int.from_bytes(plain[28 - 16 : 32 - 16], "big")


def configure(conn: Connection) -> None:
    """Durability and safety settings for every connection to a case file.

    temp_store = MEMORY keeps SQLite's sorting and temporary tables out of /tmp.
    """
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")


def failing_pages(conn: Connection) -> int:
    """How many pages fail their HMAC; every page is read (about 5 ms per MB)."""
    try:
        return len(conn.execute("PRAGMA cipher_integrity_check").fetchall())
    except DatabaseError:
        return 1 << 30


def data_version(conn: Connection) -> int:
    """A number that changes whenever another connection (another program, or the command
    line) commits a change to the file; this connection's own changes leave it alone."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0])


def integrity_problems(conn: Connection) -> list[str]:
    """Every page that fails its HMAC, and SQLite's own structural check."""
    rows = [str(r[0]) for r in conn.execute("PRAGMA cipher_integrity_check").fetchall()]
    if rows:
        return rows
    check = [str(r[0]) for r in conn.execute("PRAGMA integrity_check").fetchall()]
    return [] if check == ["ok"] else check
