"""The chair's reasons to hold entries back from one person's subject access request, kept
in `sar_withholding` (history: never changed or deleted, only a purge removes a case's).

A record names the case, the person, the entry (an item's or an action's id: they share
one space within a case) and the reason (domain/withholding.py's stored form). The latest
record for an entry speaks; one with an empty reason releases the entry again, so that
changing one's mind leaves a trace too. Each record is audited by ids and the reason's id,
never the chair's own words.
"""

from __future__ import annotations

from datetime import UTC, datetime

from mara_desktop.domain import moment_text, parse_moment
from mara_desktop.domain.withholding import Withholding, read_reason, stored_reason
from mara_desktop.store import audit
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.editing import EditError


def record_withholding(
    case_file: CaseFile,
    case_id: str,
    person_id: str,
    entry_id: str,
    reason_id: str | None,
    note: str = "",
) -> None:
    """Withhold the entry from the person's request for `reason_id` (None: release it)."""
    case = case_file.case(case_id)
    if case is None:
        raise EditError(f'There is no case "{case_id}" in this case file.')
    if case.person(person_id) is None:
        raise EditError(f'Case "{case_id}" has no person "{person_id}".', field="person")
    if entry_id not in {i.id for i in case.items} | {a.id for a in case.actions}:
        raise EditError(f'Case "{case_id}" has no entry "{entry_id}".', field="entry")
    try:
        text = stored_reason(reason_id, note)
    except ValueError as error:
        raise EditError(str(error), field="reason") from None
    with case_file.transaction() as conn:
        conn.execute(
            "INSERT INTO sar_withholding (case_id, person, item, reason, recorded_at, "
            "recorded_by) VALUES (?, ?, ?, ?, ?, ?)",
            (case_id, person_id, entry_id, text, moment_text(datetime.now(UTC)), case_file.actor),
        )
        audit.append(
            conn,
            case_file.actor,
            "sar-withholding",
            {"case": case_id, "person": person_id, "entry": entry_id, "reason": reason_id},
        )


def withholdings(case_file: CaseFile, case_id: str, person_id: str) -> dict[str, Withholding]:
    """The entries withheld from the person's request now, by entry id."""
    with case_file.reading() as conn:
        rows = conn.execute(
            "SELECT item, reason, recorded_at, recorded_by FROM sar_withholding "
            "WHERE case_id = ? AND person = ? ORDER BY seq",
            (case_id, person_id),
        ).fetchall()
    found: dict[str, Withholding] = {}
    for entry, text, at, by in rows:
        read = read_reason(text)
        if read is None:
            found.pop(entry, None)
        else:
            found[entry] = Withholding(entry, read[0], read[1], parse_moment(at), by)
    return found
