"""The action log between meetings, for screens and commands: every action an audience may
see across cases and meetings (views/action_log.py); for an agency's log file, the values
its leak check searches for; and progress reports, checked all before any is recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime

from mara_desktop.domain import Audience, parse_date
from mara_desktop.domain.action_reference import action_reference, normal_reference
from mara_desktop.domain.action_update import STATUS_WORDS, ActionUpdate, status_from_word
from mara_desktop.domain.enums import ActionStatus
from mara_desktop.domain.text_rules import LONG_TEXT, SHORT_TEXT, text_problem
from mara_desktop.errors import MaraError
from mara_desktop.interchange.action_csv import UpdateRow
from mara_desktop.store.casefile import CaseFile
from mara_desktop.views.action_log import (
    ActionLogEntry,
    LogFilter,
    action_log,
    shown_texts,
    withheld_reports,
)
from mara_desktop.views.builder import ViewBuilder
from mara_desktop.views.withheld import unless_shown, withheld_of_cases

EVERYTHING = LogFilter()
NEEDS_A_REASON = (ActionStatus.CHANGE_OF_CIRCUMSTANCE, ActionStatus.AGENCY_DID_NOT_ACT)
"""Statuses a report must explain: the steering group reads why."""


class ActionUpdateError(MaraError):
    """A progress report that cannot be recorded, named by its row; nothing was recorded."""


class ActionLogs:
    """The action log reads of a `Session` (session.py)."""

    _file: CaseFile

    def _log_builder(self) -> ViewBuilder:
        """A builder of its own: a log reads every case once, and keeps no views."""
        return ViewBuilder(self._file.protocol, self._file.action_reference_key)

    def action_log(
        self, audience: Audience, on: date, narrowed: LogFilter = EVERYTHING
    ) -> list[ActionLogEntry]:
        """What `audience` may see of every action, as of `on`, narrowed as asked."""
        with self._file.snapshot():
            cases = self._file.cases(whole=False)  # the log prints no case's information
            updates = self._file.action_updates()
        entries = action_log(self._log_builder(), cases, updates, audience, on)
        return [e for e in entries if narrowed.keeps(e)]

    def action_log_entry(self, key: str, on: date) -> ActionLogEntry:
        """The chair's log entry of the action named `key` ("CASE/ACTION"), its reports with
        it, as of `on`: what the Action log window shows again after a report, where reading
        the whole log again took seconds in a file kept for years. ActionUpdateError when
        there is no such action (deleted by another program meanwhile)."""
        entry = _Lookup(self._file, self._log_builder(), on).find(key)
        reports = self._file.action_updates(entry.case_id).get((entry.case_id, entry.action.id))
        return replace(entry, updates=tuple(reports or ()))

    def withheld_from_log(self, audience: Audience, on: date) -> list[str]:
        """Every value of the file that `audience` may not see as of `on` and that its own
        log does not show: what a file of its log must not hold."""
        with self._file.snapshot():
            cases = self._file.cases()
            updates = self._file.action_updates()
        builder = self._log_builder()
        shown = action_log(builder, cases, updates, audience, on)
        withheld = withheld_of_cases(builder, cases, audience, on)
        return unless_shown(withheld + withheld_reports(updates, shown), shown_texts(shown))

    def record_action_updates(
        self, rows: Sequence[UpdateRow], *, agency: str | None, source: str, today: date
    ) -> list[ActionUpdate]:
        """Check every row, then record them all in one transaction, or none.

        `agency` is the agency the reports come from: each row's action must be its own
        (None: the chair records them, for any action). `source` names the file in messages
        ("" when the chair typed the report). An action is named by its printed reference
        or as CASE/ACTION."""
        lookup = _Lookup(self._file, self._log_builder(), today)
        now = datetime.now(UTC).replace(microsecond=0)
        updates: list[ActionUpdate] = []
        problems: list[str] = []
        for row in rows:
            where = f"{source}, row {row.row}: " if source else ""
            try:
                updates.append(self._update(row, lookup, agency, today, now))
            except ActionUpdateError as problem:
                problems.append(where + str(problem))
        if problems:
            more = len(problems) - 1
            also = f" (and {more} more row{'s' if more > 1 else ''} with problems)" if more else ""
            end = "; nothing was recorded." if source else "."
            raise ActionUpdateError(f"{problems[0]}{also}{end}")
        details = {
            "source": source or None,
            "agency": agency,
            "updates": [{"action": f"{u.case_id}/{u.action_id}", "status": u.status.value}
                        for u in updates],
        }  # fmt: skip
        self._file.add_action_updates(updates, details)
        return updates

    def record_typed_update(
        self, key: str, status: ActionStatus, note: str, updated_by: str, on: date
    ) -> None:
        """One report the chair typed in the app (the Action log window), on any action;
        ActionUpdateError says what is wrong, as for a row of a file."""
        word = next(w for w, s in STATUS_WORDS.items() if s is status)
        row = UpdateRow(0, key, word, note.strip(), updated_by.strip(), on.isoformat())
        self.record_action_updates([row], agency=None, source="", today=date.today())

    def _update(
        self, row: UpdateRow, lookup: _Lookup, agency: str | None, today: date, now: datetime
    ) -> ActionUpdate:
        entry = lookup.find(row.action)
        owner = entry.action.owner
        if agency is not None and owner != agency:
            names = self._file.protocol.agency_name
            raise ActionUpdateError(
                f"action {entry.action.reference} belongs to {names(owner)}, "
                f"not to {names(agency)}: an agency reports only on its own actions"
            )
        status = status_from_word(row.status)
        if status is None:
            raise ActionUpdateError(
                f'status "{row.status}" is not one of: {", ".join(STATUS_WORDS)}'
            )
        try:
            day = parse_date(row.updated_on)
        except ValueError:
            raise ActionUpdateError(
                f'updated_on "{row.updated_on}" is not a date: write it as YYYY-MM-DD'
            ) from None
        if day > today:
            raise ActionUpdateError(f"updated_on {day.isoformat()} is after today")
        if not row.updated_by:
            raise ActionUpdateError("updated_by is empty: say who reported it")
        for name, text, kind in (
            ("updated_by", row.updated_by, SHORT_TEXT),
            ("note", row.note, LONG_TEXT),
        ):
            problem = text_problem(text, kind)
            if problem is not None:
                raise ActionUpdateError(f"{name} {problem}")
        if status in NEEDS_A_REASON and not row.note:
            raise ActionUpdateError(f"{status.label} needs a note saying why")
        return ActionUpdate(
            entry.case_id, entry.action.id, status, row.note, row.updated_by, day, agency,
            now, self._file.actor,
        )  # fmt: skip


class _Lookup:
    """Actions by CASE/ACTION and by printed reference, each read with its own case only:
    building the whole log to find the one action a report names took seconds in a file
    kept for years. A printed reference is a keyed hash of the action's ids, so finding
    one computes every action's from the action table's key (no case is read)."""

    def __init__(self, file: CaseFile, builder: ViewBuilder, today: date) -> None:
        self._file, self._builder, self._today = file, builder, today
        self._by_reference: dict[str, list[tuple[str, str]]] | None = None
        self._of_case: dict[str, dict[tuple[str, str], ActionLogEntry]] = {}

    def find(self, name: str) -> ActionLogEntry:
        if not name:
            raise ActionUpdateError("no action given")
        if "/" in name:
            named = self._file.actions_named(name)
            return self._entry(named[0] if named else None, name)
        matches = self._references().get(normal_reference(name), [])
        if len(matches) > 1:
            raise ActionUpdateError(
                f"{normal_reference(name)} names {len(matches)} actions: give it as CASE/ACTION"
            )
        return self._entry(matches[0] if matches else None, name)

    def _references(self) -> dict[str, list[tuple[str, str]]]:
        if self._by_reference is None:
            self._by_reference = {}
            key = self._builder.reference_key
            if key is not None:  # None: a file of an old format, whose actions have none
                for case_id, action in self._file.action_keys():
                    reference = action_reference(key, case_id, action)
                    self._by_reference.setdefault(reference, []).append((case_id, action))
        return self._by_reference

    def _entry(self, key: tuple[str, str] | None, name: str) -> ActionLogEntry:
        """The chair's log entry of the action, its case's entries made once; `name` is how
        the row named it, for the message when there is none (or it went meanwhile)."""
        found = None
        if key is not None:
            entries = self._of_case.get(key[0])
            if entries is None:
                cases = self._file.cases([key[0]], whole=False)
                made = action_log(self._builder, cases, {}, Audience.chair(), self._today)
                entries = self._of_case[key[0]] = {(e.case_id, e.action.id): e for e in made}
            found = entries.get(key)
        if found is None:
            raise ActionUpdateError(f'no action "{name}" in this case file')
        return found
