"""The information-sharing protocol as the chair and a data protection officer read it.

The matrix is `protocol.matrix`'s (one cell per category and agency, one alternative per
granting rule); choosing a cell says in words which rules share it, on what conditions and
under which lawful basis. The protocol's fingerprint (sha256) lets anyone check that the
file governs by the version the steering group approved, and a protocol past its review date
says so at the top.
"""

from __future__ import annotations

import textwrap
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.protocol import matrix
from mara_desktop.protocol.conditions import ALWAYS, of_rule
from mara_desktop.protocol.model import ConsentMode, Protocol
from mara_desktop.ui.dialog_parts import StatusLine, close_row, fit_to_screen, heading, note

TITLE = "Information-sharing protocol — MARA Desktop"
_ALWAYS = QColor("#d7eedb")
_CONDITIONAL = QColor("#fbe8c8")
_INK = QColor("#111111")


def day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def cell_explanation(protocol: Protocol, category: str, agency: str) -> str:
    """Every rule sharing the category with the agency, with its conditions and lawful basis."""
    agency_name, category_name = protocol.agency_name(agency), protocol.category_name(category)
    lines = []
    for rule in protocol.rules:
        if rule.grants(category, agency):
            words = " and ".join(c.label for c in of_rule(rule, protocol))
            basis = protocol.lawful_basis(rule.lawful_basis)
            basis_text = basis.text if basis else rule.lawful_basis
            group = protocol.through_group(rule.agencies, agency)
            to = f" (to {group.name})" if group else ""
            lines.append(f"Rule {rule.number}{to}: {words}. Lawful basis: {basis_text}.")
    if not lines:
        return (
            f"{category_name} is never shared with {agency_name}, except by an override or "
            "when it supplied the information itself."
        )
    return f"{category_name} for {agency_name}:\n" + "\n".join(lines)


class ProtocolDialog(QDialog):
    def __init__(
        self, protocol: Protocol, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.protocol = protocol
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(1000)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(protocol.name))
        self.review_warning = StatusLine("Review warning")
        if protocol.is_past_review(today or date.today()):
            self.review_warning.problem(
                f"This protocol was due for review by {day(protocol.review_by)}. Ask the MARAC "
                "steering group for the reviewed version."
            )
        layout.addWidget(self.review_warning)
        layout.addLayout(self._facts())
        self.table = self._matrix()
        layout.addWidget(self.table, 1)
        self.detail = QLabel("Choose a cell to see the rules behind it.")
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName("Rules behind the chosen cell")
        self.detail.setMinimumHeight(self.detail.fontMetrics().lineSpacing() * 3)
        layout.addWidget(self.detail)
        layout.addWidget(note(matrix.LEGEND, "Legend"))
        layout.addWidget(close_row(self))
        self.table.currentCellChanged.connect(self._explain)
        fit_to_screen(self)

    def _facts(self) -> QFormLayout:
        p = self.protocol
        consent = {
            ConsentMode.PREFERRED: "preferred (some rules share without it)",
            ConsentMode.REQUIRED: "required by every rule (overrides still apply)",
        }[p.consent_mode]
        form = QFormLayout()
        for label, value in (
            ("Version:", f"{p.version}, approved {day(p.approved_on)}"),
            ("Review by:", day(p.review_by)),
            ("Jurisdiction:", p.jurisdiction),
            ("Consent:", consent),
            ("Marking:", p.marking),
            ("Fingerprint (sha256):", p.sha256),
        ):
            field = QLabel(value)
            field.setTextFormat(Qt.TextFormat.PlainText)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setAccessibleName(label.rstrip(":"))
            if label.startswith("Fingerprint"):
                field.setFont(QFont("monospace"))
            form.addRow(label, field)
        return form

    def _matrix(self) -> QTableWidget:
        p = self.protocol
        agencies = matrix.columns(p)
        table = QTableWidget(len(p.categories), len(agencies))
        table.setAccessibleName("Who may see what: categories by agency")
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setHorizontalHeaderLabels(
            [textwrap.fill(p.agency_name(a), 11, break_long_words=False) for a in agencies]
        )
        table.setVerticalHeaderLabels([c.name for c in p.categories])
        for row, category in enumerate(p.categories):
            for column, agency in enumerate(agencies):
                alternatives = matrix.cell(p, category.id, agency)
                item = QTableWidgetItem(matrix.letters(alternatives))
                item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                item.setToolTip(cell_explanation(p, category.id, agency))
                if alternatives:
                    always = any(a == (ALWAYS,) for a in alternatives)
                    item.setBackground(QBrush(_ALWAYS if always else _CONDITIONAL))
                    item.setForeground(QBrush(_INK))
                table.setItem(row, column, item)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        table.setSizeAdjustPolicy(QTableWidget.SizeAdjustPolicy.AdjustToContents)
        return table

    def _explain(self, row: int, column: int) -> None:
        if row < 0 or column < 0:
            return
        agencies = matrix.columns(self.protocol)
        category = self.protocol.categories[row].id
        self.detail.setText(cell_explanation(self.protocol, category, agencies[column]))
