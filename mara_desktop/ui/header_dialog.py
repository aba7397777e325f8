"""Edit referral…: a case's header as the chair corrects it after the referral was saved.

The same fields as the new referral (who referred, when, the reference, what the victim
knows, the risk checklist, the incidents and the judgement). The criteria are counted again
as the answers change, never typed. The session checks the header by the importer's rules
and audits the names of the fields changed.

The case's status is shown, not edited here: a case is closed or reopened with Close case…
and Reopen case… on its page, which ask the reason a data protection officer looks for
first and audit the closing as such, and transferred with Case ▸ Transfer to another
area…, which writes the pack the other area receives.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import partial

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import CaseStatus, ReferralCriterion
from mara_desktop.errors import MaraError
from mara_desktop.session import Session
from mara_desktop.ui.case_page import closing_text
from mara_desktop.ui.dialog_parts import StatusLine, heading, record_row, write_or_say_why
from mara_desktop.ui.near_match_dialog import ask_about_near_matches
from mara_desktop.ui.referral_dialog import scrolling
from mara_desktop.ui.referral_fields import (
    ChecklistPanel,
    FormProblem,
    ReferralForm,
    answer_of,
    checklist_tab,
    day_of_edit,
    referrers_criterion,
)
from mara_desktop.ui.text import count_of

TITLE = "Edit referral — MARA Desktop"


class HeaderDialog(QDialog):
    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        case = session.header_for_chair(case_id)
        if case is None:
            raise MaraError(f'There is no case "{case_id}" in this case file.')
        self.case = case
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        layout.addWidget(heading(f"Edit referral — {case.reference}"))
        self.form = ReferralForm(session.protocol)
        self.form.fill(case.reference, case.referral, case.pregnancy)
        self.children_involved = QCheckBox("Children are involved")
        self.children_involved.setAccessibleName("Children are involved")
        self.children_involved.setChecked(case.children_involved)
        self.status = QLabel(_status_words(case.status, case.closed_on, case.closed_reason))
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Status of the case")
        self.form.rows.addRow("", self.children_involved)
        self.form.rows.addRow("Status:", self.status)
        referral = case.referral
        self.checklist = ChecklistPanel(session.risk_tool(), session.thresholds())
        self.checklist.fill(
            referral.dash_answers,
            referral.dash_answered_by,
            referral.incidents_12m,
            referral.professional_judgement,
        )
        self.near_button = QPushButton("Answer near matches…")
        self.near_button.setAutoDefault(False)
        self.near_button.setToolTip("Cases whose victim may be this one, left for later")
        self.near_button.clicked.connect(self.answer_near_matches)
        self.form.rows.addRow("Perhaps the same victim:", self.near_button)
        self._count_near_matches()
        self.tabs = QTabWidget()
        self.tabs.addTab(scrolling(self.form), "&Referral")
        self.tabs.addTab(checklist_tab(self.checklist), "Risk &checklist")
        layout.addWidget(self.tabs, 1)
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        self.save_button = record_row(self, layout, "Save changes", self.save)
        screen = self.screen().availableGeometry()
        self.resize(min(960, screen.width()), min(680, screen.height()))

    def _count_near_matches(self) -> None:
        near = len(self.session.matches(self.case_id).near)
        self.near_button.setEnabled(near > 0)
        self.near_button.setText(
            f"Answer {count_of(near, 'near match', 'near matches')}…" if near else "None waiting"
        )

    def answer_near_matches(self) -> None:
        """The near matches left for later (Decide later), each put to the chair again."""
        ask_about_near_matches(
            self.session, self.case_id, self.session.matches(self.case_id).near, self
        )
        self._count_near_matches()

    def changes(self) -> dict[str, object]:
        """The header as the form stands; FormProblem for what the form itself can say."""
        agency = self.form.agency.currentData()
        if not isinstance(agency, str):
            raise FormProblem("Referring agency: choose the agency.", self.form.agency)
        referral = self.case.referral
        answers = self.checklist.dash_answers()
        if not referral.dash_answers and all(answer is None for _, answer in answers):
            answers = ()  # imported with its score only, and no answer given here
        ticks = self.checklist.ticks() if answers else referral.dash_score or 0
        judgement = self.checklist.judgement_text()
        incidents = self.checklist.incidents_12m()
        criterion = referrers_criterion(ticks, incidents, judgement, self.checklist.thresholds)
        if criterion is None and referral.criterion is ReferralCriterion.REPEAT:
            criterion = referral.criterion
        if criterion is None:
            raise FormProblem(
                "Professional judgement: the answers meet no criterion; write why the "
                "referrer judges the risk high, or correct the answers.",
                self.checklist.judgement,
            )
        return {
            "reference": self.form.reference.text().strip(),
            "children_involved": self.children_involved.isChecked(),
            "pregnancy": self.form.pregnancy.isChecked(),
            "referral": dataclasses.replace(
                referral,
                date=day_of_edit(self.form.referral_date),
                agency=agency,
                criterion=criterion,
                dash_score=ticks if answers else referral.dash_score,
                dash_answers=answers,
                dash_answered_by=self.checklist.answered_by(),
                incidents_12m=incidents,
                victim_aware=answer_of(self.form.aware),
                victim_consents_to_referral=answer_of(self.form.consents),
                professional_judgement=judgement,
                referrer=self.form.referrer.text().strip(),
            ),
        }

    def save(self) -> None:
        try:
            changes = self.changes()
        except FormProblem as problem:
            self.problem.problem(str(problem))
            problem.widget.setFocus()
            return
        fields: dict[str, QWidget] = {
            "reference": self.form.reference,
            "referral": self.form.referral_date,
            "children_involved": self.children_involved,
        }
        write = partial(self.session.edit_header, self.case_id, **changes)
        write_or_say_why(self, self.problem, write, fields)


def _status_words(status: CaseStatus, day: date | None, reason: str) -> str:
    """Where the case stands, and where to change it."""
    if status is CaseStatus.OPEN:
        return "Open. Close case… on the case's page closes it, with the reason."
    if status is CaseStatus.TRANSFERRED:
        return f"{closing_text(status, day, reason)}: the receiving area holds it now."
    return f"{closing_text(status, day, reason)}. Reopen case… on the case's page reopens it."
