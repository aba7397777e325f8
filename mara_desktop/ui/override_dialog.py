"""Recording an override: sharing without consent because of serious risk.

It is the heaviest decision a chair records, so the dialog asks for everything the protocol
and the law expect (the information and agencies named one by one, a lawful basis from the
protocol, a justification of real length, who decided) and shows, while the chair ticks,
exactly what would become visible to whom (the session's `override_effect`, the same rule
that will apply afterwards). Recording goes through the session, which holds the bar (the
override's rules in protocol/records.py, the importer's too) and audits it; its refusal is
shown as the rule says it. Overrides are never deleted and never expire silently: one
made for a period has a last day, chosen here (no earlier than the day it is decided), and
the dialog says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import partial

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from mara_desktop.domain import Override
from mara_desktop.domain.case import MIN_JUSTIFICATION
from mara_desktop.session import Session
from mara_desktop.ui.dates import DAY_FORMAT
from mara_desktop.ui.dialog_parts import (
    Choices,
    StatusLine,
    case_dialog_top,
    fit_to_screen,
    group_options,
    record_row,
    write_or_say_why,
)
from mara_desktop.ui.effect_preview import EffectPreview
from mara_desktop.views.override_effect import Newly

TITLE = "Share without consent — MARA Desktop"
WHAT = "Share without consent because of serious risk"
ABOUT = (
    "The ticked information will be shown to the ticked agencies although the victim "
    "has not consented. The override is audited and never deleted; it ends only on the "
    "last day you give, if you give one.",
    "About overrides",
)
"""The note under the heading, and its accessible name."""


class OverrideDialog(QDialog):
    """Add one override to a case; accepted only once it is written and audited."""

    def __init__(
        self,
        session: Session,
        case_id: str,
        parent: QWidget | None = None,
        *,
        categories: Sequence[str] = (),
        agencies: Sequence[str] = (),
    ) -> None:
        """`categories` and `agencies` come ticked (another dialog found them needed)."""
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        layout = case_dialog_top(
            self, session, case_id, title=TITLE, width=1060, what=WHAT, about=ABOUT
        )
        scope = QHBoxLayout()
        protocol = session.protocol
        self.categories = Choices(
            "Information to share", [(c.id, c.name) for c in protocol.categories]
        )
        self.agencies = Choices(
            "Share with",
            [(a.id, a.name) for a in protocol.agencies],
            groups=group_options(protocol),
        )
        scope.addWidget(self.categories)
        scope.addWidget(self.agencies)
        layout.addLayout(scope)
        lower = QHBoxLayout()
        lower.addLayout(self._build_decision(), 1)
        self.preview = EffectPreview("What becomes visible if you record this")
        lower.addWidget(self.preview, 1)
        layout.addLayout(lower)
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        self.record_button = record_row(self, layout, "Record override", self.record)
        self.categories.choose(categories)
        self.agencies.choose(agencies)
        for choices in (self.categories, self.agencies):
            choices.changed.connect(self.update_preview)
        self.update_preview()
        fit_to_screen(self)

    def _build_decision(self) -> QFormLayout:
        form = QFormLayout()
        self.lawful_basis = QComboBox()
        self.lawful_basis.setAccessibleName("Lawful basis")
        self.lawful_basis.setPlaceholderText("Choose the lawful basis from the protocol…")
        for basis in self.session.override_bases():
            self.lawful_basis.addItem(basis.text, basis.id)
        self.lawful_basis.setCurrentIndex(-1)
        self.lawful_basis.setMinimumContentsLength(30)
        self.lawful_basis.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.lawful_basis.view().setMinimumWidth(700)  # the list shows each basis whole
        self.basis_text = QLabel()
        self.basis_text.setWordWrap(True)
        self.basis_text.setAccessibleName("The chosen lawful basis in full")
        self.lawful_basis.currentIndexChanged.connect(
            lambda _: self.basis_text.setText(self.lawful_basis.currentText())
        )
        self.justification = QPlainTextEdit()
        self.justification.setAccessibleName("Justification")
        self.justification.setPlaceholderText(
            "What the serious risk is, and why sharing without consent reduces it."
        )
        self.justification.setTabChangesFocus(True)
        self.justification.textChanged.connect(self._count)
        self.length = QLabel()
        self.length.setAccessibleName("Justification length")
        self.decided_by = QLineEdit()
        self.decided_by.setAccessibleName("Decided by")
        self.decided_by.setPlaceholderText("Name and role of the person who decided")
        form.addRow("Lawful &basis:", self.lawful_basis)
        form.addRow("", self.basis_text)
        form.addRow("&Justification:", self.justification)
        form.addRow("", self.length)
        form.addRow("&Decided by:", self.decided_by)
        form.addRow("", self._build_until())
        self._count()
        return form

    def _build_until(self) -> QHBoxLayout:
        """An optional last day: unticked, the override has no end. It cannot be set before
        the day the override is decided (today, as the record will carry it)."""
        first = max(date.today(), datetime.now(UTC).date())
        self.has_until = QCheckBox("&Until")
        self.has_until.setAccessibleName("The override has a last day")
        self.until = QDateEdit(QDate(first.year, first.month, first.day))
        self.until.setAccessibleName("Last day the override applies")
        inner = self.until.findChild(QLineEdit)
        if inner is not None:  # what a screen reader lands on inside the date field
            inner.setAccessibleName("Last day the override applies")
        self.until.setMaximumWidth(200)
        self.until.setCalendarPopup(True)
        self.until.setDisplayFormat(DAY_FORMAT)
        self.until.setMinimumDate(self.until.date())
        self.until.setEnabled(False)
        self.has_until.toggled.connect(self.until.setEnabled)
        hint = QLabel("the last day it applies (leave unticked for no end)")
        hint.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.has_until)
        row.addWidget(self.until)
        row.addWidget(hint, 1)
        return row

    def _count(self) -> None:
        length = len(self.justification.toPlainText().strip())
        self.length.setText(
            f"{length} characters (at least {MIN_JUSTIFICATION})"
            if length < MIN_JUSTIFICATION
            else f"{length} characters"
        )

    def override(self) -> Override:
        """The override as the form stands (decided now)."""
        basis = self.lawful_basis.currentData()
        return Override(
            self.categories.chosen(),
            self.agencies.chosen(),
            basis if isinstance(basis, str) else "",
            self.justification.toPlainText().strip(),
            self.decided_by.text().strip(),
            datetime.now(UTC).replace(microsecond=0),
            self._last_day(),
        )

    def _last_day(self) -> date | None:
        if not self.has_until.isChecked():
            return None
        chosen = self.until.date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def effect(self) -> list[Newly]:
        return self.session.override_effect(self.case_id, self.override())

    def update_preview(self) -> None:
        override = self.override()
        if not override.categories or not override.agencies:
            self.preview.ask("Tick the information to share and the agencies to share it with.")
            return
        self.preview.show_changes(
            self.effect(),
            (),
            "Nothing withheld now would become visible: these agencies already see this "
            "information, the supplying agency restricted it, or the case holds none yet. "
            "The override still applies to information added later.",
        )

    def record(self) -> None:
        fields = {
            "lawful_basis": self.lawful_basis,
            "justification": self.justification,
            "decided_by": self.decided_by,
            "until": self.until,
            "agencies": self.agencies,
            "categories": self.categories,
        }
        record = partial(self.session.record_override, self.case_id, self.override())
        write_or_say_why(self, self.problem, record, fields)
