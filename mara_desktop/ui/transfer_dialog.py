"""Case ▸ Transfer to another area…: the case being heard, as a new encrypted file for the
MARAC of the area the victim moved to, as `mara-desktop transfer` makes it.

The chair names the receiving area, chooses where to save the pack (in the app's own file
dialog, which keeps no history; the name offered is neutral, "transfer-" and the date, never
the case's reference or a name) and types the pack's own passphrase twice. The session
refuses what cannot be done (a case already transferred, the case file's own passphrase, a
weak one) in one sentence on the problem line, and nothing is written; once done, the
console shows the case transferred.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from mara_desktop.domain import Audience, CaseStatus
from mara_desktop.session import Session, TransferRefused
from mara_desktop.ui.dialog_parts import (
    StatusLine,
    case_dialog_top,
    record_row,
    write_or_say_why,
)
from mara_desktop.ui.file_dialogs import choose_new_pack_file

TITLE = "Transfer to another area — MARA Desktop"
ABOUT = (
    "When the victim moves, her case goes to the MARAC of her new area. This writes a new "
    "encrypted file holding this case alone (its people, information, actions, consent and "
    "override history, and the audit records about it) under a passphrase of its own, not "
    "this file's. Here the case is then marked transferred, closed today. Send the file and "
    "its passphrase to the receiving area by different routes."
)
NO_AREA = "Type the name of the area the case goes to."
NO_PLACE = "Choose where to save the transfer file."
DIFFERENT = "The two passphrases differ; type the same one twice."


def suggested_name(today: date) -> str:
    """A name that says nothing of the case: the pack may sit in a shared folder."""
    return f"transfer-{today.isoformat()}.mara"


class TransferDialog(QDialog):
    """Accepted once the pack is written and the case marked transferred; `outcome` then
    says what was done, for the console to tell the chair."""

    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._case_id = case_id
        self.outcome = ""
        self.pack: Path | None = None
        layout = case_dialog_top(
            self,
            session,
            case_id,
            title=TITLE,
            width=560,
            what="Transfer to another area",
            about=(ABOUT, "About a transfer"),
        )
        self.area = QLineEdit()
        self.area.setAccessibleName("Receiving area")
        self.area.setPlaceholderText("The MARAC the case goes to")
        self.place = QLabel("Not chosen yet")
        self.place.setAccessibleName("Where the transfer file is saved")
        self.choose = QPushButton("Choose…")
        self.choose.setAccessibleName("Choose where to save the transfer file")
        self.choose.clicked.connect(self.choose_place)
        self.choose.setAutoDefault(False)  # Enter in a field must not open the chooser
        self.passphrase = self._secret("Passphrase of the transfer file")
        self.again = self._secret("Passphrase of the transfer file, again")
        place_row = QHBoxLayout()
        place_row.addWidget(self.place, 1)
        place_row.addWidget(self.choose)
        form = QFormLayout()
        form.addRow("Receiving &area:", self.area)
        save_to = QLabel("Save &to:")
        save_to.setBuddy(self.choose)  # a row of a layout has no buddy of its own
        form.addRow(save_to, place_row)
        form.addRow("&Passphrase:", self.passphrase)
        form.addRow("Passphrase a&gain:", self.again)
        layout.addLayout(form)
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        # Not a default button: Enter in a field must not send half a form.
        self.transfer_button = record_row(self, layout, "Transfer", self.transfer)
        header = session.case_view(case_id, Audience.chair()).header
        if header is not None and header.status is CaseStatus.TRANSFERRED:
            self.transfer_button.setEnabled(False)
            self.problem.problem("This case was already transferred; it can go only once.")
        self.area.setFocus()

    @staticmethod
    def _secret(name: str) -> QLineEdit:
        field = QLineEdit()
        field.setEchoMode(QLineEdit.EchoMode.Password)
        field.setAccessibleName(name)
        return field

    def choose_place(self) -> None:
        chosen = choose_new_pack_file(self, suggested_name(date.today()))
        if chosen is not None:
            self.pack = chosen
            self.place.setText(chosen.name)
            self.place.setToolTip(str(chosen))

    def transfer(self) -> None:
        write_or_say_why(self, self.problem, self._write)

    def _write(self) -> None:
        area = self.area.text().strip()
        if not area:
            self.area.setFocus()
            raise TransferRefused(NO_AREA)
        if self.pack is None:
            self.choose.setFocus()
            raise TransferRefused(NO_PLACE)
        if self.passphrase.text() != self.again.text():
            self.again.clear()
            self.again.setFocus()
            raise TransferRefused(DIFFERENT)
        made = self._session.transfer_case(
            self._case_id, self.pack, self.passphrase.text(), to_area=area
        )
        self.outcome = (
            f"The case was transferred to {area}: {self.pack.name} holds it, with its history "
            f"and {made.audit_records} audit records. Send the file and its passphrase by "
            "different routes, and delete your copy once the receiving area has it."
        )
