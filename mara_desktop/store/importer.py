"""Writing an imported document into a case file as it is read, in one transaction.

The document is read and checked a batch of cases at a time (interchange/document.py),
and each good batch is written at once; a problem anywhere in the document, even in its
last case, rolls the whole transaction back. With `update`, a case or conference already
in the file is replaced in place, except for its history: consent and override records
already held are kept even when the import lacks them (they are reported), and the
import's new records are added after them.

An update is refused, and nothing written, when it would drop information or actions
recorded in the app at the meeting (the audit log says which): those exist nowhere else,
and an import prepared before the meeting does not hold them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Protocol

from mara_desktop.domain import Case, CaseFileContent, Conference
from mara_desktop.errors import MaraError
from mara_desktop.store import audit, repository
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.connection import Connection
from mara_desktop.store.editing import ACTION_ADDED, ITEM_ADDED
from mara_desktop.store.reference_key import KeyOutcome, holds_actions, take_key

RECORDED_IN_THE_APP = {ITEM_ADDED: "item", ACTION_ADDED: "action"}
"""Audit actions that add an entry to a case in the app, and the detail naming the entry."""


OTHER_REFERENCES = (
    "This file already held actions, so the imported actions have this file's references, "
    "not those printed by the file they were exported from."
)


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
    references: KeyOutcome = KeyOutcome.NONE
    """What became of the document's key of action references (store/reference_key.py)."""

    def summary(self) -> str:
        parts = [
            f"{len(self.cases_added)} cases added",
            f"{len(self.conferences_added)} conferences added",
        ]
        if self.cases_replaced or self.conferences_replaced:
            parts.append(f"{len(self.cases_replaced)} cases updated")
            parts.append(f"{len(self.conferences_replaced)} conferences updated")
        return " ".join(filter(None, (", ".join(parts) + ".", self.references_note)))

    @property
    def references_note(self) -> str:
        """What the chair must know of the imported actions' references ("" if nothing)."""
        return OTHER_REFERENCES if self.references is KeyOutcome.KEPT else ""


class CheckedImport(Protocol):
    """A document being read and checked (interchange/document.py)."""

    def case_batches(self) -> Iterator[Sequence[Case]]:
        """The cases, a batch at a time, while no problem has been found."""

    def conferences(self) -> Sequence[Conference]:
        """Once every case was read: the conferences, or the refusal naming every problem
        found anywhere in the document (it is raised, and nothing is written)."""

    @property
    def reference_key(self) -> bytes | None:
        """The exporting file's key of action references, once the document was read."""


def import_content(case_file: CaseFile, content: CaseFileContent, *, update: bool) -> ImportReport:
    """Content read and checked in full beforehand, held in memory."""
    return import_document(case_file, _Held(content), update=update)


def import_document(case_file: CaseFile, document: CheckedImport, *, update: bool) -> ImportReport:
    """Write each batch of cases as it is read, all in one transaction: a problem found
    later in the document, or a case whose update would lose entries recorded at the
    meeting, rolls it back and nothing is imported. The document is read to its end
    either way, so that every problem in it is reported, and before such a loss.

    The first batch is read before the transaction begins: the first write waits for the
    check of every page (store/page_check.py), which runs meanwhile."""
    batches = document.case_batches()
    first = next(batches, None)
    with case_file.transaction() as conn:
        held_actions = holds_actions(conn)
        writing = _Writing(conn, update)
        for batch in chain([first] if first is not None else [], batches):
            writing.cases(batch)
        conferences = document.conferences()
        if writing.refusal is not None:
            raise writing.refusal
        writing.conferences(conferences)
        report = writing.report
        report.references = take_key(conn, document.reference_key, held_actions=held_actions)
        audit.append(
            conn,
            case_file.actor,
            "import",
            {
                "cases_added": report.cases_added,
                "cases_updated": report.cases_replaced,
                "conferences_added": report.conferences_added,
                "conferences_updated": report.conferences_replaced,
                "action_references": report.references.value,
            },
        )
    return report


class _Held:
    def __init__(self, content: CaseFileContent) -> None:
        self._content = content

    def case_batches(self) -> Iterator[Sequence[Case]]:
        yield self._content.cases

    def conferences(self) -> Sequence[Conference]:
        return self._content.conferences

    @property
    def reference_key(self) -> bytes | None:
        return None


class _Writing:
    """One import's writes, inside its transaction. The file is asked only about the
    cases and conferences the import holds, each looked up by its id."""

    def __init__(self, conn: Connection, update: bool) -> None:
        self.report = ImportReport()
        self.refusal: ImportRefused | None = None
        self._conn, self._update = conn, update
        self._position = repository.next_position(conn, "case")
        self._recorded: list[tuple[str, str]] | None = None

    def cases(self, batch: Sequence[Case]) -> None:
        if self.refusal is not None:
            return
        held = {c.id: c for c in repository.read_cases(self._conn, [c.id for c in batch])}
        if held:
            self.refusal = self._losing_meeting_entries(batch, held)
            if self.refusal is not None:
                return
        for case in batch:
            replace = case.id in held
            if replace and not self._update:
                raise ValueError(f"case {case.id} exists; the reader should have refused it")
            repository.write_case(self._conn, case, self._position, replace=replace)
            self._position += 0 if replace else 1
            _write_history(self._conn, case, held.get(case.id), self.report)
            (self.report.cases_replaced if replace else self.report.cases_added).append(case.id)

    def conferences(self, conferences: Sequence[Conference]) -> None:
        ids = [c.id for c in conferences]
        existing = repository.existing_ids(self._conn, "conference", among=ids)
        position = repository.next_position(self._conn, "conference")
        for conference in conferences:
            replace = conference.id in existing
            repository.write_conference(self._conn, conference, position, replace=replace)
            position += 0 if replace else 1
            report = self.report
            (report.conferences_replaced if replace else report.conferences_added).append(
                conference.id
            )

    def _losing_meeting_entries(
        self, batch: Sequence[Case], held: dict[str, Case]
    ) -> ImportRefused | None:
        """The refusal for the first case whose update lacks entries recorded in the app at
        the meeting: those exist nowhere else."""
        if self._recorded is None:
            self._recorded = [
                (str(r.details.get("case")), str(r.details.get(RECORDED_IN_THE_APP[r.action])))
                for r in audit.records(self._conn)
                if r.action in RECORDED_IN_THE_APP
            ]
        for case in batch:
            current = held.get(case.id)
            if current is None:
                continue
            kept = {i.id for i in case.items} | {a.id for a in case.actions}
            now = {i.id for i in current.items} | {a.id for a in current.actions}
            lost = sorted({entry for c, entry in self._recorded if c == case.id} & now - kept)
            if lost:
                return ImportRefused(
                    f"case {case.id}: the import lacks {len(lost)} entr"
                    f"{'y' if len(lost) == 1 else 'ies'} recorded in the app at the meeting "
                    f"({', '.join(lost)}); nothing was imported. Export the case file "
                    "(mara-desktop export), make the corrections in that file and import it, "
                    "so that nothing recorded at the meeting is lost."
                )
        return None


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
    held_decisions = list(held.repeat_decisions) if held else []
    repository.add_repeat_decisions(
        conn, case.id, [d for d in case.repeat_decisions if d not in held_decisions]
    )
    held_corrections = list(held.corrections) if held else []
    repository.add_corrections(
        conn, case.id, [c for c in case.corrections if c not in held_corrections]
    )
