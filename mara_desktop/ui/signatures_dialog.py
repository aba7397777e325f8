"""Protocol ▸ Signatures…: which agencies signed the protocol in force, and which have not.

Every partner signs the information-sharing protocol; an agency that has not signed the
version in force should not hear cases under it. The register lists each agency of the
protocol, signed (by whom, on what day) or not, then the signatures of earlier versions.
"Record a signature…" adds one, checked and audited by the session (never the signer's
name in the audit); the register is read again afterwards.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLineEdit,
    QTableWidgetItem,
    QWidget,
)

from mara_desktop.domain import when_text
from mara_desktop.session import Session
from mara_desktop.ui.dialog_parts import StatusLine, note, write_or_say_why
from mara_desktop.ui.record_list import RecordForm, RecordList, chosen_day, day_field

TITLE = "Protocol signatures — MARA Desktop"
RECORD_TITLE = "Record a signature — MARA Desktop"
NOT_SIGNED = "\u26a0 Not signed"
_COLUMNS = ("Agency", "Version in force", "Signed by", "On")
_WARNING = QColor("#fbe8c8")
_INK = QColor("#111111")


class SignaturesDialog(RecordList):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        protocol = session.protocol
        self.summary = StatusLine("Agencies not signed")
        self.earlier = note("", "Signatures of earlier versions")
        super().__init__(
            session,
            parent,
            title=(TITLE, "Who signed the protocol"),
            about=(
                f"\u201c{protocol.name}\u201d, version {protocol.version}, is in force. Every "
                "agency signs it; an agency that has not signed this version should not hear "
                "cases under it until it does.",
                "About the register",
            ),
            columns=_COLUMNS,
            stretch=(0,),
            record_label="Record a signature…",
            above=(self.summary,),
            below=(self.earlier,),
        )
        self.setMinimumWidth(760)
        self.show_filled()

    def fill(self) -> None:
        register = self._session.signature_register()
        protocol = self._session.protocol
        self.table.setRowCount(len(protocol.agencies))
        for row, agency in enumerate(protocol.agencies):
            signature = register.signed.get(agency.id)
            cells = (
                (agency.name, "Signed", signature.signed_by, when_text(signature.signed_on))
                if signature
                else (agency.name, NOT_SIGNED, "", "")
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if signature is None:
                    item.setBackground(QBrush(_WARNING))
                    item.setForeground(QBrush(_INK))
                    bold = QFont(item.font())
                    bold.setBold(True)
                    item.setFont(bold)
                self.table.setItem(row, column, item)
        if register.unsigned:
            names = ", ".join(protocol.agency_name(a) for a in register.unsigned)
            self.summary.problem(f"Not signed version {register.protocol_version}: {names}.")
        else:
            self.summary.good(f"Every agency has signed version {register.protocol_version}.")
        earlier = [s for s in register.history if s.protocol_sha256 != register.protocol_sha256]
        self.earlier.setText(
            "Signatures of earlier versions: "
            + "; ".join(
                f"{protocol.agency_name(s.agency)}, version {s.protocol_version}, "
                f"{when_text(s.signed_on)}"
                for s in earlier
            )
            if earlier
            else "No signatures of earlier versions are recorded."
        )

    def form(self) -> QDialog:
        return SignatureDialog(self._session, self)


class SignatureDialog(RecordForm):
    """One agency's signature of the protocol in force; accepted once it is recorded."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        protocol = session.protocol
        words = f"Signature of version {protocol.version}"
        super().__init__(session, parent, today, title=RECORD_TITLE, width=520, words=words)
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency")
        unsigned = session.signature_register().unsigned
        for agency in protocol.agencies:  # those still to sign first: the likely choice
            if agency.id in unsigned:
                self.agency.addItem(agency.name, agency.id)
        for agency in protocol.agencies:
            if agency.id not in unsigned:
                self.agency.addItem(f"{agency.name} (signed already)", agency.id)
        self.signed_by = QLineEdit()
        self.signed_by.setAccessibleName("Signed by")
        self.signed_by.setPlaceholderText("who signed for the agency: name and role")
        self.signed_on = day_field("Signed on", self._today, self._today)
        form = QFormLayout()
        form.addRow("Agency:", self.agency)
        form.addRow("Signed by:", self.signed_by)
        form.addRow("Signed on:", self.signed_on)
        self.body.addLayout(form)
        self.finish("Record signature")

    def record(self) -> None:
        def sign() -> None:
            agency, by = str(self.agency.currentData()), self.signed_by.text()
            on = chosen_day(self.signed_on)
            self._session.sign_protocol(agency, by, on, today=self._today)

        fields = {"agency": self.agency, "signed_by": self.signed_by, "signed_on": self.signed_on}
        write_or_say_why(self, self.problem, sign, fields)
