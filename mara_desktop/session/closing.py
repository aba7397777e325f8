"""What the session takes at the end of a case: closing and reopening it, the retention
list, and purging a case the protocol no longer lets the MARAC keep.

Every change is checked, written in one transaction and audited with ids and dates only
(store/case_closing.py, store/purge.py). The retention list and the case's reason for
closing name cases by reference and hold the chair's words: they are for the chair's eyes,
as the chair's own view of a case is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from mara_desktop.domain.retention import Kept, due_for_purging, kept, not_heard_for_a_year
from mara_desktop.domain.review import last_hearings, standing
from mara_desktop.store import case_closing, purge, repository
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.purge import PurgeReport

__all__ = ["Closing", "Kept", "PurgeReport", "RetentionList", "purge_summary"]


@dataclass(frozen=True)
class RetentionList:
    """The protocol's period (None: it sets none, and nothing is due), the cases closed or
    transferred more than that long ago, and apart the open cases not heard for a year."""

    years: int | None
    due: list[Kept]
    not_heard: list[Kept]


def purge_summary(report: PurgeReport, called: str | None = None) -> list[str]:
    """What a purge did and leaves to the chair, in lines (the command line and the app
    say the same): the copies made before it, each where it is or, when the audit log
    names it only (it keeps names, not folders), to be found; the audit records whose
    details hold words of the case. The case is `called` by its id, or as given (the app
    names it by the reference the chair just typed)."""
    lines = [
        f"Purged case {called or report.case_id}: no page of the file holds its people, entries, "
        "actions or history any more; the audit log keeps its id and dates."
    ]
    if report.copies:
        lines.append(
            "Copies made before the purge still hold the case; delete them, or keep them only "
            "as long as your protocol allows:"
        )
    for copy in report.copies:
        kind = "encrypted copy" if copy.encrypted else "unencrypted export"
        where = str(copy.path) if copy.path is not None else copy.name
        found = (
            "" if copy.path is not None else ", named in the audit log: find where it was written"
        )
        lines.append(f"  {where} ({kind}{found})")
    if report.audit_records_with_text:
        numbers = ", ".join(str(n) for n in report.audit_records_with_text)
        lines.append(
            f"Audit records {numbers} name a file with words of the case; they stay, since "
            "removing one would break the audit chain."
        )
    return lines


class Closing:
    """The end-of-case changes of a `Session` (session.py)."""

    _file: CaseFile

    def close_case(self, case_id: str, on: date, reason: str, *, today: date | None = None) -> None:
        """Close an open case on `on` (today or earlier) for `reason`."""
        case_closing.close_case(self._file, case_id, on, reason, today or date.today())

    def reopen_case(self, case_id: str) -> None:
        """Open a closed case again; its reason is cleared (the audit keeps the day)."""
        case_closing.reopen_case(self._file, case_id)

    def retention(self, today: date | None = None) -> RetentionList:
        day = today or date.today()
        years = self._file.protocol.retention_years
        with self._file.reading() as conn:
            cases = repository.case_standings(conn)
        last = last_hearings(self._file.conferences(), day + timedelta(days=1))
        due = (
            [kept(c, last) for c in cases if due_for_purging(c.status, c.closed_on, years, day)]
            if years is not None
            else []
        )
        due.sort(key=lambda k: (k.closed_on or day, k.reference))
        return RetentionList(years, due, not_heard_for_a_year(cases, last, day))

    def purge_check(self, case_id: str, today: date | None = None) -> Kept:
        """The case if it may be purged, else the sentence why not (nothing is changed):
        asked before the passphrase and the reference are typed."""
        return kept(standing(purge.purgeable(self._file, case_id, today or date.today())), {})

    def not_yet_due(self, case: Kept, today: date | None = None) -> bool:
        """Whether the protocol would keep the case still: purging it is the chair's call."""
        years = self._file.protocol.retention_years
        day = today or date.today()
        return years is not None and not due_for_purging(case.status, case.closed_on, years, day)

    def purge(
        self, case_id: str, *, passphrase: str, reference: str, today: date | None = None
    ) -> PurgeReport:
        """Remove everything of the case, leaving an audit tombstone of ids and dates."""
        return purge.purge_case(
            self._file,
            case_id,
            passphrase=passphrase,
            reference=reference,
            today=today or date.today(),
        )
