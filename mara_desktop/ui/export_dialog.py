"""Exporting the minutes of the meeting: choose the agencies and a folder, get checked PDFs.

The dialog only gathers the request and shows the result: the export itself (views, layout,
atomic writing, leak check, audit) is `minutes.export`, the same as the command line's.
Before it, the free-text check's findings are listed (ui/mentions_panel.py) and the export
waits until the chair has answered each one.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import CHAIR
from mara_desktop.errors import MaraError
from mara_desktop.minutes.export import (
    COMMON,
    COMMON_RECIPIENT,
    MinutesRequest,
    MinutesResult,
    WrittenCopy,
    distribution,
    export_minutes,
    find_conference,
    prepare_workers_ahead,
)
from mara_desktop.minutes.free_text import find_mentions
from mara_desktop.protocol.model import Protocol
from mara_desktop.session import Session
from mara_desktop.ui.file_dialogs import choose_folder
from mara_desktop.ui.mentions_panel import MentionsPanel, reword_hint
from mara_desktop.ui.override_dialog import OverrideDialog
from mara_desktop.ui.pdf_preview import PdfPreviewDialog, print_pdf
from mara_desktop.views.mentions import Mention

_COLUMNS = ("File", "For", "Pages", "Leak check", "Password")


def password_text(copy: WrittenCopy) -> str:
    if copy.password is None:
        return "none"
    if copy.in_keychain:
        return "kept in this computer's keychain"
    return copy.password


def _recipient(agency: str, protocol: Protocol) -> str:
    if agency == CHAIR:
        return "The chair"
    return COMMON_RECIPIENT if agency == COMMON else protocol.agency_name(agency)


class ExportDialog(QDialog):
    def __init__(self, session: Session, conference_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Export minutes — MARA Desktop")
        prepare_workers_ahead()  # loads while the chair chooses the copies
        self._session = session
        self._conference = find_conference(session, conference_id)
        self.folder: Path | None = None
        self.outcome: MinutesResult | None = None
        self.reword_case: str | None = None
        """The case whose entry the chair went back to reword (the console shows it)."""
        self.reword_item: str | None = None
        """The information to reword, when it is one: the console opens Correct entry…
        for it (an action is reworded in the Actions table)."""
        self._build()

    def _build(self) -> None:
        self._build_request()
        self._build_result()
        buttons = self._build_buttons()
        who = QGroupBox("Minutes for")
        who_layout = QVBoxLayout(who)
        who_layout.addWidget(self.agencies)
        who_layout.addWidget(self.chair_copy)
        who_layout.addWidget(self.common_copy)
        where = QHBoxLayout()
        where.addWidget(self.folder_label, 1)
        where.addWidget(self.choose_button)
        layout = QVBoxLayout(self)
        layout.addWidget(who)
        layout.addLayout(where)
        layout.addWidget(self.password)
        layout.addWidget(self.mentions, 2)
        layout.addWidget(self.progress)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.resize(760, 640)

    def _build_request(self) -> None:
        protocol = self._session.protocol
        self.agencies = QListWidget()
        self.agencies.setAccessibleName("Agencies to send minutes to")
        for agency in distribution(self._conference):
            item = QListWidgetItem(protocol.agency_name(agency))
            item.setData(Qt.ItemDataRole.UserRole, agency)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.agencies.addItem(item)
        self.chair_copy = QCheckBox("Also the chair's copy (marked not for distribution)")
        self.common_copy = QCheckBox(
            "Also one common copy, holding only what every agency present may receive"
        )
        self.common_copy.setToolTip(
            "For areas that send all partners one record. It leaves out whatever any agency "
            "present may not see, so it holds less than each agency's own copy; send it only "
            "to the agencies that were present."
        )
        self.password = QCheckBox("Protect each PDF with its own password")
        self.password.setToolTip(
            "AES-256. Each agency's password is kept in this computer's keychain where there "
            "is a secure one; otherwise it is shown once here, to send separately."
        )
        self.folder_label = QLabel("No folder chosen")
        self.folder_label.setTextFormat(Qt.TextFormat.PlainText)
        self.choose_button = QPushButton("Choose folder…")
        self.choose_button.clicked.connect(self._choose_folder)

    def _build_result(self) -> None:
        self.mentions = MentionsPanel(self._session.protocol, self._share, self)
        self.mentions.reword.connect(self._reword)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setValue(0)
        self.results = QTableWidget(0, len(_COLUMNS))
        self.results.setAccessibleName("Exported files")
        self.results.setHorizontalHeaderLabels(list(_COLUMNS))
        self.results.verticalHeader().setVisible(False)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.results.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.results.horizontalHeader().setStretchLastSection(True)
        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setEnabled(False)
        self.export_button.clicked.connect(self.export)
        self.preview_button = buttons.addButton("Preview", QDialogButtonBox.ButtonRole.ActionRole)
        self.preview_button.clicked.connect(self.preview)
        self.print_button = buttons.addButton("Print…", QDialogButtonBox.ButtonRole.ActionRole)
        self.print_button.clicked.connect(self.print_selected)
        for button in (self.preview_button, self.print_button):
            button.setEnabled(False)
        buttons.rejected.connect(self.reject)
        return buttons

    def _choose_folder(self) -> None:
        folder = choose_folder(self, "Folder for the minutes")
        if folder is not None:
            self.set_folder(folder)

    def set_folder(self, folder: Path) -> None:
        self.folder = folder
        self.folder_label.setText(str(folder))
        self.export_button.setEnabled(True)

    def chosen_agencies(self) -> tuple[str, ...]:
        chosen = [
            self.agencies.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.agencies.count())
            if self.agencies.item(row).checkState() is Qt.CheckState.Checked
        ]
        if self.chair_copy.isChecked():
            chosen.append(CHAIR)
        if self.common_copy.isChecked():
            chosen.append(COMMON)
        return tuple(chosen)

    def export(self) -> None:
        if self.folder is None:
            return
        agencies = self.chosen_agencies()
        if not self._mentions_answered(agencies):
            return
        request = MinutesRequest(
            self._conference.id,
            agencies,
            self.folder,
            password=self.password.isChecked(),
            kept_mentions=frozenset(self.mentions.kept),
        )
        self.progress.setRange(0, len(agencies))
        self.progress.setValue(0)
        self.export_button.setEnabled(False)
        try:
            self.outcome = export_minutes(self._session, request, progress=self._progressed)
        except MaraError as error:
            self.progress.setValue(0)
            self.message.setText(str(error))
            self.export_button.setEnabled(True)
            QMessageBox.warning(self, "Minutes not exported", str(error))
            return
        self._show_result(self.outcome)

    def _mentions_answered(self, agencies: tuple[str, ...]) -> bool:
        """List the free-text check's findings; True when every one has an answer."""
        self.mentions.show_mentions(find_mentions(self._session, self._conference.id, agencies))
        waiting = self.mentions.unanswered()
        if waiting:
            self.message.setText(
                f"Nothing was exported: {waiting} of the entries listed above "
                f"{'waits' if waiting == 1 else 'wait'} for your answer. Reword, share "
                "without consent, or keep as written; then press Export."
            )
        return not waiting

    def _share(self, mention: Mention) -> bool:
        """The override dialog for the finding's information and agency; the findings are
        looked for again once one is recorded (what it shares is no longer withheld)."""
        dialog = OverrideDialog(
            self._session,
            mention.case_id,
            self,
            categories=[mention.withheld_category],
            agencies=list(mention.audience),
        )
        if not dialog.exec():
            return False
        self._mentions_answered(self.chosen_agencies())
        return True

    def _reword(self, mention: Mention) -> None:
        """Back to the console, at the case, to reword the entry; nothing is exported."""
        QMessageBox.information(self, "Reword the entry", reword_hint(mention))
        self.reword_case = mention.case_id
        self.reword_item = mention.entry_id if mention.entry_kind == "item" else None
        self.reject()

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.repaint()

    def _show_result(self, result: MinutesResult) -> None:
        protocol = self._session.protocol
        self.results.setRowCount(len(result.copies))
        for row, copy in enumerate(result.copies):
            agency = copy.entry.agency
            cells = (
                copy.path.name,
                _recipient(agency, protocol),
                str(copy.entry.pages),
                "passed",
                password_text(copy),
            )
            for column, text in enumerate(cells):
                self.results.setItem(row, column, QTableWidgetItem(text))
        self.results.selectRow(0)
        count = len(result.copies)
        self.message.setText(
            f"{count} {'PDF' if count == 1 else 'PDFs'} written and checked for leaks, with "
            f"manifest.json, in {self.folder}."
        )
        for button in (self.preview_button, self.print_button):
            button.setEnabled(bool(result.copies))

    def _selected(self) -> WrittenCopy | None:
        if self.outcome is None or not self.outcome.copies:
            return None
        row = max(0, self.results.currentRow())
        return self.outcome.copies[row]

    def preview(self) -> None:
        copy = self._selected()
        if copy is not None:
            PdfPreviewDialog(copy.path, copy.password, self).exec()

    def print_selected(self) -> None:
        copy = self._selected()
        if copy is not None:
            print_pdf(copy.path, copy.password, self)
