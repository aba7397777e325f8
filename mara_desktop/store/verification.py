"""What `verify` checks: every page, SQLite's structure, the audit chain, and the
witnesses of the log written down outside the file (store/audit.py).

Only reads: checking must not change what is checked, so a file comes out of `verify`
byte for byte as it went in, and a backup on read-only media can be checked.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from mara_desktop.store import audit
from mara_desktop.store.connection import Connection, integrity_problems

KEYCHAIN_WITNESS = "this computer's keychain"
LOST_RECORDS = (
    "record {record}, which {where} saw in it, is no longer there: records were removed or "
    "rewritten since"
)


@dataclass
class VerifyReport:
    problems: list[str] = field(default_factory=list)
    audit_records: int = 0
    anchors_held: list[str] = field(default_factory=list)
    """Each record written down outside the file that the file still holds, in words."""

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(conn: Connection, file_id: str, witnesses: Sequence[audit.Anchor]) -> VerifyReport:
    """Damaged pages end the check: what the log then says cannot be trusted, or read."""
    report = VerifyReport()
    report.problems.extend(f"page check: {p}" for p in integrity_problems(conn))
    if report.problems:
        return report
    broken = audit.chain_problem(conn)
    report.audit_records = int(conn.execute("SELECT count(*) FROM audit").fetchone()[0])
    if broken:
        report.problems.append(f"audit chain: {broken}")
    for witness in witnesses:
        problem = witness_problem(conn, file_id, witness)
        if problem:
            report.problems.append(problem)
        else:
            report.anchors_held.append(f"record {witness.head.record} ({witness.where})")
    return report


def witness_problem(conn: Connection, file_id: str, witness: audit.Anchor) -> str | None:
    """None when the file holds the record `witness` saw; else what is wrong, in words."""
    if witness.file_id is not None and witness.file_id != file_id:
        return f"{witness.where} was made from another case file, not this one"
    if audit.holds(conn, witness.head):
        return None
    return "audit log: " + LOST_RECORDS.format(record=witness.head.record, where=witness.where)
