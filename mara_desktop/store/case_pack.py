"""One case as a transfer pack, and a pack brought into another area's case file.

When a victim moves, her case goes to the MARAC of her new area. A pack is a case file like
any other (same format, made like `create`: under a temporary name, owner-only) with a
passphrase of its own and the sending file's protocol text, holding that case alone: its
rows (the case, its people, items and actions) and every history row of it
(schema.CASE_HISTORY_TABLES), copied column for column so that no field is lost on the way,
whichever module wrote it. The sending file's audit records that name the case travel too,
in the pack's `received_audit`, with the sending file's id and their own numbers and
hashes: the new area can ask the old one to check them against its log. No conference and
no other case travels. The meta row `transfer_of` names the case and makes the file a pack.

The sending file marks the case transferred in the same transaction as its "transfer-out"
record; the pack is written inside that transaction, so a pack that cannot be written
leaves the sending file as it was, and a sending file that cannot be changed leaves no pack.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mara_desktop.atomic import remove_with_journals, write_atomically
from mara_desktop.domain import CaseFileContent, CaseStatus
from mara_desktop.domain.text_rules import SHORT_TEXT, text_problem
from mara_desktop.protocol.compat import unknown_ids
from mara_desktop.store import audit, repository, schema
from mara_desktop.store.casefile import SUFFIX, CaseFile
from mara_desktop.store.connection import Connection, DatabaseError, apply_key, connect
from mara_desktop.store.errors import CaseFileError, write_failed
from mara_desktop.store.passphrase import check_strength, derive_key, new_salt
from mara_desktop.store.raw_pages import PAGE_SIZE

PACK_CASE = "transfer_of"
"""The meta row naming the one case a pack holds; a case file without it is no pack."""
PACK_SOURCE = "transferred_from"
"""The meta row naming the sending file (its `file_id`)."""

TRANSFER_OUT = "transfer-out"
TRANSFER_IN = "transfer-in"

_CASE_TABLES: tuple[tuple[str, str, str], ...] = (
    ("case", "id", "position"),
    ("person", "case_id", "position"),
    ("item", "case_id", "position"),
    ("action", "case_id", "position"),
    *((table, "case_id", "seq") for table in schema.CASE_HISTORY_TABLES),
)
"""Every table holding rows of one case: its name, the column naming the case, the order."""


class TransferRefused(CaseFileError):
    """A transfer or a pack's import that cannot be done; nothing was changed (exit 4)."""


@dataclass(frozen=True)
class PackMade:
    case_id: str
    pack_id: str
    """The pack's own file id."""
    audit_records: int
    """The sending file's audit records about the case that the pack carries."""


@dataclass(frozen=True)
class PackReceived:
    case_id: str
    source_file: str
    """The id of the file the case was transferred from."""
    pack_id: str
    audit_records: int
    """Audit records kept in `received_audit`: the sending file's and the pack's own."""
    protocol_differs: bool
    """The pack was made under another protocol text than the receiving file's."""


@dataclass(frozen=True)
class _Rows:
    table: str
    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]


def concerns(details: Mapping[str, object], case_id: str) -> bool:
    """Whether an audit record's details name the case: as its `case`, in a list of cases
    (an import's `cases_added`), or as the case of an action (`CASE/ACTION`)."""
    if details.get("case") == case_id:
        return True
    for key, value in details.items():
        if key.startswith("cases") and isinstance(value, list) and case_id in value:
            return True
    updates = details.get("updates")
    if not isinstance(updates, list):
        return False
    prefix = f"{case_id}/"
    return any(isinstance(u, dict) and str(u.get("action", "")).startswith(prefix) for u in updates)


def is_case_file(path: Path) -> bool:
    """Whether `import` was given a case file (a pack) rather than an interchange file: by
    its suffix, or by a first byte that no JSON document starts with."""
    if path.suffix.lower() == SUFFIX:
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(PAGE_SIZE)
    except OSError:
        return False
    return bool(head) and not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"{", b"["))


def check_transfer(case_file: CaseFile, case_id: str, out: Path) -> None:
    """Refuse, before any passphrase is asked for, what a transfer cannot do."""
    if out.exists() or out.is_symlink():
        raise TransferRefused(
            f"{out}: already exists; a transfer pack needs a new name (nothing was changed)."
        )
    if not out.parent.is_dir():
        raise TransferRefused(f"{out.parent}: no such folder (nothing was changed).")
    with case_file.reading() as conn:
        row = conn.execute(
            'SELECT status, closed_on FROM "case" WHERE id = ?', (case_id,)
        ).fetchone()
    if row is None:
        raise TransferRefused(
            f'{case_file.path}: no case "{case_id}" in this case file (nothing was changed).'
        )
    if row[0] == CaseStatus.TRANSFERRED.value:
        raise TransferRefused(
            f'Case "{case_id}" was already transferred on {row[1]}; it can be transferred only '
            "once (nothing was changed)."
        )


def area_name(text: str) -> str:
    """The receiving area as typed, checked like any short text of the file."""
    area = text.strip()
    problem = text_problem(area, SHORT_TEXT)
    if problem is not None:
        raise TransferRefused(f"The area's name {problem} (nothing was changed).")
    return area


def write_pack(
    case_file: CaseFile, case_id: str, out: Path, passphrase: str, area: str, today: date
) -> PackMade:
    """The pack at `out`, and the case marked transferred (to `area`, on `today`) in the
    sending file, both or neither."""
    check_transfer(case_file, case_id, out)
    area = area_name(area)
    check_strength(passphrase)
    if case_file.opens_with(passphrase):
        raise TransferRefused(
            "The pack needs a passphrase of its own: the receiving area must not hold the "
            "key to this case file (nothing was changed)."
        )
    salt = new_salt()
    key = derive_key(passphrase, salt)
    pack_id = str(uuid.uuid4())
    source_id = case_file.file_id
    protocol = case_file.protocol
    written = False
    try:
        with case_file.transaction() as conn:
            check_transfer(case_file, case_id, out)  # again: another window may have been first
            rows = _read_case_rows(conn, case_id)
            conn.execute(
                'UPDATE "case" SET status = ?, closed_on = ?, transferred_to = ? WHERE id = ?',
                (CaseStatus.TRANSFERRED.value, today.isoformat(), area, case_id),
            )
            details = {"case": case_id, "pack": pack_id, "on": today.isoformat()}
            audit.append(conn, case_file.actor, TRANSFER_OUT, details)
            records = _records_about(conn, case_id)
            pack = _Pack(key, salt, protocol.source_text, protocol.id, case_file.actor)

            def build(temp: Path) -> None:
                pack.build(temp, out, pack_id, source_id, case_id, rows, records)

            write_atomically(out, build)
            written = True
    except BaseException:
        if written:  # the sending file could not take the change: no pack either
            remove_with_journals(out)
        raise
    return PackMade(case_id, pack_id, len(records))


@dataclass(frozen=True)
class _Pack:
    key: bytes
    salt: bytes
    protocol_text: str
    protocol_id: str
    actor: str

    def build(
        self,
        temp: Path,
        out: Path,
        pack_id: str,
        source_id: str,
        case_id: str,
        rows: Sequence[_Rows],
        records: Sequence[tuple[Any, ...]],
    ) -> None:
        conn = connect(temp)
        try:
            apply_key(conn, self.key, self.salt)
            conn.execute("BEGIN IMMEDIATE")
            schema.fill_new(conn, self.protocol_text, self.protocol_id, self.actor)
            conn.execute("UPDATE meta SET value = ? WHERE key = 'file_id'", (pack_id,))
            conn.executemany(
                "INSERT INTO meta (key, value) VALUES (?, ?)",
                [(PACK_CASE, case_id), (PACK_SOURCE, source_id)],
            )
            _write_rows(conn, rows, position=0)
            _receive(conn, case_id, source_id, records)
            sent = records[-1][0] if records else None
            details = {"case": case_id, "source_file": source_id, "source_record": sent}
            audit.append(conn, self.actor, TRANSFER_OUT, details)
            conn.execute("COMMIT")
        except DatabaseError as error:
            raise write_failed(
                out, error, "no pack was written and the case file was not changed"
            ) from None
        finally:
            conn.close()


def receive_pack(case_file: CaseFile, pack: CaseFile) -> PackReceived:
    """The pack's case added to `case_file` with its ids, its history rows and the audit
    records it carries (the sending file's and the pack's own, in `received_audit`), and a
    "transfer-in" record; all or nothing. `pack` is open, read only."""
    with pack.reading() as src:
        case_id = _meta(src, PACK_CASE)
        if case_id is None:
            raise TransferRefused(
                f"{pack.path}: is a case file but not a transfer pack; only a pack made by "
                "`mara-desktop transfer` (Case ▸ Transfer to another area…) can be imported "
                "(nothing was imported)."
            )
        source_id = _meta(src, PACK_SOURCE) or ""
        pack_id = _meta(src, "file_id") or ""
        rows = _read_case_rows(src, case_id)
        own = src.execute(
            "SELECT seq, at, actor, action, details, hash FROM audit ORDER BY seq"
        ).fetchall()
        cases = repository.read_cases(src, [case_id])
    problems = unknown_ids(case_file.protocol, CaseFileContent(cases=tuple(cases)))
    if problems:
        raise TransferRefused(
            f"{pack.path}: the case uses what this case file's protocol does not define: "
            f"{problems[0]} (nothing was imported).",
            details=tuple(problems),
        )
    with case_file.transaction() as conn:
        if repository.existing_ids(conn, "case", [case_id]):
            raise TransferRefused(
                f'{case_file.path}: already holds a case "{case_id}"; the pack was not '
                "imported (nothing was changed)."
            )
        _write_rows(conn, rows, position=repository.next_position(conn, "case"))
        _receive(conn, case_id, pack_id, own)
        differs = pack.protocol.sha256 != case_file.protocol.sha256
        details = {
            "case": case_id,
            "source_file": source_id,
            "pack": pack_id,
            "protocol_differs": differs,
        }
        audit.append(conn, case_file.actor, TRANSFER_IN, details)
    carried = sum(len(r.rows) for r in rows if r.table == "received_audit") + len(own)
    return PackReceived(case_id, source_id, pack_id, carried, differs)


def _meta(conn: Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def _records_about(conn: Connection, case_id: str) -> list[tuple[Any, ...]]:
    """The file's audit records naming the case, as stored (their details' text is what
    their hash covers)."""
    rows = conn.execute("SELECT seq, at, actor, action, details, hash FROM audit ORDER BY seq")
    return [tuple(r) for r in rows if concerns(audit.details_of(r[4]), case_id)]


def _receive(
    conn: Connection, case_id: str, source_id: str, records: Sequence[tuple[Any, ...]]
) -> None:
    conn.executemany(
        "INSERT INTO received_audit (case_id, source_file, source_seq, at, actor, action, "
        "details, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [(case_id, source_id, *record) for record in records],
    )


def _read_case_rows(conn: Connection, case_id: str) -> list[_Rows]:
    """Every row of the case in every table that holds one, every column but a history
    row's own number (the receiving file numbers its rows itself)."""
    found = []
    for table, key, order in _CASE_TABLES:
        columns = tuple(
            str(c[1]) for c in conn.execute(f'PRAGMA table_info("{table}")') if c[1] != "seq"
        )
        select = (
            f'SELECT {", ".join(_quoted(columns))} FROM "{table}" WHERE {key} = ? ORDER BY {order}'
        )
        found.append(_Rows(table, columns, [tuple(r) for r in conn.execute(select, (case_id,))]))
    return found


def _write_rows(conn: Connection, found: Sequence[_Rows], position: int) -> None:
    """The rows read by `_read_case_rows`, the case taking `position` in the file's order."""
    for rows in found:
        values = rows.rows
        if rows.table == "case":
            at = rows.columns.index("position")
            values = [(*r[:at], position, *r[at + 1 :]) for r in values]
        marks = ", ".join("?" * len(rows.columns))
        conn.executemany(
            f'INSERT INTO "{rows.table}" ({", ".join(_quoted(rows.columns))}) VALUES ({marks})',
            values,
        )


def _quoted(columns: Sequence[str]) -> list[str]:
    return [f'"{c}"' for c in columns]
