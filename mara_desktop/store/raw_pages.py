"""Every page of a case file as SQLCipher wrote it, decrypted: free pages and the WAL too.

SQLite answers queries from live rows only; a deleted row may still lie in a free page, in
an unused part of a page, or in an old frame of the write-ahead log. What a purge promises
("no page of the file holds the case's text") can only be checked below SQLite, on the
bytes of the file. This build of SQLCipher has no `sqlite_dbpage` table, so the pages are
decrypted here as SQLCipher 4 lays them out: page 1 starts with the 16-byte salt; every
page ends with a reserved tail (a 16-byte IV, then a 64-byte HMAC); the rest is AES-256-CBC
under the raw key. A WAL frame is a 24-byte header (its page number first) and a page.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

PAGE_SIZE = 4096
SALT = 16
RESERVE = 16 + 64
WAL_HEADER = 32
FRAME_HEADER = 24


def decrypt_page(page: bytes, key: bytes, *, first: bool) -> bytes:
    """The plaintext of one encrypted page (page 1 without its salt), reserve left out."""
    # Loaded here, not at start-up: only a purge and a damaged file need it (a tenth of
    # `view`'s imports); after the first page it is a lookup.
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes  # noqa: PLC0415

    iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[SALT if first else 0 : PAGE_SIZE - RESERVE]) + decryptor.finalize()


def file_pages(path: Path, key: bytes) -> Iterator[bytes]:
    """Every page of the database file, in order, decrypted."""
    with path.open("rb") as handle:
        number = 1
        while len(page := handle.read(PAGE_SIZE)) == PAGE_SIZE:
            yield decrypt_page(page, key, first=number == 1)
            number += 1


def wal_pages(path: Path, key: bytes) -> Iterator[bytes]:
    """Every page image in the write-ahead log beside the file (none when it is empty),
    old frames included: SQLite reuses a log from its start without clearing it."""
    wal = path.with_name(path.name + "-wal")
    if not wal.exists():
        return
    with wal.open("rb") as handle:
        handle.read(WAL_HEADER)
        while len(header := handle.read(FRAME_HEADER)) == FRAME_HEADER:
            page = handle.read(PAGE_SIZE)
            if len(page) < PAGE_SIZE:
                return
            yield decrypt_page(page, key, first=int.from_bytes(header[:4], "big") == 1)


def texts_in_pages(path: Path, key: bytes, texts: Iterable[str]) -> set[str]:
    """Which of `texts` (as UTF-8, the file's encoding) lie in any page of the file or its
    write-ahead log."""
    wanted = {text: text.encode("utf-8") for text in texts if text}
    found: set[str] = set()
    for pages in (file_pages(path, key), wal_pages(path, key)):
        for page in pages:
            found.update(text for text, raw in wanted.items() if raw in page)
    return found
