"""Case file ▸ Breach log…: the MARAC's record of personal data breaches, and a new one.

A breach is recorded in the chair's words: what happened, when (if known), when it was
found, and who was told: the data protection authority, the people affected, the data
protection officer. Those words may name the people touched, so they stay in the
encrypted file: the audit log records only that breach number N was recorded, with its
dates. A record is never changed; a later one adds what was learnt or done since.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTableWidgetItem,
    QWidget,
)

from mara_desktop.domain import when_text
from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import heading, note, write_or_say_why
from mara_desktop.ui.record_list import RecordForm, RecordList, chosen_day, day_field

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


class BreachLogDialog(RecordList):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self.empty = note("No breach has been recorded.", "No breaches")
        super().__init__(
            session,
            parent,
            title=(TITLE, "Breach log"),
            about=(
                "Every personal data breach the MARAC has found: information sent to the wrong "
                "person, a lost laptop or paper copy, a screen seen by someone who should not "
                "have. Tell the data protection officer at once: the authority may have to be "
                "told within days. A record is never changed; record what happened later as "
                "a new one.",
                "About the breach log",
            ),
            columns=_COLUMNS,
            stretch=(3, 4),
            record_label="Record a breach…",
            below=(self.empty,),
        )
        self.setMinimumWidth(900)
        self.show_filled()

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

    def form(self) -> QDialog:
        return BreachDialog(self._session, self)


class BreachDialog(RecordForm):
    """One breach; accepted once it is recorded."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        words = "Record a breach"
        super().__init__(session, parent, today, title=RECORD_TITLE, width=640, words=words)
        self.what = QPlainTextEdit()
        self.what.setAccessibleName("What happened")
        self.what.setPlaceholderText(
            "What happened, what information, how many people; what was done to contain it"
        )
        self.what.setTabChangesFocus(True)
        self.happened_known = QCheckBox("Known:")
        self.happened_known.setAccessibleName("When it happened is known")
        self.happened_on = day_field("When it happened", self._today, self._today)
        self.happened_on.setEnabled(False)
        self.happened_known.toggled.connect(self.happened_on.setEnabled)
        happened = QHBoxLayout()
        happened.addWidget(self.happened_known)
        happened.addWidget(self.happened_on)
        happened.addStretch()
        self.found_on = day_field("When it was found", self._today, self._today)
        form = QFormLayout()
        form.addRow("What happened:", self.what)
        form.addRow("When it happened:", happened)
        form.addRow("When it was found:", self.found_on)
        self.body.addLayout(form)
        self.body.addWidget(heading("Who was told"))
        self.told = {key: QLineEdit() for key, _ in TOLD}
        told = QFormLayout()
        for key, label in TOLD:
            field = self.told[key]
            field.setAccessibleName(label.rstrip(":"))
            field.setPlaceholderText("told when and how, or why not")
            told.addRow(label, field)
        self.body.addLayout(told)
        self.finish("Record breach")

    def record(self) -> None:
        known = self.happened_known.isChecked()
        told = told_text({key: field.text() for key, field in self.told.items()})

        def record() -> None:
            what, found_on = self.what.toPlainText(), chosen_day(self.found_on)
            happened_on = chosen_day(self.happened_on) if known else None
            self._session.record_breach(what, happened_on, found_on, told, today=self._today)

        fields = {"what": self.what, "happened_on": self.happened_on, "found_on": self.found_on}
        write_or_say_why(self, self.problem, record, fields)
