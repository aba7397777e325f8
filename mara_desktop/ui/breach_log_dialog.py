"""Case file ▸ Breach log…: the MARAC's record of personal data breaches, and a new one.

A breach is recorded in the chair's words: what happened, when (if known), when it was
found, and who was told: the data protection authority, the people affected, the data
protection officer. Those words may name the people touched, so they stay in the
encrypted file: the audit log records only that breach number N was recorded, with its
dates. A record is never changed; a later one adds what was learnt or done since.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import when_text
from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import (
    StatusLine,
    fit_to_screen,
    heading,
    note,
    record_row,
    write_or_say_why,
)

TITLE = "Breach log — MARA Desktop"
RECORD_TITLE = "Record a breach — MARA Desktop"
_COLUMNS = ("No.", "Found", "Happened", "What happened", "Who was told")
TOLD = (
    ("authority", "Data protection authority:"),
    ("affected", "People affected:"),
    ("dpo", "Data protection officer:"),
)
"""Who must be considered for telling, each answered in words ("told 3 Dec by phone",
"not told: no risk to them"); the answers are kept together as one text."""


def told_text(answers: dict[str, str]) -> str:
    """The answers as the log keeps them: one line each, the unanswered left out."""
    return "\n".join(
        f"{label} {answers[key].strip()}" for key, label in TOLD if answers.get(key, "").strip()
    )


class BreachLogDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(900)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Breach log"))
        layout.addWidget(
            note(
                "Every personal data breach the MARAC has found: information sent to the wrong "
                "person, a lost laptop or paper copy, a screen seen by someone who should not "
                "have. Tell the data protection officer at once: the authority may have to be "
                "told within days. A record is never changed; record what happened later as "
                "a new one.",
                "About the breach log",
            )
        )
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setAccessibleName("Breaches recorded")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        self.empty = note("No breach has been recorded.", "No breaches")
        layout.addWidget(self.empty)
        self.record_button = QPushButton("Record a breach…")
        self.record_button.clicked.connect(self.record_breach)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fill()
        fit_to_screen(self)

    def fill(self) -> None:
        breaches = self._session.breaches()
        self.table.setRowCount(len(breaches))
        for row, b in enumerate(reversed(breaches)):  # the newest first
            cells = (
                str(b.seq),
                when_text(b.found_on),
                when_text(b.happened_on) if b.happened_on else "not known",
                b.what,
                b.told or "nobody recorded yet",
            )
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.empty.setVisible(not breaches)

    def record_breach(self) -> None:
        dialog = BreachDialog(self._session, self)
        if dialog.exec():
            self.fill()


class BreachDialog(QDialog):
    """One breach; accepted once it is recorded."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._today = today or date.today()
        self.setWindowTitle(RECORD_TITLE)
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Record a breach"))
        self.what = QPlainTextEdit()
        self.what.setAccessibleName("What happened")
        self.what.setPlaceholderText(
            "What happened, what information, how many people; what was done to contain it"
        )
        self.what.setTabChangesFocus(True)
        self.happened_known = QCheckBox("Known:")
        self.happened_known.setAccessibleName("When it happened is known")
        self.happened_on = self._date("When it happened")
        self.happened_on.setEnabled(False)
        self.happened_known.toggled.connect(self.happened_on.setEnabled)
        happened = QHBoxLayout()
        happened.addWidget(self.happened_known)
        happened.addWidget(self.happened_on)
        happened.addStretch()
        self.found_on = self._date("When it was found")
        self.told = {key: QLineEdit() for key, _ in TOLD}
        form = QFormLayout()
        form.addRow("What happened:", self.what)
        form.addRow("When it happened:", happened)
        form.addRow("When it was found:", self.found_on)
        layout.addLayout(form)
        layout.addWidget(heading("Who was told"))
        told = QFormLayout()
        for key, label in TOLD:
            field = self.told[key]
            field.setAccessibleName(label.rstrip(":"))
            field.setPlaceholderText("told when and how, or why not")
            told.addRow(label, field)
        layout.addLayout(told)
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        self.record_button = record_row(self, layout, "Record breach", self.record)

    def _date(self, name: str) -> QDateEdit:
        edit = QDateEdit(QDate(self._today.year, self._today.month, self._today.day))
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    def record(self) -> None:
        found_on = self.found_on.date().toPython()
        happened_on = (
            self.happened_on.date().toPython() if self.happened_known.isChecked() else None
        )
        assert isinstance(found_on, date)
        assert happened_on is None or isinstance(happened_on, date)
        told = told_text({key: field.text() for key, field in self.told.items()})

        def record() -> None:
            what = self.what.toPlainText()
            self._session.record_breach(what, happened_on, found_on, told, today=self._today)

        fields = {"what": self.what, "happened_on": self.happened_on, "found_on": self.found_on}
        write_or_say_why(self, self.problem, record, fields)
