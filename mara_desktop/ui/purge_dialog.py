"""Purge case…: a case the protocol no longer lets the MARAC keep, removed for good.

Nothing can bring it back, so the dialog asks twice, as the command line does: the file's
passphrase typed again (checked against the open file, never a remembered key) and the
case's reference typed to confirm. The session refuses a case still open or on a coming
agenda; either refusal is said on the problem line and nothing is changed. Once purged,
`report` names the copies made before (backups, exports) for the chair to deal with.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from mara_desktop.session import Session
from mara_desktop.session.closing import Kept, PurgeReport
from mara_desktop.ui.dialog_parts import StatusLine, heading, note, record_row, write_or_say_why

TITLE = "Purge case — MARA Desktop"


class PurgeDialog(QDialog):
    """Accepted once the case is purged; `report` then says what the chair must still do."""

    def __init__(self, session: Session, case: Kept, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.case = session, case
        self.report: PurgeReport | None = None
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(540)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Purge case — {case.reference}"))
        layout.addWidget(
            note(
                "Everything of this case goes from the case file: its people, information, "
                "actions, consent and override records, their history and its place on past "
                "agendas. It cannot be undone. The audit log keeps only its id and dates.",
                "What a purge does",
            )
        )
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setAccessibleName("Passphrase of the case file")
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Reference of the case, to confirm")
        self.reference.setPlaceholderText("Type the reference shown above")
        form = QFormLayout()
        form.addRow("&Passphrase, again:", self.passphrase)
        form.addRow("Case &reference:", self.reference)
        layout.addLayout(form)
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        self.purge_button = record_row(self, layout, "Purge case", self.purge)
        self.passphrase.setFocus()

    def purge(self) -> None:
        def write() -> None:
            self.report = self.session.purge(
                self.case.case_id,
                passphrase=self.passphrase.text(),
                reference=self.reference.text(),
            )

        write_or_say_why(self, self.problem, write)
        self.passphrase.clear()
