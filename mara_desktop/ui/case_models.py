"""Qt table models over a case view: the information items and the actions.

The console and the participant window share these models; only their look differs. A
model holds a `CaseView` and nothing else, so it can only show what the view's audience may
see. `clear()` drops the view, which is what locking relies on.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor

from mara_desktop.domain import OBSERVER, ActionStatus
from mara_desktop.protocol.model import Protocol
from mara_desktop.views.model import Access, ActionView, CaseView, ItemView, PersonView

Index = QModelIndex | QPersistentModelIndex


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
    about: str
    item: ItemView


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
                self._rows.extend(_ItemRow(person_heading(person), item) for item in items)
        self.endResetModel()

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
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _ITEM_HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        column = ItemColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return {
                ItemColumn.ABOUT: row.about,
                ItemColumn.WHAT: row.item.category_name,
                ItemColumn.SOURCE: row.item.source_name,
                ItemColumn.TEXT: row.item.text,
                ItemColumn.SEEN_BY: seen_by_text(row.item.access, self._protocol),
            }[column]
        if role == Qt.ItemDataRole.ToolTipRole and self._with_access:
            if column is ItemColumn.SEEN_BY:
                return why_not_text(row.item.access) or "Every agency may see this."
            if column is ItemColumn.SOURCE and row.item.restricted_to:
                names = ", ".join(self._protocol.agency_name(a) for a in row.item.restricted_to)
                return f"The supplying agency restricted this to: {names}"
        return None


class ActionColumn(IntEnum):
    NUMBER = 0
    TEXT = 1
    OWNER = 2
    OWNER_NAME = 3
    DUE = 4
    STATUS = 5
    SEEN_BY = 6


_ACTION_HEADERS = ("No.", "Action", "Agency", "Owner", "Due", "Status", "Who may see it")
_OVERDUE = QColor("#b3261e")


EDITABLE = frozenset(
    {
        ActionColumn.TEXT,
        ActionColumn.OWNER,
        ActionColumn.OWNER_NAME,
        ActionColumn.DUE,
        ActionColumn.STATUS,
    }
)


class ActionsModel(QAbstractTableModel):
    """The actions table. An edit is not applied here: `edited` asks the console to save
    the action through the store, after which the console shows the fresh view."""

    edited = Signal(str, int, object)
    """Action id, ActionColumn, new value (agency id, text, date or None, ActionStatus)."""

    def __init__(self, protocol: Protocol, *, with_access: bool, editable: bool = False) -> None:
        super().__init__()
        self._protocol = protocol
        self._with_access = with_access
        self._editable = editable
        self._actions: list[ActionView] = []

    def show(self, view: CaseView | None) -> None:
        self.show_actions(list(view.actions) if view is not None else [])

    def show_actions(self, actions: list[ActionView]) -> None:
        self.beginResetModel()
        self._actions = actions
        self.endResetModel()

    def clear(self) -> None:
        self.show(None)

    def action_at(self, row: int) -> ActionView:
        return self._actions[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self._actions)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return len(_ACTION_HEADERS) if self._with_access else len(_ACTION_HEADERS) - 1

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _ACTION_HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._editable and index.isValid() and ActionColumn(index.column()) in EDITABLE:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        if not (self._editable and index.isValid() and role == Qt.ItemDataRole.EditRole):
            return False
        self.edited.emit(self._actions[index.row()].id, index.column(), value)
        return True

    def data(
        self, index: Index, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | QBrush | object | None:
        if not index.isValid():
            return None
        action = self._actions[index.row()]
        column = ActionColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(index.row(), action, column)
        if role == Qt.ItemDataRole.EditRole:
            return {
                ActionColumn.TEXT: action.text,
                ActionColumn.OWNER: action.owner,
                ActionColumn.OWNER_NAME: action.owner_name,
                ActionColumn.DUE: action.due,
                ActionColumn.STATUS: ActionStatus(action.status),
            }.get(column)
        if role == Qt.ItemDataRole.ForegroundRole and action.overdue and column is ActionColumn.DUE:
            return QBrush(_OVERDUE)
        tooltip = role == Qt.ItemDataRole.ToolTipRole and self._with_access
        if tooltip and column is ActionColumn.SEEN_BY:
            return why_not_text(action.access) or "Every agency may see this."
        return None

    def _display(self, row: int, action: ActionView, column: ActionColumn) -> str:
        due = f"{action.due:%d %b %Y}" if action.due else "—"
        if action.overdue:
            due += " (overdue)"
        return {
            ActionColumn.NUMBER: str(row + 1),
            ActionColumn.TEXT: action.text,
            ActionColumn.OWNER: action.owner_agency_name,
            ActionColumn.OWNER_NAME: action.owner_name or "—",
            ActionColumn.DUE: due,
            ActionColumn.STATUS: ActionStatus(action.status).label,
            ActionColumn.SEEN_BY: seen_by_text(action.access, self._protocol),
        }[column]
