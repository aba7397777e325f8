"""The action log: every agreed action across cases and meetings, as one audience may see it.

Each case is put to the same rule as in the meeting and the minutes (`ViewBuilder.
actions_view`, which a property test holds to what `case_view` gives), so an agency's log
holds exactly the actions its minutes would show it, whichever meeting agreed them: those
it may see under the protocol, and its own (an owner always sees its action). An action's
progress reports travel with the action: whoever may see the action may see how it went.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from mara_desktop.domain import ActionStatus, Audience, Case
from mara_desktop.domain.action_reference import action_id
from mara_desktop.domain.action_update import ActionUpdate
from mara_desktop.views.builder import ViewBuilder
from mara_desktop.views.model import ActionView, ConferenceView
from mara_desktop.views.withheld import unless_shown


@dataclass(frozen=True)
class ActionLogEntry:
    case_id: str
    case_reference: str
    """The case's reference, or "" when the audience may not see the case's header."""
    action: ActionView
    updates: tuple[ActionUpdate, ...]
    """Every progress report, the oldest first."""

    @property
    def key(self) -> str:
        """ "CASE/ACTION", as the manifest and `actions --update` name the action."""
        return action_id(self.case_id, self.action.id)

    @property
    def latest(self) -> ActionUpdate | None:
        return self.updates[-1] if self.updates else None


@dataclass(frozen=True)
class LogFilter:
    """What the chair narrows the log to: one owning agency, overdue ones, one status."""

    owner: str | None = None
    overdue: bool = False
    status: ActionStatus | None = None

    def keeps(self, entry: ActionLogEntry) -> bool:
        action = entry.action
        return (
            (self.owner is None or action.owner == self.owner)
            and (not self.overdue or action.overdue)
            and (self.status is None or action.status is self.status)
        )


def action_log(
    builder: ViewBuilder,
    cases: Iterable[Case],
    updates: Mapping[tuple[str, str], Sequence[ActionUpdate]],
    audience: Audience,
    on: date,
) -> list[ActionLogEntry]:
    """Every action `audience` may see as of `on` (open ones due before it are overdue),
    the earliest due first (those with no date last), then by reference."""
    entries = []
    for case in cases:
        reference, actions = builder.actions_view(case, audience, on)
        for action in actions:
            reports = tuple(updates.get((case.id, action.id), ()))
            entries.append(ActionLogEntry(case.id, reference or "", action, reports))
    return sorted(entries, key=_order)


def _order(entry: ActionLogEntry) -> tuple[bool, date, str]:
    due = entry.action.due
    return (due is None, due or date.min, entry.action.reference)


def shown_texts(entries: Iterable[ActionLogEntry]) -> set[str]:
    """Every text a log of these entries prints: what a withheld value found in it may be
    without being a leak."""
    shown: set[str] = set()
    for entry in entries:
        action = entry.action
        shown.update((entry.case_reference, action.text, action.owner_name))
        for update in entry.updates:
            shown.update((update.note, update.updated_by))
    return shown


def withheld_reports(
    updates: Mapping[tuple[str, str], Sequence[ActionUpdate]], shown: Iterable[ActionLogEntry]
) -> list[str]:
    """The notes and reporters of every action not in `shown`: values a log of those
    entries must not hold."""
    return _reports_besides(updates, {(e.case_id, e.action.id) for e in shown})


def _reports_besides(
    updates: Mapping[tuple[str, str], Sequence[ActionUpdate]], held: set[tuple[str, str]]
) -> list[str]:
    """The notes and reporters of every report on an action not in `held`, but for those
    that say only a status word ("Done"): every copy and log prints those, so searched for
    they would stop every one as a leak."""
    values = [
        value
        for key, reports in updates.items()
        if key not in held
        for report in reports
        for value in (report.note, report.updated_by)
    ]
    return unless_shown(values, [status.label for status in ActionStatus])


def latest_reports(
    view: ConferenceView, updates: Mapping[tuple[str, str], Sequence[ActionUpdate]]
) -> dict[str, ActionUpdate]:
    """The newest progress report on each action of `view`, by "CASE/ACTION": what the
    minutes' review of earlier actions prints beside the action. Only the actions the view
    holds: whoever may see an action may see how it went, and no one else."""
    latest: dict[str, ActionUpdate] = {}
    for case in view.cases:
        for action in case.actions:
            reports = updates.get((case.case_id, action.id))
            if reports:
                latest[action_id(case.case_id, action.id)] = reports[-1]
    return latest


def hidden_reports(
    view: ConferenceView, updates: Mapping[tuple[str, str], Sequence[ActionUpdate]]
) -> list[str]:
    """The notes and reporters of every report on an action of the conference's cases that
    `view` does not hold: values its minutes must not hold (pass through `unless_shown`)."""
    held = {(case.case_id, action.id) for case in view.cases for action in case.actions}
    return _reports_besides(updates, held)
