"""Editing an action in place: the right editor for each column of the actions table, and
the part of the action each column changes."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QAbstractItemModel, QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from mara_desktop.domain import ActionStatus
from mara_desktop.protocol.model import Protocol
from mara_desktop.session import ActionField
from mara_desktop.ui.case_models import ActionColumn, Index
from mara_desktop.ui.dates import DAY_FORMAT


class ActionDelegate(QStyledItemDelegate):
    """Agencies and statuses are chosen from lists, never typed, so a save cannot fail on a
    misspelt agency; the due date uses a calendar."""

    def __init__(self, protocol: Protocol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._protocol = protocol

    def createEditor(  # noqa: N802
        self, parent: QWidget, option: QStyleOptionViewItem, index: Index
    ) -> QWidget:
        column = ActionColumn(index.column())
        if column is ActionColumn.OWNER:
            combo = QComboBox(parent)
            for agency in self._protocol.agencies:
                combo.addItem(agency.name, agency.id)
            combo.setAccessibleName("Owning agency")
            return combo
        if column is ActionColumn.STATUS:
            combo = QComboBox(parent)
            for status in ActionStatus:
                combo.addItem(status.label, status)
            combo.setAccessibleName("Status")
            return combo
        if column is ActionColumn.DUE:
            edit = QDateEdit(parent)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat(DAY_FORMAT)
            edit.setAccessibleName("Due date")
            return edit
        line = QLineEdit(parent)
        line.setAccessibleName("Owner" if column is ActionColumn.OWNER_NAME else "Action")
        return line

    def setEditorData(self, editor: QWidget, index: Index) -> None:  # noqa: N802
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findData(value)))
        elif isinstance(editor, QDateEdit):
            due = value if isinstance(value, date) else date.today()
            editor.setDate(QDate(due.year, due.month, due.day))
        elif isinstance(editor, QLineEdit):
            editor.setText(str(value or ""))

    def setModelData(  # noqa: N802
        self, editor: QWidget, model: QAbstractItemModel, index: Index
    ) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QDateEdit):
            model.setData(index, editor.date().toPython())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())


FIELDS = {
    ActionColumn.TEXT: ActionField.TEXT,
    ActionColumn.OWNER: ActionField.OWNER,
    ActionColumn.OWNER_NAME: ActionField.OWNER_NAME,
    ActionColumn.DUE: ActionField.DUE,
    ActionColumn.STATUS: ActionField.STATUS,
}
"""The part of an action each editable column changes (the session applies the change)."""
