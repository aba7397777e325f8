"""Meeting ▸ Action log…: every action across cases and meetings, for the chair.

The chair sees every action (the chair's audience), narrowed by owning agency, overdue and
status, each with its printed reference (the one every copy of the minutes shows) and its
latest progress report. "Update…" records a report the chair types (someone rang, or the
chair decides an agency did not act): it is kept beside the earlier ones, never over them,
and audited. Agencies' own logs are made with `mara-desktop actions --agency` (docs/actions.md).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import ActionStatus, Audience, when_text
from mara_desktop.errors import MaraError
from mara_desktop.session import Session
from mara_desktop.ui.case_models import Index
from mara_desktop.ui.dates import DAY_FORMAT
from mara_desktop.ui.dialog_parts import (
    StatusLine,
    close_row,
    fit_to_screen,
    heading,
    note,
    waiting,
)
from mara_desktop.views.action_log import ActionLogEntry, LogFilter

TITLE = "Action log — MARA Desktop"
COLUMNS = ("Ref.", "Case", "Agency", "Action", "Due", "Status", "Latest update")
_DISPLAY = int(Qt.ItemDataRole.DisplayRole)


def _day(value: date | None) -> str:
    return when_text(value) if value else "None"


def latest_text(entry: ActionLogEntry) -> str:
    latest = entry.latest
    if latest is None:
        return "None yet"
    said = f": {latest.note}" if latest.note else ""
    return f"{_day(latest.updated_on)}, {latest.updated_by}{said}"


def row_texts(entry: ActionLogEntry) -> tuple[str, ...]:
    """What an entry's row shows, in COLUMNS order."""
    action = entry.action
    status = f"{action.status.label} (overdue)" if action.overdue else action.status.label
    owner = action.owner_agency_name + (f" ({action.owner_name})" if action.owner_name else "")
    return (action.reference, entry.case_reference, owner, action.text, _day(action.due),
            status, latest_text(entry))  # fmt: skip


class ActionLogModel(QAbstractTableModel):
    """The log's entries as the filters narrow it. A row's texts are worked out when Qt
    first asks for them: a file kept for years holds tens of thousands of actions, and a
    table of items made for every one of them took seconds to fill, of which a screen
    shows thirty."""

    def __init__(self) -> None:
        super().__init__()
        self.entries: list[ActionLogEntry] = []
        self._texts: dict[int, tuple[str, ...]] = {}

    def show(self, entries: list[ActionLogEntry]) -> None:
        self.beginResetModel()
        self.entries, self._texts = entries, {}
        self.endResetModel()

    def replace(self, row: int, entry: ActionLogEntry) -> None:
        self.entries[row] = entry
        self._texts.pop(row, None)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> str | None:
        if orientation is Qt.Orientation.Horizontal and role == _DISPLAY:
            return COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> str | None:
        if role != _DISPLAY or not index.isValid():
            return None
        row = index.row()
        texts = self._texts.get(row)
        if texts is None:
            texts = self._texts[row] = row_texts(self.entries[row])
        return texts[index.column()]


class ActionLogDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self._log: list[ActionLogEntry] = []
        """The whole log, as read when the window opened."""
        self.model = ActionLogModel()
        self.setWindowTitle(TITLE)
        self.setMinimumSize(900, 500)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Action log"))
        layout.addWidget(
            note(
                "Every action agreed at any meeting, on every case. Name an action by its "
                "reference: it is the same in every agency's minutes.",
                "About the action log",
            )
        )
        filters = QHBoxLayout()
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency")
        self.agency.addItem("Every agency", None)
        for agency in session.protocol.agencies:
            self.agency.addItem(agency.name, agency.id)
        self.status = QComboBox()
        self.status.setAccessibleName("Status")
        self.status.addItem("Any status", None)
        for status in ActionStatus:
            self.status.addItem(status.label, status.value)  # Qt hands back a plain str
        self.overdue = QCheckBox("Overdue only")
        for label, widget in (("Agency:", self.agency), ("Status:", self.status)):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.overdue)
        filters.addStretch(1)
        layout.addLayout(filters)
        self.table = self._actions_table()
        layout.addWidget(self.table, 1)
        self.problem = StatusLine("Why the log cannot be shown")
        layout.addWidget(self.problem)
        self.update_button = QPushButton("Update…")
        self.update_button.setAccessibleName("Record a progress update on the selected action")
        self.update_button.clicked.connect(self.update_selected)
        layout.addWidget(close_row(self, self.update_button))
        self.agency.currentIndexChanged.connect(self._show)
        self.status.currentIndexChanged.connect(self._show)
        self.overdue.toggled.connect(self._show)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.reload()
        fit_to_screen(self)

    @property
    def entries(self) -> list[ActionLogEntry]:
        """What the table shows: the log narrowed by the filters."""
        return self.model.entries

    def _actions_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setAccessibleName("Actions, the earliest due first")
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.verticalHeader().hide()
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(6, QHeaderView.ResizeMode.Stretch)
        # Rows are as high as their wrapped text, which depends on the columns' widths:
        # fitted again once the widths settle (the window shown or resized), not on each
        # step of a resize; and only the rows on screen, as they come into view, since
        # fitting every row of a long log took a second.
        self._fit_rows = QTimer(self, singleShot=True, interval=0)
        self._fit_rows.timeout.connect(self._fit_rows_in_view)
        header.sectionResized.connect(self._fit_rows_soon)
        table.verticalScrollBar().valueChanged.connect(self._fit_rows_soon)
        return table

    def _fit_rows_soon(self, *_signal_arguments: int) -> None:
        """Once the widths settle. (Connected straight to QTimer.start, a signal's first
        number became the timer's interval: a scroll to row 20,000 waited 20 seconds.)"""
        self._fit_rows.start()

    def _fit_rows_in_view(self) -> None:
        """Fit the rows from the top one shown to as many as the view could hold were each
        as low as a row may be: every row that can be in view once they are fitted."""
        top = self.table.rowAt(0)
        if top < 0:
            return
        lowest = max(1, self.table.verticalHeader().minimumSectionSize())
        most = self.table.viewport().height() // lowest
        for row in range(top, min(top + most + 1, self.model.rowCount())):
            self.table.resizeRowToContents(row)

    def reload(self) -> None:
        """Read the whole log: when the window opens, and when another program changed the
        file. Narrowing it and recording a report do not read it again: at 20,000 cases it
        takes seconds."""
        try:
            with waiting():
                self._log = self.session.action_log(Audience.chair(), date.today())
        except MaraError as error:
            self._log = []
            self.problem.problem(str(error))
        else:
            self.problem.clear()
        self._show()

    def _narrowed(self) -> LogFilter:
        status = self.status.currentData()
        return LogFilter(
            owner=self.agency.currentData(),
            overdue=self.overdue.isChecked(),
            status=None if status is None else ActionStatus(status),
        )

    def _show(self) -> None:
        narrowed = self._narrowed()
        self.model.show([entry for entry in self._log if narrowed.keeps(entry)])
        for column in (0, 1, 4):  # as wide as the rows on screen and a thousand more
            self.table.resizeColumnToContents(column)
        metrics = self.table.fontMetrics()  # long agency names and statuses wrap
        self.table.setColumnWidth(2, metrics.horizontalAdvance("Children's social care  "))
        self.table.setColumnWidth(5, metrics.horizontalAdvance("Not possible: change of "))
        self._fit_rows.start()
        self._selection_changed()

    def _show_again(self, reported: ActionLogEntry) -> None:
        """After a report on `reported`: its entry read again, the rest kept."""
        try:
            entry = self.session.action_log_entry(reported.key, date.today())
        except MaraError:  # gone meanwhile (another program changed the file): read it all
            self.reload()
            return
        at, row = _place(self._log, entry), _place(self.entries, entry)
        if at is None or row is None:  # the log was read again while the report was typed
            self.reload()
            return
        self._log[at] = entry
        if not self._narrowed().keeps(entry):
            self._show()
            return
        self.model.replace(row, entry)
        self.table.resizeRowToContents(row)

    def selected(self) -> ActionLogEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        self.update_button.setEnabled(self.selected() is not None)

    def update_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        dialog = UpdateDialog(self.session, entry, self)
        if dialog.exec():
            self._show_again(entry)


def _place(entries: list[ActionLogEntry], entry: ActionLogEntry) -> int | None:
    """Where the same action as `entry` stands in `entries`, if it does."""
    same = (entry.case_id, entry.action.id)
    return next((i for i, e in enumerate(entries) if (e.case_id, e.action.id) == same), None)


class UpdateDialog(QDialog):
    """A progress report the chair types: status, what happened, who said so, and when."""

    def __init__(self, session: Session, entry: ActionLogEntry, parent: QWidget) -> None:
        super().__init__(parent)
        self.session = session
        self.entry = entry
        self.setWindowTitle(f"Update action {entry.action.reference} — MARA Desktop")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Update action {entry.action.reference}"))
        layout.addWidget(note(entry.action.text, "The action"))
        form = QFormLayout()
        self.status = QComboBox()
        for status in ActionStatus:
            self.status.addItem(status.label, status.value)
        self.status.setCurrentIndex(list(ActionStatus).index(entry.action.status))
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("What happened")
        self.by = QLineEdit()
        self.by.setAccessibleName("Reported by")
        self.by.setPlaceholderText("Name and agency, e.g. J. Smith, Housing")
        self.on = QDateEdit(QDate.currentDate())
        self.on.setCalendarPopup(True)
        self.on.setDisplayFormat(DAY_FORMAT)
        form.addRow("Status:", self.status)
        form.addRow("What happened:", self.note)
        form.addRow("Reported by:", self.by)
        form.addRow("Reported on:", self.on)
        layout.addLayout(form)
        self.problem = StatusLine("Why the update cannot be recorded")
        layout.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.record_button = buttons.addButton("Record", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.record)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self)

    def record(self) -> None:
        on = self.on.date()
        try:
            self.session.record_typed_update(
                self.entry.key,
                ActionStatus(self.status.currentData()),
                self.note.toPlainText(),
                self.by.text(),
                date(on.year(), on.month(), on.day()),
            )
        except MaraError as error:
            self.problem.problem(_sentence(str(error)))
            return
        self.accept()


def _sentence(text: str) -> str:
    """Messages name the pinned CSV columns; the window names its own fields."""
    text = text.replace("updated_by", "Reported by").replace("updated_on", "Reported on")
    return text[:1].upper() + text[1:]
