"""Choosing a case to add to an agenda (Agenda ▸ Add case…): the file's cases not on it,
by reference, those due for review first, narrowed by typing part of a reference.

The chair's console shows references, as the agenda does; the list comes from the session
(`agenda_candidates`), never from the store.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import when_text
from mara_desktop.session import Candidate, case_kind
from mara_desktop.ui.dialog_parts import note

TITLE = "Add a case — MARA Desktop"


def candidate_label(candidate: Candidate, *, say_due: bool = True) -> str:
    """The case as the chair picks it: reference, kind, when last heard and, unless in a
    list of cases due for review (`say_due` False), whether it is due."""
    text = f"{candidate.reference} ({case_kind(candidate.children_involved)})"
    if candidate.last_heard is not None:
        text += f", last heard {when_text(candidate.last_heard)}"
    return text + (" — due for review" if candidate.due and say_due else "")


class CasePicker(QDialog):
    """Accepted with a case chosen: `chosen` is its id."""

    def __init__(self, candidates: list[Candidate], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumSize(460, 360)
        self.chosen: str | None = None
        self.filter = QLineEdit()
        self.filter.setAccessibleName("Find a reference")
        self.filter.setPlaceholderText("Type part of the reference…")
        self.filter.setClearButtonEnabled(True)
        self.filter.textChanged.connect(self._narrow)
        self.cases = QListWidget()
        self.cases.setAccessibleName("Cases not on the agenda")
        for candidate in candidates:
            item = QListWidgetItem(candidate_label(candidate))
            item.setData(Qt.ItemDataRole.UserRole, candidate.case_id)
            item.setData(Qt.ItemDataRole.UserRole + 1, candidate.reference.casefold())
            self.cases.addItem(item)
        self.cases.itemActivated.connect(lambda _item: self._choose())
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Add to the agenda")
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(
            note(
                "Cases of this case file not on the agenda. Those 12 months or more since "
                "their last hearing come first.",
                "About the list",
            )
        )
        layout.addWidget(self.filter)
        layout.addWidget(self.cases, 1)
        layout.addWidget(self.buttons)
        self.cases.setCurrentRow(0)
        self.filter.setFocus()

    def _narrow(self, text: str) -> None:
        wanted = text.strip().casefold()
        first = None
        for row in range(self.cases.count()):
            item = self.cases.item(row)
            hidden = wanted not in str(item.data(Qt.ItemDataRole.UserRole + 1))
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        self.cases.setCurrentRow(first if first is not None else -1)

    def _choose(self) -> None:
        item = self.cases.currentItem()
        if item is not None and not item.isHidden():
            self.chosen = str(item.data(Qt.ItemDataRole.UserRole))
            self.accept()
