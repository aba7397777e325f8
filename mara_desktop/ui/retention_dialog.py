"""Retention… (Case file menu): the cases kept longer than the protocol allows, to purge,
and apart the open cases nobody has heard for a year, to close or keep.

The lists name cases by reference (the chair sees everything) and say when each closed
and when it was last heard. Purge case… is offered only for a case due for purging: a
case the protocol would still keep is purged, if ever, from the command line, where the
data protection officer's reasons can be given (docs/guide.md). Close case… opens the
console's closing dialog; a case left open is kept, and listed again next time until it
is heard. Once a case is purged, the problem line says which copies made before it still
hold it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.errors import MaraError
from mara_desktop.session import Session
from mara_desktop.session.closing import Kept, purge_summary
from mara_desktop.ui.close_case_dialog import CloseCaseDialog
from mara_desktop.ui.dates import day_words
from mara_desktop.ui.dialog_parts import StatusLine, close_row, heading, note
from mara_desktop.ui.purge_dialog import PurgeDialog

TITLE = "Retention — MARA Desktop"
NO_PERIOD = (
    "The protocol sets no retention period, so no case is due for purging. Ask the MARAC "
    "steering group to set one (retention_years)."
)


def due_label(k: Kept) -> str:
    heard = f", last heard {day_words(k.last_heard)}" if k.last_heard else ""
    return f"{k.reference} — {k.status.value} on {day_words(k.closed_on)}{heard}"


def open_label(k: Kept) -> str:
    heard = f"last heard {day_words(k.last_heard)}" if k.last_heard else "never heard"
    return f"{k.reference} — open, {heard}"


class RetentionDialog(QDialog):
    """`changed` once a case was closed or purged (the console reads its meeting again)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(TITLE)
        self.setMinimumSize(640, 520)
        self._session = session
        self.changed = False
        self._kept: dict[str, Kept] = {}
        self.period = note("", "Retention period")
        self.due = self._list("Due for purging")
        self.purge_button = self._button("&Purge case…", self.purge)
        self.not_heard = self._list("Open, not heard for a year")
        self.close_button = self._button("&Close case…", self.close_case)
        self.problem = StatusLine("Outcome")
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Retention and purging"))
        layout.addWidget(self.period)
        layout.addWidget(self._box("Due for purging", self.due, self.purge_button), 1)
        layout.addWidget(
            self._box("Open cases not heard for a year", self.not_heard, self.close_button), 1
        )
        layout.addWidget(
            note("Leave a case open to keep it; it is listed here until it is heard.", "Keep")
        )
        layout.addWidget(self.problem)
        layout.addWidget(close_row(self))
        self.fill()

    def _list(self, name: str) -> QListWidget:
        found = QListWidget()
        found.setAccessibleName(name)
        found.currentRowChanged.connect(lambda _row: self._enable())
        return found

    @staticmethod
    def _button(text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    @staticmethod
    def _box(title: str, found: QListWidget, button: QPushButton) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(found, 1)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(button)
        inner.addLayout(row)
        return box

    def fill(self) -> None:
        found = self._session.retention()
        self.period.setText(
            NO_PERIOD
            if found.years is None
            else f"The protocol keeps a case {found.years} years after it is closed or "
            "transferred; then it is due for purging."
        )
        self._kept = {k.case_id: k for k in [*found.due, *found.not_heard]}
        for widget, entries, label, empty in (
            (self.due, found.due, due_label, "No case is due for purging."),
            (self.not_heard, found.not_heard, open_label, "Every open case was heard this year."),
        ):
            widget.clear()
            for k in entries:
                item = QListWidgetItem(label(k))
                item.setData(Qt.ItemDataRole.UserRole, k.case_id)
                widget.addItem(item)
            if not entries:
                placeholder = QListWidgetItem(empty)
                placeholder.setFlags(Qt.ItemFlag.NoItemFlags)
                widget.addItem(placeholder)
        self._enable()

    def _chosen(self, widget: QListWidget) -> Kept | None:
        item = widget.currentItem()
        case_id = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return self._kept.get(case_id) if isinstance(case_id, str) else None

    def _enable(self) -> None:
        self.purge_button.setEnabled(self._chosen(self.due) is not None)
        self.close_button.setEnabled(self._chosen(self.not_heard) is not None)

    def purge(self) -> None:
        case = self._chosen(self.due)
        if case is None:
            return
        dialog = PurgeDialog(self._session, case, self)
        if dialog.exec() and dialog.report is not None:
            self.changed = True
            self.problem.good("\n".join(purge_summary(dialog.report, case.reference)))
            self._refill()

    def close_case(self) -> None:
        case = self._chosen(self.not_heard)
        if case is not None and CloseCaseDialog(self._session, case.case_id, self).exec():
            self.changed = True
            self.problem.good(f"Closed case {case.reference}.")
            self._refill()

    def _refill(self) -> None:
        try:
            self.fill()
        except MaraError as error:
            self.problem.problem(str(error))
