"""Writing imported content into a case file, in one transaction.

Called only with content the interchange reader has checked in full. With `update`, a case
or conference already in the file is replaced in place, except for its history: consent and
override records already held are kept even when the import lacks them (they are reported),
and the import's new records are added after them.

An update is refused, before anything is written, when it would drop information or actions
recorded in the app at the meeting (the audit log says which): those exist nowhere else,
and an import prepared before the meeting does not hold them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mara_desktop.domain import Case, CaseFileContent
from mara_desktop.errors import MaraError
from mara_desktop.store import audit, repository
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.connection import Connection
from mara_desktop.store.editing import ACTION_ADDED, ITEM_ADDED

RECORDED_IN_THE_APP = {ITEM_ADDED: "item", ACTION_ADDED: "action"}
"""Audit actions that add an entry to a case in the app, and the detail naming the entry."""


class ImportRefused(MaraError):
    """The import would lose something the case file alone holds; nothing was written."""


@dataclass
class ImportReport:
    cases_added: list[str] = field(default_factory=list)
    cases_replaced: list[str] = field(default_factory=list)
    conferences_added: list[str] = field(default_factory=list)
    conferences_replaced: list[str] = field(default_factory=list)
    history_kept: list[str] = field(default_factory=list)
    """Cases whose file held consent or override records the import did not carry."""

    def summary(self) -> str:
        parts = [
            f"{len(self.cases_added)} cases added",
            f"{len(self.conferences_added)} conferences added",
        ]
        if self.cases_replaced or self.conferences_replaced:
            parts.append(f"{len(self.cases_replaced)} cases updated")
            parts.append(f"{len(self.conferences_replaced)} conferences updated")
        return ", ".join(parts) + "."


def import_content(case_file: CaseFile, content: CaseFileContent, *, update: bool) -> ImportReport:
    report = ImportReport()
    existing_cases = case_file.case_ids()
    existing_conferences = case_file.conference_ids()
    held = {
        c.id: c for c in case_file.cases(sorted(existing_cases & {c.id for c in content.cases}))
    }
    if held:
        _refuse_losing_meeting_entries(case_file, content, held)
    with case_file.transaction() as conn:
        position = repository.next_position(conn, "case")
        for case in content.cases:
            replace = case.id in existing_cases
            if replace and not update:
                raise ValueError(f"case {case.id} exists; the reader should have refused it")
            repository.write_case(conn, case, position, replace=replace)
            position += 0 if replace else 1
            _write_history(conn, case, held.get(case.id), report)
            (report.cases_replaced if replace else report.cases_added).append(case.id)
        position = repository.next_position(conn, "conference")
        for conference in content.conferences:
            replace = conference.id in existing_conferences
            repository.write_conference(conn, conference, position, replace=replace)
            position += 0 if replace else 1
            target = report.conferences_replaced if replace else report.conferences_added
            target.append(conference.id)
        audit.append(
            conn,
            case_file.actor,
            "import",
            {
                "cases_added": report.cases_added,
                "cases_updated": report.cases_replaced,
                "conferences_added": report.conferences_added,
                "conferences_updated": report.conferences_replaced,
            },
        )
    return report


def _write_history(conn: Connection, case: Case, held: Case | None, report: ImportReport) -> None:
    held_consents = list(held.consents) if held else []
    held_overrides = list(held.overrides) if held else []
    new_consents = [c for c in case.consents if c not in held_consents]
    new_overrides = [o for o in case.overrides if o not in held_overrides]
    if held and (
        any(c not in case.consents for c in held_consents)
        or any(o not in case.overrides for o in held_overrides)
    ):
        report.history_kept.append(case.id)
    repository.add_consents(conn, case.id, new_consents)
    repository.add_overrides(conn, case.id, new_overrides)


def _refuse_losing_meeting_entries(
    case_file: CaseFile, content: CaseFileContent, held: dict[str, Case]
) -> None:
    with case_file.reading() as conn:
        recorded = [
            (str(r.details.get("case")), str(r.details.get(RECORDED_IN_THE_APP[r.action])))
            for r in audit.records(conn)
            if r.action in RECORDED_IN_THE_APP
        ]
    for case in content.cases:
        current = held.get(case.id)
        if current is None:
            continue
        kept = {i.id for i in case.items} | {a.id for a in case.actions}
        now = {i.id for i in current.items} | {a.id for a in current.actions}
        lost = sorted({entry for c, entry in recorded if c == case.id} & now - kept)
        if lost:
            raise ImportRefused(
                f"case {case.id}: the import lacks {len(lost)} entr"
                f"{'y' if len(lost) == 1 else 'ies'} recorded in the app at the meeting "
                f"({', '.join(lost)}); nothing was imported. Export the case file "
                "(mara-desktop export), make the corrections in that file and import it, so "
                "that nothing recorded at the meeting is lost."
            )
