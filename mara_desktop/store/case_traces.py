"""Where a case's text may still be after it is purged: what to look for, and where else.

A purge must leave no page of the file holding the case's text (store/purge.py). To check,
it first gathers the case's text from its rows: the reference, the people's names and
words, every entry, action, reason and note, and the earlier values kept in its history
tables. Ids, dates and closed vocabularies are not the case's text (the audit tombstone
keeps the id and the dates), and whatever the file still holds in a live row of another
case is not the purged case's to answer for ("Housing" in both).

Copies made before the purge still hold the case: backups, the file a migration copied,
the file a restore set aside, plain JSON exports. The audit log names each one (by file
name only); a backup or set-aside copy beside the file is also known by its first 16
bytes, the salt it shares with the file. The chair is told of them all, to deal with.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mara_desktop.store.audit import AuditRecord
from mara_desktop.store.connection import Connection, read_salt

CASE_TEXT = {
    '"case"': ("reference", "professional_judgement", "referrer", "closed_reason"),
    "person": ("name", "ethnicity", "school"),
    "item": ("text",),
    "action": ("text", "owner_name"),
    "override": ("justification",),
    "person_history": ("record",),
    "item_history": ("record", "reason"),
    "action_update": ("note",),
    "sar_withholding": ("reason",),
}
"""The columns of each table that hold a case's own words (JSON records are opened)."""

SHORTEST = 4
"""Texts shorter than this are not searched for: three letters are found everywhere."""
PIECE, EVERY = 60, 600
"""A long text is searched for in pieces: SQLite splits it over overflow pages, each
starting with the next page's number, so the whole of it is never in one page."""

COPIES = {"backup": "file", "migrate": "backup", "restored": "set_aside", "export": "file"}
"""Audit actions that wrote a copy of the whole file, and the detail naming it."""


def case_texts(conn: Connection, case_id: str) -> set[str]:
    """The case's words, as they will be searched for in the file's pages."""
    found: set[str] = set()
    for table, columns in CASE_TEXT.items():
        key = "id" if table == '"case"' else "case_id"
        select = f"SELECT {', '.join(columns)} FROM {table} WHERE {key} = ?"
        for row in conn.execute(select, (case_id,)):
            for value in row:
                found.update(_pieces(_words(value)))
    return {text for text in found if len(text) >= SHORTEST}


def _words(value: object) -> Iterator[str]:
    if not isinstance(value, str):
        return
    try:
        record = json.loads(value) if value.startswith(("{", "[")) else None
    except json.JSONDecodeError:
        record = None
    if record is None:
        yield value
    else:
        yield from _strings(record)


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from _strings(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from _strings(inner)


def _pieces(texts: Iterable[str]) -> Iterator[str]:
    for text in texts:
        if len(text) <= 2 * PIECE:
            yield text
        else:
            yield from (text[start : start + PIECE] for start in range(0, len(text), EVERY))


def in_live_rows(conn: Connection, text: str) -> bool:
    """Whether some row the file still holds (another case, the protocol) has `text`."""
    tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    for table in tables:
        for column in conn.execute(f'PRAGMA table_info("{table}")').fetchall():
            query = f'SELECT 1 FROM "{table}" WHERE instr("{column[1]}", ?) > 0 LIMIT 1'
            if conn.execute(query, (text,)).fetchone():
                return True
    return False


def audit_records_naming(records: Iterable[AuditRecord], texts: set[str]) -> list[int]:
    """The audit records whose details hold some of `texts` (a file name chosen when
    exporting, say): they stay, since removing one would break the chain."""
    return [
        r.seq
        for r in records
        if any(text in json.dumps(r.details, ensure_ascii=False) for text in texts)
    ]


@dataclass(frozen=True)
class EarlierCopy:
    """A copy of the whole file made before the purge: its file name, and where it is
    when it was found beside the case file (None: the audit log names it only)."""

    name: str
    path: Path | None
    encrypted: bool


def earlier_copies(path: Path, records: Iterable[AuditRecord]) -> list[EarlierCopy]:
    """Every copy the audit log names, and every file beside `path` that shares its salt."""
    salt = read_salt(path)
    beside = {
        p.name: p
        for p in sorted(path.parent.iterdir())
        if p.name != path.name and p.is_file() and _starts_with(p, salt)
    }
    copies: dict[str, EarlierCopy] = {}
    for record in records:
        name = record.details.get(COPIES.get(record.action, ""))
        if isinstance(name, str) and name not in copies:
            encrypted = record.action != "export"
            copies[name] = EarlierCopy(name, beside.get(name) if encrypted else None, encrypted)
            if not encrypted and (path.parent / name).is_file():
                copies[name] = EarlierCopy(name, path.parent / name, False)
    for name, found in beside.items():
        copies.setdefault(name, EarlierCopy(name, found, True))
    return list(copies.values())


def _starts_with(path: Path, salt: bytes) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(len(salt)) == salt
    except OSError:
        return False
