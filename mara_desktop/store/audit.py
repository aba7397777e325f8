"""The audit log: who did what, when, to which ids; never a value.

Append-only (triggers refuse changes) and hash-chained: each record's hash covers its own
fields and the previous record's hash, and the head of the chain is also kept in `meta`.
An edited record breaks its own hash; a deleted one breaks the next record's link or, at
the end, the head; a reordered pair breaks both. `verify` names the first broken record.

Someone who holds the passphrase can drop the triggers, delete the newest records and
rewrite the head in `meta`: nothing inside the file can tell. So the head is also written
outside it (`Head`: a record's number and hash) where a person holding only the file cannot
reach: every minutes manifest, every backup, the keychain entry of a remembered key. A file
that no longer holds such a head has lost records (`holds`).
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from mara_desktop.store.connection import Connection

GENESIS = "0" * 64
Details = Mapping[str, object]


@dataclass(frozen=True)
class AuditRecord:
    seq: int
    at: str
    actor: str
    action: str
    details: dict[str, object]
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Head:
    """One record of the chain, named by its number and hash: holding it proves holding
    every record before it unchanged, since each hash covers the one before."""

    record: int
    hash: str

    def text(self) -> str:
        return f"{self.record}:{self.hash}"

    @classmethod
    def parse(cls, text: str) -> Head | None:
        number, _, digest = text.partition(":")
        if not number.isdigit() or len(digest) != 64:
            return None
        return cls(int(number), digest)


@dataclass(frozen=True)
class Anchor:
    """A head written down outside the file: where (in words, for the report) and for
    which file (its `file_id`; None where the place belongs to one file already, as a
    keychain entry named by the file's salt does)."""

    where: str
    file_id: str | None
    head: Head


def current_actor() -> str:
    """The operating-system account: who was at the keyboard, as the OS knows it."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def record_hash(seq: int, at: str, actor: str, action: str, details: str, prev: str) -> str:
    payload = json.dumps([seq, at, actor, action, details, prev], ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def append(conn: Connection, actor: str, action: str, details: Details) -> None:
    """Add a record inside the caller's transaction, so it lands with what it describes."""
    last = head(conn)
    seq, prev = (last.record + 1, last.hash) if last else (1, GENESIS)
    at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    text = json.dumps(dict(details), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = record_hash(seq, at, actor, action, text, prev)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, details, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, text, prev, digest),
    )
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)",
        (Head(seq, digest).text(),),
    )


def head(conn: Connection) -> Head | None:
    """The newest record, or None for a log with no records."""
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    return Head(int(row[0]), str(row[1])) if row else None


def holds(conn: Connection, anchor: Head) -> bool:
    """Whether the log still holds the record `anchor` names, unchanged (with an unbroken
    chain, `chain_problem` None, that means every record before it too)."""
    row = conn.execute("SELECT hash FROM audit WHERE seq = ?", (anchor.record,)).fetchone()
    return row is not None and row[0] == anchor.hash


def records(conn: Connection) -> list[AuditRecord]:
    rows = conn.execute(
        "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit ORDER BY seq"
    ).fetchall()
    return [AuditRecord(r[0], r[1], r[2], r[3], details_of(r[4]), r[5], r[6]) for r in rows]


def details_of(text: str) -> dict[str, object]:
    """A record's details as stored (JSON text): a mapping, empty when it is none."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return {}
    return value if isinstance(value, dict) else {}


def chain_problem(conn: Connection) -> str | None:
    """None when the chain is whole; else a sentence naming the first broken record."""
    rows = conn.execute(
        "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit ORDER BY seq"
    ).fetchall()
    if not rows:
        return "the audit log is empty, but a case file's log begins when the file is created"
    prev, expected_seq = GENESIS, 1
    for seq, at, actor, action, details, prev_hash, digest in rows:
        if seq != expected_seq:
            return f"audit record {expected_seq} is missing (the next one is {seq})"
        if prev_hash != prev:
            return f"audit record {seq} does not follow record {seq - 1}"
        if record_hash(seq, at, actor, action, details, prev_hash) != digest:
            return f"audit record {seq} has been altered"
        prev, expected_seq = digest, seq + 1
    stored = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    if (stored[0] if stored else None) != Head(expected_seq - 1, prev).text():
        return f"the audit log ends at record {expected_seq - 1}, but the file records a later end"
    return None
