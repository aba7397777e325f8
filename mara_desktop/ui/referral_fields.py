"""The fields of a referral form, shared by the new referral and by editing a case's header:
yes / no / not known answers, dates of birth typed as a chair reads them, one person's
fields, and the risk checklist with what its answers make of the referral.

The checklist's questions come from the session's risk tool (resources/risk/dash.toml),
never from code; the criteria are counted as the chair answers, never typed.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import Person, PersonRole, Referral, ReferralCriterion
from mara_desktop.domain.case import Answer
from mara_desktop.domain.criteria import Thresholds
from mara_desktop.errors import MaraError
from mara_desktop.protocol.model import Protocol
from mara_desktop.protocol.risk_tool import RiskTool
from mara_desktop.ui.dates import DAY_FORMAT, day_words, written_day
from mara_desktop.ui.dialog_parts import note
from mara_desktop.ui.text import plain_label

_DAY_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%d-%m-%Y")


class FormProblem(MaraError):
    """A field of the form that cannot be read; `widget` is where the keyboard goes."""

    def __init__(self, sentence: str, widget: QWidget) -> None:
        super().__init__(sentence)
        self.widget = widget


def answer_box(name: str, blank: str) -> QComboBox:
    """Yes, No, or `blank` ("Not known", "Not asked"): the last is the default."""
    box = QComboBox()
    box.setAccessibleName(name)
    for text, value in ((blank, ""), ("Yes", "yes"), ("No", "no")):
        box.addItem(text, value)
    return box


def answer_of(box: QComboBox) -> Answer:
    value = box.currentData()
    return True if value == "yes" else False if value == "no" else None


def set_answer(box: QComboBox, answer: Answer) -> None:
    box.setCurrentIndex(box.findData("" if answer is None else "yes" if answer else "no"))


def day_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setAccessibleName(name)
    field.setPlaceholderText("day/month/year")
    field.setMaximumWidth(140)
    return field


def day_of(field: QLineEdit) -> date | None:
    """The date typed (day/month/year, year-month-day, or as the app writes a day, 2 Apr
    1990); None when left empty."""
    text = field.text().strip()
    if not text:
        return None
    problem = FormProblem(
        f"{field.accessibleName()}: write it as day/month/year, like 02/04/1990.", field
    )
    try:
        written = written_day(text)
    except ValueError:
        raise problem from None
    if written is not None:
        return written
    for form in _DAY_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    raise problem


def day_of_edit(edit: QDateEdit) -> date:
    day = edit.date()
    return date(day.year(), day.month(), day.day())


def day_text(day: date | None) -> str:
    """A day as the rest of the app writes it (ui/dates.py); `day_of` reads it back."""
    return day_words(day)


class PersonFields(QWidget):
    """One person of the referral: name and date of birth; for a child the school, if
    known; for the perpetrator and other adults whether the victim fears them and whether
    they are safe to contact; for the victim the optional self-identified fields of the
    quarterly return."""

    removed = Signal()

    def __init__(self, role: PersonRole, label: str, *, removable: bool = False) -> None:
        super().__init__()
        self.role, self.label = role, label
        self.name = QLineEdit()
        self.name.setAccessibleName(f"{label}: name")
        self.born = day_field(f"{label}'s date of birth")
        self.feared = answer_box(f"{label}: feared by the victim", "Not known")
        self.safe_contact = answer_box(f"{label}: safe to contact", "Not known")
        self.school = QLineEdit()
        self.school.setAccessibleName(f"{label}'s school")
        self.school.setPlaceholderText("Optional")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        row.addWidget(QLabel("Name:"))
        row.addWidget(self.name, 2)
        row.addWidget(QLabel("Born:"))
        row.addWidget(self.born)
        if role is PersonRole.CHILD:
            row.addWidget(QLabel("School:"))
            row.addWidget(self.school, 1)
        if role in (PersonRole.PERPETRATOR, PersonRole.OTHER_ADULT):
            row.addWidget(QLabel("Feared:"))
            row.addWidget(self.feared)
            row.addWidget(QLabel("Safe to contact:"))
            row.addWidget(self.safe_contact)
        if removable:
            remove = QPushButton("Remove")
            remove.setAccessibleName(f"Remove {label}")
            remove.setAutoDefault(False)
            remove.clicked.connect(self.removed)
            row.addWidget(remove)
        layout.addLayout(row)
        self.gender = QComboBox()
        self.ethnicity = QLineEdit()
        self.minority_ethnic = answer_box(f"{label}: minority ethnic", "Not asked")
        self.disability = answer_box(f"{label}: disability", "Not asked")
        self.lgbt = answer_box(f"{label}: LGBT+", "Not asked")
        if role is PersonRole.VICTIM:
            layout.addWidget(self._self_identified())

    def _self_identified(self) -> QGroupBox:
        box = QGroupBox("Only if she or he wishes to say (self-identified)")
        box.setAccessibleName("Self-identified fields")
        self.gender.setEditable(True)
        self.gender.addItems(["", "female", "male"])
        self.gender.setAccessibleName(f"{self.label}: gender")
        line = self.gender.lineEdit()
        if line is not None:
            line.setPlaceholderText("Not asked (or her or his own word)")
        self.ethnicity.setAccessibleName(f"{self.label}: ethnicity in her or his own words")
        self.ethnicity.setPlaceholderText("Not asked")
        form = QFormLayout(box)
        form.addRow(
            note(
                "Never required. Only for the quarterly return's counts: only the chair sees "
                "them, never an agency, the room or the minutes.",
                "About the self-identified fields",
            )
        )
        form.addRow("Gender:", self.gender)
        form.addRow("Ethnicity (own words):", self.ethnicity)
        form.addRow("Minority ethnic:", self.minority_ethnic)
        form.addRow("Disability:", self.disability)
        form.addRow("LGBT+:", self.lgbt)
        return box

    def is_empty(self) -> bool:
        return not self.name.text().strip() and not self.born.text().strip()

    def person(self, person_id: str, source: str | None) -> Person:
        """The person as filled in; FormProblem for a date that cannot be read."""
        victim = self.role is PersonRole.VICTIM
        adult = self.role in (PersonRole.PERPETRATOR, PersonRole.OTHER_ADULT)
        return Person(
            person_id,
            self.role,
            self.name.text().strip(),
            day_of(self.born),
            source,
            gender=(self.gender.currentText().strip() or None) if victim else None,
            ethnicity=(self.ethnicity.text().strip() or None) if victim else None,
            minority_ethnic=answer_of(self.minority_ethnic) if victim else None,
            disability=answer_of(self.disability) if victim else None,
            lgbt=answer_of(self.lgbt) if victim else None,
            feared=answer_of(self.feared) if adult else None,
            safe_contact=answer_of(self.safe_contact) if adult else None,
            school=(self.school.text().strip() or None) if self.role is PersonRole.CHILD else None,
        )

    def fill(self, person: Person) -> None:
        self.name.setText(person.name)
        self.born.setText(day_text(person.born))
        self.gender.setCurrentText(person.gender or "")
        self.ethnicity.setText(person.ethnicity or "")
        self.school.setText(person.school or "")
        for box, answer in (
            (self.minority_ethnic, person.minority_ethnic),
            (self.disability, person.disability),
            (self.lgbt, person.lgbt),
            (self.feared, person.feared),
            (self.safe_contact, person.safe_contact),
        ):
            set_answer(box, answer)


def referrers_criterion(
    ticks: int, incidents: int | None, judgement: str, thresholds: Thresholds
) -> ReferralCriterion | None:
    """The referrer's own criterion, as the answers make it: the checklist first, then
    escalation, then the judgement in words; None when none holds."""
    if ticks >= thresholds.high_risk_ticks:
        return ReferralCriterion.VISIBLE_HIGH_RISK
    if incidents is not None and incidents >= thresholds.escalation_incidents:
        return ReferralCriterion.ESCALATION
    if judgement.strip():
        return ReferralCriterion.PROFESSIONAL_JUDGEMENT
    return None


def derived_text(ticks: int, incidents: int | None, judgement: str, thresholds: Thresholds) -> str:
    """What the answers make of the referral, in words, one line a criterion."""
    high, escalation = thresholds.high_risk_ticks, thresholds.escalation_incidents
    lines = [
        f"{ticks} ticks: visible high risk"
        if ticks >= high
        else f"{ticks} ticks: not visible high risk ({high} needed)"
    ]
    if incidents is None:
        lines.append("Police-recorded incidents in the last 12 months: not known")
    elif incidents >= escalation:
        lines.append(f"escalation: {incidents} incidents")
    else:
        lines.append(f"{incidents} incidents: no escalation ({escalation} needed)")
    if judgement.strip():
        lines.append(
            "Professional judgement written: it can raise a case to the MARAC whatever the "
            "ticks, and never lowers it."
        )
    else:
        lines.append("No professional judgement written (it can raise a case, never lower it).")
    if referrers_criterion(ticks, incidents, judgement, thresholds) is None:
        lines.append(
            "As it stands the referral meets no criterion: write the professional judgement "
            "if the referrer judges the risk high."
        )
    return "\n".join(lines)


class ChecklistPanel(QWidget):
    """The risk checklist's questions, each answered yes / no / not known with who gave the
    answer; the incidents; the professional judgement; and, above them, what they make of
    the referral, counted again at every change."""

    def __init__(self, tool: RiskTool, thresholds: Thresholds) -> None:
        super().__init__()
        self.tool, self.thresholds = tool, thresholds
        self.result = plain_label("", "What the answers make of the referral")
        self.result.setObjectName("derivedCriteria")
        bold = self.result.font()
        bold.setBold(True)
        self.result.setFont(bold)
        self.given_by = QLineEdit()
        self.given_by.setAccessibleName("Answers given by, unless said otherwise")
        self.given_by.setPlaceholderText("e.g. the victim")
        self.incidents = QSpinBox()
        self.incidents.setAccessibleName("Police-recorded incidents in the last 12 months")
        self.incidents.setRange(-1, 1000)
        self.incidents.setSpecialValueText("Not known")
        self.incidents.setValue(-1)
        self.judgement = QPlainTextEdit()
        self.judgement.setAccessibleName("Professional judgement")
        self.judgement.setPlaceholderText(
            "Why the referrer judges the risk high, in words (may be left empty)."
        )
        self.judgement.setTabChangesFocus(True)
        self.judgement.setMaximumHeight(90)
        self.answers: dict[str, QComboBox] = {}
        self.who: dict[str, QLineEdit] = {}
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        for number, question in enumerate(tool.questions, start=1):
            text = plain_label(f"{number}. {question.text}", f"Question {number}")
            box = QComboBox()
            box.setAccessibleName(f"Question {number}: answer")
            for label, value in (("Not known", ""), ("Yes", "yes"), ("No", "no")):
                box.addItem(label, value)
            box.currentIndexChanged.connect(self.count)
            who = QLineEdit()
            who.setAccessibleName(f"Question {number}: who gave the answer")
            who.setPlaceholderText("who answered")
            who.setMaximumWidth(150)
            grid.addWidget(text, number, 0)
            grid.addWidget(box, number, 1)
            grid.addWidget(who, number, 2)
            self.answers[question.id], self.who[question.id] = box, who
        self.incidents.valueChanged.connect(self.count)
        self.judgement.textChanged.connect(self.count)
        form = QFormLayout()
        form.addRow("Answers given by:", self.given_by)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(grid)
        below = QFormLayout()
        below.addRow("Police-recorded incidents, last 12 months:", self.incidents)
        below.addRow("Professional judgement:", self.judgement)
        layout.addLayout(below)
        self.count()

    def dash_answers(self) -> tuple[tuple[str, Answer], ...]:
        return tuple((q, answer_of(box)) for q, box in self.answers.items())

    def answered_by(self) -> tuple[tuple[str, str], ...]:
        default = self.given_by.text().strip()
        said = ((q, who.text().strip() or default) for q, who in self.who.items())
        return tuple((q, who) for q, who in said if who)

    def ticks(self) -> int:
        return sum(1 for _, answer in self.dash_answers() if answer is True)

    def incidents_12m(self) -> int | None:
        value = self.incidents.value()
        return None if value < 0 else value

    def judgement_text(self) -> str:
        return self.judgement.toPlainText().strip()

    def criterion(self) -> ReferralCriterion | None:
        return referrers_criterion(
            self.ticks(), self.incidents_12m(), self.judgement_text(), self.thresholds
        )

    def count(self) -> None:
        self.result.setText(
            derived_text(self.ticks(), self.incidents_12m(), self.judgement_text(), self.thresholds)
        )

    def fill(
        self,
        answers: tuple[tuple[str, Answer], ...],
        answered_by: tuple[tuple[str, str], ...],
        incidents: int | None,
        judgement: str,
    ) -> None:
        for question, answer in answers:
            if question in self.answers:
                set_answer(self.answers[question], answer)
        for question, who in answered_by:
            if question in self.who:
                self.who[question].setText(who)
        self.incidents.setValue(-1 if incidents is None else incidents)
        self.judgement.setPlainText(judgement)
        self.count()


class ReferralForm(QWidget):
    """Who referred, when, under which reference; what the victim knows of the referral."""

    def __init__(self, protocol: Protocol) -> None:
        super().__init__()
        self.agency = QComboBox()
        self.agency.setAccessibleName("Referring agency")
        self.agency.setPlaceholderText("Choose the agency that made the referral…")
        for agency in protocol.agencies:
            self.agency.addItem(agency.name, agency.id)
        self.agency.setCurrentIndex(-1)
        self.referrer = QLineEdit()
        self.referrer.setAccessibleName("Referring person")
        self.referrer.setPlaceholderText("Name and role, e.g. PC Alex Smith")
        self.referral_date = QDateEdit(QDate.currentDate())
        self.referral_date.setAccessibleName("Referral date")
        self.referral_date.setCalendarPopup(True)
        self.referral_date.setDisplayFormat(DAY_FORMAT)
        self.reference = QLineEdit()
        self.reference.setAccessibleName("Case reference")
        self.reference.setPlaceholderText("The MARAC's reference, e.g. NS-2026-0131")
        self.aware = answer_box("The victim knows of the referral", "Not known")
        self.consents = answer_box("The victim consents to the referral", "Not known")
        self.pregnancy = QCheckBox("The victim is pregnant")
        self.pregnancy.setAccessibleName("The victim is pregnant")
        self.rows = QFormLayout(self)
        self.rows.addRow("Referring &agency:", self.agency)
        self.rows.addRow("Referring p&erson:", self.referrer)
        self.rows.addRow("Referral &date:", self.referral_date)
        self.rows.addRow("Case re&ference:", self.reference)
        self.rows.addRow("The victim knows of the referral:", self.aware)
        self.rows.addRow("The victim consents to the referral:", self.consents)
        self.rows.addRow("", self.pregnancy)

    def fill(self, reference: str, referral: Referral, pregnancy: bool) -> None:
        self.agency.setCurrentIndex(self.agency.findData(referral.agency))
        self.referrer.setText(referral.referrer)
        day = referral.date
        self.referral_date.setDate(QDate(day.year, day.month, day.day))
        self.reference.setText(reference)
        set_answer(self.aware, referral.victim_aware)
        set_answer(self.consents, referral.victim_consents_to_referral)
        self.pregnancy.setChecked(pregnancy)


def checklist_tab(panel: ChecklistPanel) -> QWidget:
    """The checklist scrolling under what it makes of the referral, which stays in view
    while the chair answers the last questions."""
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(4, 4, 0, 0)
    layout.addWidget(panel.result)
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(panel)
    layout.addWidget(area, 1)
    return page
