"""Adding a person to a case, or correcting one, from the chair's console.

A correction is a new record: the session keeps the earlier values, and this dialog shows
them (when and by whom each was replaced) under the form. The self-identified fields and
who is feared are the chair's: the dialog reads the person through `person_for_chair`,
which only the chair's console calls.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import Audience, Person, PersonRole, when_text
from mara_desktop.errors import MaraError
from mara_desktop.session import EarlierValue, EditError, Session
from mara_desktop.ui.dialog_parts import StatusLine, heading, note, record_row
from mara_desktop.ui.referral_fields import FormProblem, PersonFields

ADD_TITLE = "Add a person — MARA Desktop"
CORRECT_TITLE = "Correct a person — MARA Desktop"
ROLES = {
    PersonRole.CHILD: ("Child", "c"),
    PersonRole.OTHER_ADULT: ("Other adult", "a"),
    PersonRole.PERPETRATOR: ("Perpetrator", "p"),
    PersonRole.VICTIM: ("Victim", "v"),
}


def earlier_text(history: list[EarlierValue]) -> str:
    """The person's earlier records, newest first, each in a line of plain words."""
    lines = []
    for earlier in reversed(history):
        person = earlier.person
        said = [person.name, f"born {when_text(person.born)}" if person.born else "born not known"]
        said += [f"{key.replace('_', ' ')}: {value}" for key, value in _extras(person)]
        why = f"; why: {earlier.reason}" if earlier.reason else ""
        lines.append(
            f"Until {when_text(earlier.replaced_at)} {earlier.replaced_at:%H:%M} "
            f"(corrected by {earlier.replaced_by}{why}): " + "; ".join(said)
        )
    return "\n".join(lines) or "No earlier values: this person has not been corrected."


def _extras(person: Person) -> list[tuple[str, str]]:
    values = {
        "school": person.school,
        **person.self_identified,
        "feared": person.feared,
        "safe_contact": person.safe_contact,
    }
    words = {True: "yes", False: "no"}
    return [
        (key, words.get(value, str(value)) if isinstance(value, bool) else str(value))
        for key, value in values.items()
        if value is not None
    ]


class PersonDialog(QDialog):
    """`person_id` None: add a person; else correct that person, the history shown below."""

    def __init__(
        self,
        session: Session,
        case_id: str,
        person_id: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session, self.case_id, self.person_id = session, case_id, person_id
        view = session.case_view(case_id, Audience.chair())
        self.taken = {p.id for p in view.people}
        self.earlier = session.person_for_chair(case_id, person_id) if person_id else None
        self.setWindowTitle(CORRECT_TITLE if person_id else ADD_TITLE)
        self.setMinimumWidth(820)
        layout = QVBoxLayout(self)
        what = "Correct a person" if person_id else "Add a person"
        layout.addWidget(heading(f"{what} — {view.title}"))
        self.role = QComboBox()
        self.role.setAccessibleName("Role in the case")
        for role, (word, _) in ROLES.items():
            self.role.addItem(word, role.value)
        self.form_box = QGroupBox("The person")
        self.form_layout = QVBoxLayout(self.form_box)
        self.fields = self._fields(PersonRole.CHILD)
        if self.earlier is not None:
            self.role.setCurrentIndex(self.role.findData(self.earlier.role.value))
            self.role.setEnabled(False)
            self.fields.hide()  # the form of a new child gives way to this person's
            self.fields.deleteLater()
            self.fields = self._fields(self.earlier.role)
            self.fields.fill(self.earlier)
        form = QFormLayout()
        form.addRow("&Role:", self.role)
        layout.addLayout(form)
        layout.addWidget(self.form_box)
        self.role.currentIndexChanged.connect(self._role_chosen)
        self.history = QPlainTextEdit()
        self.history.setReadOnly(True)
        self.history.setAccessibleName("Earlier values")
        self.history.setMaximumHeight(110)
        self.reason = QLineEdit()
        self.reason.setAccessibleName("Why it is corrected")
        self.reason.setPlaceholderText("What was wrong, e.g. the date of birth was mistyped")
        if person_id is not None:
            reason_form = QFormLayout()
            reason_form.addRow("&Why it is corrected:", self.reason)
            layout.addLayout(reason_form)
            layout.addWidget(
                note(
                    "A correction is a new record: the earlier values stay, listed below "
                    "(only you see them).",
                    "About corrections",
                )
            )
            layout.addWidget(self.history)
            self.history.setPlainText(earlier_text(session.person_history(case_id, person_id)))
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        label = "Save correction" if person_id else "Add person"
        self.save_button = record_row(self, layout, label, self.save)

    def _fields(self, role: PersonRole) -> PersonFields:
        fields = PersonFields(role, "The person")
        self.form_layout.addWidget(fields)
        return fields

    def _role_chosen(self) -> None:
        self.fields.hide()
        self.fields.deleteLater()
        self.fields = self._fields(PersonRole(str(self.role.currentData())))

    def _new_id(self, role: PersonRole) -> str:
        prefix = ROLES[role][1]
        number = 1
        while f"{prefix}{number}" in self.taken:
            number += 1
        return f"{prefix}{number}"

    def save(self) -> None:
        role = PersonRole(str(self.role.currentData()))
        earlier = self.earlier
        person_id = earlier.id if earlier is not None else self._new_id(role)
        try:
            person = self.fields.person(person_id, earlier.source if earlier else None)
        except FormProblem as problem:
            self.problem.problem(str(problem))
            problem.widget.setFocus()
            return
        if not person.name:
            self.problem.problem("Name: write the person's name.")
            self.fields.name.setFocus()
            return
        if earlier is not None and not self.reason.text().strip():
            self.problem.problem("Why it is corrected: say what was wrong.")
            self.reason.setFocus()
            return
        try:
            if earlier is not None:
                self.session.correct_person(self.case_id, person, self.reason.text())
            else:
                self.session.add_person(self.case_id, person)
        except EditError as error:
            where, _, sentence = str(error).partition(": ")
            born = where.endswith(".born")
            words = "Date of birth" if born else "The person"
            self.problem.problem(
                f"{words}: {sentence}" if where.startswith("people") else str(error)
            )
            (self.fields.born if born else self.fields.name).setFocus()
            return
        except MaraError as error:
            self.problem.problem(str(error))
            return
        self.accept()
