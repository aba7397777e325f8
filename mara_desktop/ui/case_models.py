"""Qt table models over a case view: the information items and the actions.

A model holds what one `CaseView` says and nothing else, so it can only show what the
view's audience may see. `clear()` drops it, which is what locking relies on. The shared
screen writes the same cells (`action_cells`) into its page.

Qt asks a model for each cell's data many times over, role by role, whenever it sizes a row
or paints it (a 40-row case: some 2,000 calls into Python per switch). So a model works out
its cells' texts once, when it is given a view, and `data` only looks them up.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from mara_desktop.domain import OBSERVER, ActionStatus, when_text
from mara_desktop.protocol.model import Protocol
from mara_desktop.views.model import Access, ActionView, CaseView, ItemView, PersonView

Index = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_EDIT = int(Qt.ItemDataRole.EditRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)


def person_heading(person: PersonView | None) -> str:
    """ "Victim: Anna Przykładowa", or only "Victim" where the name is withheld."""
    if person is None:
        return "About the case"
    return f"{person.label}: {person.name}" if person.name else person.label


def seen_by_text(access: Access | None, protocol: Protocol) -> str:
    """Short enough for a table cell: the agencies that may see it, or those that may not
    when they are fewer. Observers are never granted anything, so they are not counted."""
    if access is None:
        return ""
    barred = [d.agency for d in access.withheld if d.agency and d.agency != OBSERVER]
    seen = [a for a in access.visible_to if a != OBSERVER]
    if not seen:
        return "Nobody but the chair"
    if not barred:
        return "Every agency"
    if len(barred) < len(seen):
        return "All except " + ", ".join(protocol.agency_name(a) for a in barred)
    return ", ".join(protocol.agency_name(a) for a in seen)


def why_not_text(access: Access | None) -> str:
    """The chair's tooltip: one line per agency that may not see the entry, and why."""
    if access is None or not access.withheld:
        return ""
    return "\n".join(decision.reason for decision in access.withheld)


@dataclass(frozen=True)
class _ItemRow:
    item: ItemView
    texts: tuple[str, ...]
    """What each column shows, in ItemColumn order."""
    tooltips: tuple[str | None, ...]


class ItemColumn(IntEnum):
    ABOUT = 0
    WHAT = 1
    SOURCE = 2
    TEXT = 3
    SEEN_BY = 4


_ITEM_HEADERS = ("About", "Information", "From", "Details", "Who may see it")


class ItemsModel(QAbstractTableModel):
    """Items grouped by the person they are about, in the view's order."""

    def __init__(self, protocol: Protocol, *, with_access: bool) -> None:
        super().__init__()
        self._protocol = protocol
        self._with_access = with_access
        self._rows: list[_ItemRow] = []

    def show(self, view: CaseView | None) -> None:
        self.beginResetModel()
        self._rows = []
        if view is not None:
            for person, items in view.groups():
                about = person_heading(person)
                self._rows.extend(self._row(about, item) for item in items)
        self.endResetModel()

    def _row(self, about: str, item: ItemView) -> _ItemRow:
        what = item.category_name
        if self._with_access and item.corrected_at is not None:
            what += f"\nCorrected {when_text(item.corrected_at.astimezone())}"
        texts = (
            about,
            what,
            item.source_name,
            item.text,
            seen_by_text(item.access, self._protocol),
        )
        tooltips: tuple[str | None, ...] = (None,) * len(texts)
        if self._with_access:
            restricted = None
            if item.restricted_to:
                names = ", ".join(self._protocol.agency_name(a) for a in item.restricted_to)
                restricted = f"The supplying agency restricted this to: {names}"
            seen_by = why_not_text(item.access) or "Every agency may see this."
            tooltips = (None, None, restricted, None, seen_by)
        return _ItemRow(item, texts, tooltips)

    def clear(self) -> None:
        self.show(None)

    def item_at(self, row: int) -> ItemView:
        return self._rows[row].item

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(_ITEM_HEADERS) if self._with_access else len(_ITEM_HEADERS) - 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation is Qt.Orientation.Horizontal and role == _DISPLAY:
            return _ITEM_HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role not in (_DISPLAY, _TOOLTIP) or not index.isValid():
            return None
        row = self._rows[index.row()]
        return (row.texts if role == _DISPLAY else row.tooltips)[index.column()]


class ActionColumn(IntEnum):
    REFERENCE = 0
    TEXT = 1
    OWNER = 2
    OWNER_NAME = 3
    DUE = 4
    STATUS = 5
    SEEN_BY = 6


ACTION_HEADERS = ("Ref.", "Action", "Agency", "Owner", "Due", "Status", "Who may see it")
OVERDUE = QColor("#b3261e")
"""The colour of an overdue action's due date, on the chair's page and the shared screen."""
NO_VALUE = "—"
"""A cell with nothing to say (no named owner, no due date)."""


EDITABLE = frozenset(
    {
        ActionColumn.TEXT,
        ActionColumn.OWNER,
        ActionColumn.OWNER_NAME,
        ActionColumn.DUE,
        ActionColumn.STATUS,
    }
)


def action_cells(action: ActionView, protocol: Protocol) -> tuple[str, ...]:
    """What an action's row shows, in ActionColumn order. An action is named by its
    reference (A-XXXXXXX), as in the minutes and the action log: a number by its place
    would differ between the room, which sees fewer actions, and the chair."""
    due = when_text(action.due) if action.due else NO_VALUE
    if action.overdue:
        due += " (overdue)"
    return (
        action.reference or NO_VALUE,
        action.text,
        action.owner_agency_name,
        action.owner_name or NO_VALUE,
        due,
        ActionStatus(action.status).label,
        seen_by_text(action.access, protocol),
    )


@dataclass(frozen=True)
class _ActionRow:
    action: ActionView
    texts: tuple[str, ...]
    tooltip: str | None
    """For the Who may see it column."""


class ActionsModel(QAbstractTableModel):
    """The actions table. An edit is not applied here: `edited` asks the console to save
    the action through the session, after which the console shows the fresh view."""

    edited = Signal(str, int, object)
    """Action id, ActionColumn, new value (agency id, text, date or None, ActionStatus)."""

    def __init__(self, protocol: Protocol, *, with_access: bool, editable: bool = False) -> None:
        super().__init__()
        self._protocol = protocol
        self._with_access = with_access
        self._editable = editable
        self._rows: list[_ActionRow] = []
        self._overdue = QBrush(OVERDUE)

    def show(self, view: CaseView | None) -> None:
        self.show_actions(list(view.actions) if view is not None else [])

    def show_actions(self, actions: list[ActionView]) -> None:
        self.beginResetModel()
        self._rows = [
            _ActionRow(
                action,
                action_cells(action, self._protocol),
                (why_not_text(action.access) or "Every agency may see this.")
                if self._with_access
                else None,
            )
            for action in actions
        ]
        self.endResetModel()

    def clear(self) -> None:
        self.show(None)

    def action_at(self, row: int) -> ActionView:
        return self._rows[row].action

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(ACTION_HEADERS) if self._with_access else len(ACTION_HEADERS) - 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation is Qt.Orientation.Horizontal and role == _DISPLAY:
            return ACTION_HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._editable and index.isValid() and index.column() in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not (self._editable and index.isValid() and role == _EDIT):
            return False
        self.edited.emit(self._rows[index.row()].action.id, index.column(), value)
        return True

    def data(
        self, index: Index, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | QBrush | object | None:
        if role not in _ACTION_ROLES or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == _DISPLAY:
            return row.texts[column]
        if role == _EDIT:
            return _edit_value(row.action, column)
        if role == _FOREGROUND:
            return self._overdue if row.action.overdue and column == ActionColumn.DUE else None
        return row.tooltip if column == ActionColumn.SEEN_BY else None


_ACTION_ROLES = frozenset({_DISPLAY, _EDIT, _FOREGROUND, _TOOLTIP})


def _edit_value(action: ActionView, column: int) -> object:
    """What an editor starts from: the agency's id, not its name; the date, not its text."""
    return {
        ActionColumn.TEXT: action.text,
        ActionColumn.OWNER: action.owner,
        ActionColumn.OWNER_NAME: action.owner_name,
        ActionColumn.DUE: action.due,
        ActionColumn.STATUS: ActionStatus(action.status),
    }.get(ActionColumn(column))
