"""Case ▸ Subject access request…: what the case holds about one of its people, reviewed by
the chair before it is released.

The chair picks the person, reads the entries (those naming other people flagged), records
a reason for each entry to withhold (or releases it again), then saves the release to a
folder: the PDF and JSON `mara-desktop sar` writes, made by the same code. The draft comes
from the session; each decision is recorded and audited there, and the table is read again
from it. For a perpetrator the draft already lacks whatever would find or reach anyone
else, and the dialog says so. The window title names no one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from mara_desktop.domain import Audience
from mara_desktop.domain.withholding import REASONS
from mara_desktop.errors import MaraError
from mara_desktop.minutes.subject_access_export import write_subject_access
from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import StatusLine, case_dialog_top, close_row, note
from mara_desktop.ui.file_dialogs import choose_folder
from mara_desktop.views.subject_access import SubjectAccess
from mara_desktop.views.subject_release import NO_LOCATING, PERPETRATOR_RULE

TITLE = "Subject access request — MARA Desktop"
COLUMNS = ("Entry", "From", "Category", "What it says", "Review", "Withheld")
WRAPPED = {1: 150, 2: 170, 5: 170}
"""Columns (From, Category, Withheld) given a width of their own, their text wrapped within it: the
table fits a 1024-pixel screen with the text column wide enough to read."""
FLAG = "Names other people"
RELEASE = "Not withheld"
ABOUT = (
    "Everything the case file holds about one person, for their request to see it. Read the "
    "entries flagged as naming other people; record a reason for any entry to withhold; then "
    "save the release (a PDF and a JSON) for the reviewer.",
    "About subject access requests",
)


class SubjectAccessDialog(QDialog):
    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.case_id = case_id
        self.draft: SubjectAccess | None = None
        self.saved: tuple[Path, Path] | None = None
        layout = case_dialog_top(
            self, session, case_id, title=TITLE, width=860, what="Subject access", about=ABOUT
        )
        self.person = QComboBox()
        self.person.setAccessibleName("Person asking")
        for person in session.case_view(case_id, Audience.chair()).people:
            self.person.addItem(f"{person.name or person.label} ({person.role.label})", person.id)
        form = QFormLayout()
        form.addRow("Person asking:", self.person)
        layout.addLayout(form)
        self.rule = note("", "What the request leaves out by rule")
        layout.addWidget(self.rule)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Entries held about the person")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column, width in WRAPPED.items():  # long agency and category names wrap
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # follows the widths
        rows.setVisible(False)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._reason_row())
        self.status = StatusLine("What happened")
        layout.addWidget(self.status)
        self.save_button = QPushButton("Save release…")
        self.save_button.setToolTip("Write the PDF and the JSON into a folder you choose")
        self.save_button.clicked.connect(self.save)
        layout.addWidget(close_row(self, self.save_button))
        self.person.currentIndexChanged.connect(self._read)
        self.table.itemSelectionChanged.connect(self._selected)
        self._read()

    def _reason_row(self) -> QHBoxLayout:
        self.reason = QComboBox()
        self.reason.setAccessibleName("Reason to withhold the entry")
        self.reason.addItem(RELEASE, "")
        for reason in REASONS:
            self.reason.addItem(reason.label, reason.id)
        self.words = QLineEdit()
        self.words.setAccessibleName("The reason in your own words")
        self.words.setPlaceholderText("The reason in your own words")
        self.record_button = QPushButton("Record")
        self.record_button.setToolTip("Record this decision for the entry selected above")
        self.record_button.clicked.connect(self.record)
        self.reason.currentIndexChanged.connect(self._typed)
        row = QHBoxLayout()
        row.addWidget(QLabel("Selected entry:"))
        row.addWidget(self.reason, 1)
        row.addWidget(self.words, 1)
        row.addWidget(self.record_button)
        self._typed()
        return row

    @property
    def person_id(self) -> str:
        return str(self.person.currentData())

    def _read(self) -> None:
        try:
            self._show(self.session.subject_access(self.case_id, self.person_id))
        except MaraError as error:
            self.status.problem(str(error))

    def _show(self, draft: SubjectAccess) -> None:
        self.draft = draft
        notes = ([PERPETRATOR_RULE] if draft.perpetrator else []) + (
            [] if draft.locating_marked else [NO_LOCATING]
        )
        self.rule.setText(" ".join(notes))
        self.rule.setVisible(bool(notes))
        self.table.setRowCount(len(draft.entries))
        for row, entry in enumerate(draft.entries):
            withheld = entry.withholding.text if entry.withholding else ""
            cells = (
                entry.id,
                entry.source_name,
                entry.category_name,
                entry.text,
                FLAG if entry.names_others else "",
                withheld,
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self._selected()

    def _typed(self) -> None:
        found = next((r for r in REASONS if r.id == self.reason.currentData()), None)
        self.words.setEnabled(found is not None and found.typed)

    def _selected(self) -> None:
        """The entry's decision so far shows in the reason box, ready to change."""
        rows = {index.row() for index in self.table.selectedIndexes()}
        self.record_button.setEnabled(bool(rows))
        if not rows or self.draft is None:
            return
        held = self.draft.entries[min(rows)].withholding
        self.reason.setCurrentIndex(self.reason.findData(held.reason if held else ""))
        self.words.setText(held.note if held else "")

    def select_entry(self, entry_id: str) -> None:
        """Select the row of `entry_id` (what a click on it does)."""
        for row in range(self.table.rowCount()):
            cell = self.table.item(row, 0)
            if cell is not None and cell.text() == entry_id:
                self.table.selectRow(row)

    def record(self) -> None:
        rows = {index.row() for index in self.table.selectedIndexes()}
        if not rows or self.draft is None:
            return
        entry = self.draft.entries[min(rows)]
        reason = self.reason.currentData() or None
        try:
            draft = self.session.withhold_from_subject(
                self.case_id, self.person_id, entry.id, reason, self.words.text()
            )
        except MaraError as error:
            self.status.problem(str(error))
            return
        self._show(draft)
        self.select_entry(entry.id)
        said = "released again" if reason is None else "withheld"
        self.status.good(f"Entry {entry.id} {said}.")

    def save(self) -> None:
        folder = choose_folder(self, "Save the subject access release")
        if folder is None:
            return
        try:
            written = write_subject_access(self.session, self.case_id, self.person_id, folder)
        except MaraError as error:
            self.status.problem(str(error))
            return
        self.saved = (written.pdf, written.json)
        review = len(self.draft.marked) if self.draft else 0
        self.status.good(
            f"Saved in {folder}: {written.pdf.name} ({written.pages} pages) and "
            f"{written.json.name}. {written.released} entries released, {written.withheld} "
            f"withheld, {review} to read before release. Only you can open these files."
        )
