"""A new referral typed in by the chair: who referred, the people, the risk checklist.

Three tabs (Referral, People, Risk checklist), each scrolling, so the form fits a small
laptop screen. The criteria are counted as the answers change, never typed. Saving goes
through the session, which checks the case by the importer's own rules: a refusal names
the field in the form's words, shows its tab and puts the keyboard there; nothing is
saved. Once saved, each near match (perhaps the same victim) is put to the chair, whose
answer the session records; nothing is merged.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import Audience, Case, Person, PersonRole, Referral, when_text
from mara_desktop.errors import MaraError
from mara_desktop.session import EditError, Session
from mara_desktop.ui.dialog_parts import StatusLine, heading, note, record_row
from mara_desktop.ui.near_match_dialog import ask_about_near_matches
from mara_desktop.ui.referral_fields import (
    ChecklistPanel,
    FormProblem,
    PersonFields,
    ReferralForm,
    answer_of,
    checklist_tab,
    day_of_edit,
)

TITLE = "New referral — MARA Desktop"
_WORDS = {
    "born": "date of birth",
    "name": "name",
    "date": "Referral date",
    "agency": "Referring agency",
    "referrer": "Referring person",
    "reference": "Case reference",
    "incidents 12m": "Police-recorded incidents",
    "professional judgement": "Professional judgement",
    "gender": "gender",
    "ethnicity": "ethnicity",
}
_PERSON_PATH = re.compile(r"^people\[(\d+)\](?:\.(\w+))?$")


def scrolling(widget: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(widget)
    return area


class ReferralDialog(QDialog):
    """A new case from a referral; accepted once saved (and the near matches answered)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.saved_case_id: str | None = None
        self.referral_date: date | None = None
        """The saved referral's date: a meeting before it cannot hear the case."""
        self.outcome = ""
        """What the chair is told once saved: the case, and the repeats found."""
        self.setWindowTitle(TITLE)
        layout = QVBoxLayout(self)
        layout.addWidget(heading("New referral"))
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Parts of the referral")
        self.form = ReferralForm(session.protocol)
        self.tabs.addTab(scrolling(self.form), "&Referral")
        self.tabs.addTab(scrolling(self._people_tab()), "&People")
        self.checklist = ChecklistPanel(session.risk_tool(), session.thresholds())
        self.tabs.addTab(checklist_tab(self.checklist), "Risk &checklist")
        layout.addWidget(self.tabs, 1)
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        self.save_button = record_row(self, layout, "Save referral", self.save)
        screen = self.screen().availableGeometry()
        self.resize(min(960, screen.width()), min(680, screen.height()))

    # -- building ---------------------------------------------------------------------------

    def _people_tab(self) -> QWidget:
        self.victim = PersonFields(PersonRole.VICTIM, "The victim")
        self.perpetrator = PersonFields(PersonRole.PERPETRATOR, "The perpetrator")
        self.child_rows: list[PersonFields] = []
        self.adult_rows: list[PersonFields] = []
        page = QWidget()
        layout = QVBoxLayout(page)
        for title, fields in (("The victim", self.victim), ("The perpetrator", self.perpetrator)):
            box = QGroupBox(title)
            QVBoxLayout(box).addWidget(fields)
            layout.addWidget(box)
        self.children_box, self.add_child = self._rows_box(
            "Children (under 18)", "Add a child", self._new_child
        )
        self.adults_box, self.add_adult = self._rows_box(
            "Other adults (say whom the victim fears and who is safe to contact)",
            "Add another adult",
            self._new_adult,
        )
        layout.addWidget(self.children_box)
        layout.addWidget(self.adults_box)
        layout.addWidget(
            note(
                "A child's school is optional. It is shared exactly as the child's name and "
                "date of birth are: with no one the protocol keeps the child's details from.",
                "About children's schools",
            )
        )
        layout.addStretch()
        return page

    @staticmethod
    def _rows_box(title: str, button_text: str, add: object) -> tuple[QGroupBox, QPushButton]:
        box = QGroupBox(title)
        box.setAccessibleName(title)
        inner = QVBoxLayout(box)
        button = QPushButton(button_text)
        button.setAutoDefault(False)
        button.clicked.connect(add)
        inner.addWidget(button)
        return box, button

    def _new_child(self) -> PersonFields:
        return self._add_row(self.child_rows, self.children_box, PersonRole.CHILD, "Child")

    def _new_adult(self) -> PersonFields:
        return self._add_row(
            self.adult_rows, self.adults_box, PersonRole.OTHER_ADULT, "Other adult"
        )

    def _add_row(
        self, rows: list[PersonFields], box: QGroupBox, role: PersonRole, word: str
    ) -> PersonFields:
        fields = PersonFields(role, f"{word} {len(rows) + 1}", removable=True)
        fields.removed.connect(lambda: self._remove_row(rows, fields))
        rows.append(fields)
        layout = box.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.count() - 1, fields)
        fields.name.setFocus()
        return fields

    @staticmethod
    def _remove_row(rows: list[PersonFields], fields: PersonFields) -> None:
        rows.remove(fields)
        fields.hide()
        fields.deleteLater()

    # -- saving -----------------------------------------------------------------------------

    def _people(self) -> list[tuple[PersonFields, Person]]:
        """The people filled in, in the case's order, each with its id: v, p, c1…, a1…"""
        source = self.form.agency.currentData()
        source = source if isinstance(source, str) else None
        people = [(self.victim, self.victim.person("v", source))]
        if not self.perpetrator.is_empty():
            people.append((self.perpetrator, self.perpetrator.person("p", source)))
        for prefix, rows in (("c", self.child_rows), ("a", self.adult_rows)):
            filled = [r for r in rows if not r.is_empty()]
            for number, fields in enumerate(filled, start=1):
                people.append((fields, fields.person(f"{prefix}{number}", source)))
        return people

    def case(self, case_id: str) -> tuple[Case, list[PersonFields]]:
        """The case as the form stands; FormProblem for what the form itself can say."""
        agency = self.form.agency.currentData()
        if not isinstance(agency, str):
            raise FormProblem(
                "Referring agency: choose the agency that made the referral.", self.form.agency
            )
        if not self.victim.name.text().strip():
            raise FormProblem(
                "The victim's name: write it; a referral is about the victim.", self.victim.name
            )
        criterion = self.checklist.criterion()
        if criterion is None:
            raise FormProblem(
                "Professional judgement: the answers meet no criterion "
                f"({self.checklist.ticks()} ticks); write why the referrer judges the risk "
                "high, or correct the answers.",
                self.checklist.judgement,
            )
        people = self._people()
        answers = self.checklist.dash_answers()
        referral = Referral(
            day_of_edit(self.form.referral_date),
            agency,
            criterion,
            self.checklist.ticks(),
            answers,
            self.checklist.answered_by(),
            self.checklist.incidents_12m(),
            answer_of(self.form.aware),
            answer_of(self.form.consents),
            self.checklist.judgement_text(),
            self.form.referrer.text().strip(),
        )
        case = Case(
            case_id,
            self.form.reference.text().strip(),
            any(p.role is PersonRole.CHILD for _, p in people),
            referral,
            tuple(p for _, p in people),
            pregnancy=self.form.pregnancy.isChecked(),
        )
        return case, [fields for fields, _ in people]

    def save(self) -> None:
        case_id = self.session.new_case_id()
        try:
            case, rows = self.case(case_id)
        except FormProblem as problem:
            self._say(str(problem), problem.widget)
            return
        try:
            found = self.session.save_referral(case)
        except EditError as error:
            self._say(*self._in_form_words(str(error), rows))
            return
        except MaraError as error:
            self._say(str(error), None)
            return
        self.saved_case_id = case_id
        self.referral_date = case.referral.date
        ask_about_near_matches(self.session, case_id, found.near, self)
        self.outcome = self._outcome(case)
        self.accept()

    def _outcome(self, case: Case) -> str:
        repeats = self.session.matches(case.id).repeat_of
        said = f"The referral is saved as case {case.reference or case.id}."
        if repeats:
            earlier = ", ".join(self._reference_of(other) for other in repeats)
            said += (
                " It is a repeat: the same victim was referred in the 12 months before "
                f"({earlier})."
            )
        return said

    def _reference_of(self, case_id: str) -> str:
        header = self.session.case_view(case_id, Audience.chair()).header
        if header is None:
            return case_id
        return f"{header.reference}, referred on {when_text(header.referral_date)}"

    def _in_form_words(self, message: str, rows: list[PersonFields]) -> tuple[str, QWidget | None]:
        """The session's sentence with its field in the form's words, and that field."""
        where, _, sentence = message.partition(": ")
        person = _PERSON_PATH.match(where)
        if person is not None:
            index, key = int(person.group(1)), person.group(2) or "name"
            fields = rows[index] if index < len(rows) else self.victim
            widget: QWidget = {"born": fields.born, "school": fields.school}.get(key, fields.name)
            return f"{fields.label}'s {_WORDS.get(key, key)}: {sentence}", widget
        if where == "people":
            return f"The victim: {sentence}", self.victim.name
        key = where.removeprefix("referral").strip(". ")
        widgets: dict[str, QWidget] = {
            "date": self.form.referral_date,
            "agency": self.form.agency,
            "referrer": self.form.referrer,
            "reference": self.form.reference,
            "incidents 12m": self.checklist.incidents,
            "professional judgement": self.checklist.judgement,
        }
        if key in widgets:
            return f"{_WORDS[key]}: {sentence}", widgets[key]
        return message, None

    def _say(self, sentence: str, widget: QWidget | None) -> None:
        self.problem.problem(sentence)
        if widget is None:
            return
        for index in range(self.tabs.count()):
            page = self.tabs.widget(index)
            if page is not None and page.isAncestorOf(widget):
                self.tabs.setCurrentIndex(index)
        widget.setFocus()
