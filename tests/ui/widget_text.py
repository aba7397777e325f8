"""Every piece of text a widget tree can show or announce: what a leak test must search."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole)


def model_texts(model: QAbstractItemModel) -> list[str]:
    texts = []
    top = QModelIndex()
    try:
        columns = model.columnCount(top)
    except TypeError:  # a QListWidget's model keeps columnCount private: one column
        columns = 1
    for row in range(model.rowCount(top)):
        for column in range(columns):
            index = model.index(row, column, QModelIndex())
            texts += [str(model.data(index, role) or "") for role in _ROLES]
    for section in range(columns):
        texts.append(str(model.headerData(section, Qt.Orientation.Horizontal) or ""))
    return texts


def widget_texts(root: QWidget) -> list[str]:
    """Texts, tooltips, accessible names and descriptions, window titles and model data of
    `root` and every widget under it."""
    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        texts += [
            widget.windowTitle(),
            widget.toolTip(),
            widget.accessibleName(),
            widget.accessibleDescription(),
            widget.statusTip(),
            widget.whatsThis(),
        ]
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit):
            texts.append(widget.text())
        if isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QComboBox):
            texts += [widget.itemText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            texts += model_texts(widget.model())
    return [t for t in texts if t]
