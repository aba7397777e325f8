"""The audit log: who did what, when, to which ids; never a value.

Append-only (triggers refuse changes) and hash-chained: each record's hash covers its own
fields and the previous record's hash, and the head of the chain is also kept in `meta`.
An edited record breaks its own hash; a deleted one breaks the next record's link or, at
the end, the head; a reordered pair breaks both. `verify` names the first broken record.
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
    row = conn.execute("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1").fetchone()
    seq, prev = (row[0] + 1, row[1]) if row else (1, GENESIS)
    at = datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
    text = json.dumps(dict(details), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    digest = record_hash(seq, at, actor, action, text, prev)
    conn.execute(
        "INSERT INTO audit (seq, at, actor, action, details, prev_hash, hash) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (seq, at, actor, action, text, prev, digest),
    )
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?)", (f"{seq}:{digest}",)
    )


def records(conn: Connection) -> list[AuditRecord]:
    rows = conn.execute(
        "SELECT seq, at, actor, action, details, prev_hash, hash FROM audit ORDER BY seq"
    ).fetchall()
    return [AuditRecord(r[0], r[1], r[2], r[3], _details(r[4]), r[5], r[6]) for r in rows]


def _details(text: str) -> dict[str, object]:
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
    prev, expected_seq = GENESIS, 1
    for seq, at, actor, action, details, prev_hash, digest in rows:
        if seq != expected_seq:
            return f"audit record {expected_seq} is missing (the next one is {seq})"
        if prev_hash != prev:
            return f"audit record {seq} does not follow record {seq - 1}"
        if record_hash(seq, at, actor, action, details, prev_hash) != digest:
            return f"audit record {seq} has been altered"
        prev, expected_seq = digest, seq + 1
    head = conn.execute("SELECT value FROM meta WHERE key = 'audit_head'").fetchone()
    last = f"{expected_seq - 1}:{prev}" if rows else None
    if (head[0] if head else None) != last:
        return f"the audit log ends at record {expected_seq - 1}, but the file records a later end"
    return None
