"""Purging a case: the one deletion the law requires, and the only one the file allows.

When a closed (or transferred) case has been kept as long as the protocol says, everything
of it goes: the case row, its people, entries and actions, the agenda lines naming it, and
its rows in every history table (schema.CASE_HISTORY_TABLES), whose triggers refuse a
deletion: they are dropped and made again inside the same transaction, so no other moment
sees them missing. What stays is an audit tombstone of the case's id and dates.

Deleted rows stay readable in free pages, and old page images in the write-ahead log, until
written over: so `secure_delete` is set (SQLCipher's default, but a connection may have
turned it off), the file is rebuilt (`VACUUM`), the log is emptied (`wal_checkpoint
(TRUNCATE)`), and then every page of the file and the log is decrypted and searched for
the case's text (store/raw_pages.py, store/case_traces.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mara_desktop.domain import Case, CaseStatus
from mara_desktop.store import audit, schema
from mara_desktop.store.case_traces import (
    EarlierCopy,
    audit_records_naming,
    case_texts,
    earlier_copies,
    in_live_rows,
)
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.connection import Connection
from mara_desktop.store.editing import EditError, _existing_case
from mara_desktop.store.errors import CaseFileError, WrongPassphrase

PURGED = "case-purged"
SECURE_DELETE = "PRAGMA secure_delete = ON"
"""Deleted content written over with zeros; with `VACUUM` each alone would leave no page
holding the case (tests/unit/store/test_purge.py shows that without both, pages do)."""


class PurgeLeftText(CaseFileError):
    """The case's rows are gone but some page still holds its text: the chair must know."""


@dataclass(frozen=True)
class PurgeReport:
    """What a purge did and what it leaves for the chair: the copies made before it (they
    still hold the case) and the audit records whose details hold some of its text."""

    case_id: str
    copies: list[EarlierCopy]
    audit_records_with_text: list[int]


def purgeable(case_file: CaseFile, case_id: str, today: date) -> Case:
    """The case, if it may be purged: it exists, it is closed or transferred, and no
    conference dated today or later will hear it. Else one sentence, nothing changed."""
    case = _existing_case(case_file, case_id)
    if case.status is CaseStatus.OPEN:
        raise EditError(
            f'Case "{case_id}" is still open: close it first (an open case is never purged).'
        )
    for conference in case_file.conferences():
        if conference.date >= today and case_id in conference.agenda:
            raise EditError(
                f'Case "{case_id}" is on the agenda of the conference of '
                f"{conference.date:%d %b %Y} ({conference.id}): take it off that agenda first."
            )
    return case


def purge_case(
    case_file: CaseFile, case_id: str, *, passphrase: str, reference: str, today: date
) -> PurgeReport:
    """Remove the case from every table and page, after the passphrase and the case's
    reference were typed again."""
    case = purgeable(case_file, case_id, today)
    if not case_file.opens_with(passphrase):
        raise WrongPassphrase(case_file.path)
    if reference.strip() != case.reference:
        raise EditError(f'That is not the reference of case "{case_id}"; nothing was purged.')
    with case_file.reading() as conn:
        records = audit.records(conn)
        texts = case_texts(conn, case_id)
    naming = audit_records_naming(records, texts)
    copies = earlier_copies(case_file.path, records)
    case_file.connection.execute(SECURE_DELETE)
    with case_file.transaction() as conn:
        _delete(conn, case_id)
        details = {
            "case": case_id,
            "status": case.status.value,
            "closed_on": case.closed_on.isoformat() if case.closed_on else None,
            "purged_on": today.isoformat(),
        }
        audit.append(conn, case_file.actor, PURGED, details)
    _rewrite(case_file)
    _check(case_file, case_id, texts)
    return PurgeReport(case_id, copies, naming)


def _delete(conn: Connection, case_id: str) -> None:
    for table in schema.CASE_HISTORY_TABLES:
        for verb in ("update", "delete"):
            conn.execute(f"DROP TRIGGER {table}_no_{verb}")
        conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))
        for statement in schema.history_triggers(table):
            conn.execute(statement)
    for table in ("agenda", "person", "item", "action"):
        conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (case_id,))
    conn.execute('DELETE FROM "case" WHERE id = ?', (case_id,))


def _rewrite(case_file: CaseFile) -> None:
    """Every page written anew, free pages gone, the log emptied into the file."""
    try:
        with case_file.reading() as conn:
            conn.execute("VACUUM")
            conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
    except CaseFileError as error:
        raise PurgeLeftText(f"{error} {_LEFT}") from None


def _check(case_file: CaseFile, case_id: str, texts: set[str]) -> None:
    found = case_file.texts_in_pages(texts)
    if not found:
        return
    with case_file.reading() as conn:
        left = [text for text in found if not in_live_rows(conn, text)]
    if left:
        raise PurgeLeftText(
            f'Case "{case_id}" was removed from every table, but {len(left)} pieces of its '
            f"text are still readable in the file's pages. {_LEFT}"
        )


_LEFT = (
    "The case's rows are gone, but its text may still be in free pages: close every "
    "program using the file, make a backup (it copies only what is live) and restore it."
)
