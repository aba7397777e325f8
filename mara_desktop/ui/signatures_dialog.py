"""Protocol ▸ Signatures…: which agencies signed the protocol in force, and which have not.

Every partner signs the information-sharing protocol; an agency that has not signed the
version in force should not hear cases under it. The register lists each agency of the
protocol, signed (by whom, on what day) or not, then the signatures of earlier versions.
"Record a signature…" adds one, checked and audited by the session (never the signer's
name in the audit); the register is read again afterwards.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLineEdit,
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

TITLE = "Protocol signatures — MARA Desktop"
RECORD_TITLE = "Record a signature — MARA Desktop"
NOT_SIGNED = "\u26a0 Not signed"
_COLUMNS = ("Agency", "Version in force", "Signed by", "On")
_WARNING = QColor("#fbe8c8")
_INK = QColor("#111111")


class SignaturesDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(760)
        protocol = session.protocol
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Who signed the protocol"))
        layout.addWidget(
            note(
                f"\u201c{protocol.name}\u201d, version {protocol.version}, is in force. Every "
                "agency signs it; an agency that has not signed this version should not hear "
                "cases under it until it does.",
                "About the register",
            )
        )
        self.summary = StatusLine("Agencies not signed")
        layout.addWidget(self.summary)
        self.table = QTableWidget(0, len(_COLUMNS))
        self.table.setAccessibleName("Signatures of the protocol in force")
        self.table.setHorizontalHeaderLabels(list(_COLUMNS))
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        self.earlier = note("", "Signatures of earlier versions")
        layout.addWidget(self.earlier)
        self.record_button = QPushButton("Record a signature…")
        self.record_button.clicked.connect(self.record_signature)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.record_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.fill()
        fit_to_screen(self)

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

    def record_signature(self) -> None:
        dialog = SignatureDialog(self._session, self)
        if dialog.exec():
            self.fill()


class SignatureDialog(QDialog):
    """One agency's signature of the protocol in force; accepted once it is recorded."""

    def __init__(
        self, session: Session, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self._session = session
        self._today = today or date.today()
        self.setWindowTitle(RECORD_TITLE)
        self.setMinimumWidth(520)
        protocol = session.protocol
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Signature of version {protocol.version}"))
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
        self.signed_on = QDateEdit(_qdate(self._today))
        self.signed_on.setAccessibleName("Signed on")
        self.signed_on.setCalendarPopup(True)
        self.signed_on.setDisplayFormat("d MMM yyyy")
        self.signed_on.setMaximumDate(_qdate(self._today))
        form = QFormLayout()
        form.addRow("Agency:", self.agency)
        form.addRow("Signed by:", self.signed_by)
        form.addRow("Signed on:", self.signed_on)
        layout.addLayout(form)
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        self.record_button = record_row(self, layout, "Record signature", self.record)

    def record(self) -> None:
        signed_on = self.signed_on.date().toPython()
        assert isinstance(signed_on, date)

        def sign() -> None:
            agency = str(self.agency.currentData())
            by = self.signed_by.text()
            self._session.sign_protocol(agency, by, signed_on, today=self._today)

        fields = {"agency": self.agency, "signed_by": self.signed_by, "signed_on": self.signed_on}
        write_or_say_why(self, self.problem, sign, fields)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
