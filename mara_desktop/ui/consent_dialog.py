"""Recording a person's answer about sharing, beside the answers recorded before.

Consent belongs to a person: the victim's (the default) or that of one of the case's other
adults, whose consent governs information about them. Consent is history: earlier records
are never edited or deleted, and each person's latest record (by the time it was recorded)
is the one the protocol's rule reads for information about that person. The dialog says so, shows
the history newest first (the chair's view of the case's records), previews what the new
answer would make visible to which agencies and hidden from which (the session decides it
by the rule that will apply once it is recorded), and only ever adds a record through the
session, which checks it by the consent record's rules and audits it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import WILDCARD, Audience, Consent, ConsentState, PersonRole, instant
from mara_desktop.protocol.model import Protocol
from mara_desktop.session import Session
from mara_desktop.ui.dates import MOMENT_FORMAT
from mara_desktop.ui.dialog_parts import (
    Choices,
    StatusLine,
    case_dialog_top,
    fit_to_screen,
    group_options,
    write_or_say_why,
)
from mara_desktop.ui.effect_preview import EffectPreview

TITLE = "Record consent — MARA Desktop"
WHAT = "Record the consent of the victim or of another adult"
ABOUT = (
    "Earlier records are never changed or deleted: a change of mind is recorded as a "
    "new record, and each person's latest one decides what is shared about them.",
    "About consent records",
)
"""The note under the heading, and its accessible name."""
HISTORY_COLUMNS = ("Recorded", "Whose", "Answer", "Agencies", "Categories", "Recorded by")
THE_VICTIM = "The victim"
_STATE_LABELS = {
    ConsentState.GIVEN: "Given",
    ConsentState.REFUSED: "Refused",
    ConsentState.WITHDRAWN: "Withdrawn",
    ConsentState.NOT_SOUGHT: "Not sought",
}


def moment(when: datetime) -> str:
    """A recorded moment in the chair's local time: 20 Nov 2026 16:45."""
    local = instant(when).astimezone()
    return f"{local.day} {local:%b %Y %H:%M}"


def scope_text(ids: tuple[str, ...], everything: str, name_of: dict[str, str]) -> str:
    return everything if WILDCARD in ids else ", ".join(name_of.get(i, i) for i in ids)


class ConsentDialog(QDialog):
    """Add one consent record to a case; accepted only once it is written and audited."""

    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        protocol = session.protocol
        history = session.case_records(case_id).consents
        self.consenters = consenters(session, case_id)
        layout = case_dialog_top(
            self, session, case_id, title=TITLE, width=1060, what=WHAT, about=ABOUT
        )
        layout.addWidget(self._build_history(protocol, history))
        middle = QHBoxLayout()
        middle.addLayout(self._build_answer(), 1)
        self.preview = EffectPreview("What changes if you record this")
        self.preview.tree.setMaximumHeight(150)  # the dialog fits a 768-pixel laptop screen
        middle.addWidget(self.preview, 1)
        layout.addLayout(middle)
        layout.addLayout(self._build_scope(protocol))
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        self.record_button = QPushButton("Record consent")
        self.record_button.setDefault(True)
        self.record_button.clicked.connect(self.record)
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(cancel)
        row.addWidget(self.record_button)
        layout.addLayout(row)
        self.states.buttonToggled.connect(self.update_preview)
        self.whose.currentIndexChanged.connect(self.update_preview)
        for choices in (self.agencies, self.categories):
            choices.changed.connect(self.update_preview)
        self.recorded_at.dateTimeChanged.connect(self.update_preview)
        self.update_preview()
        fit_to_screen(self)

    def _build_answer(self) -> QVBoxLayout:
        column = QVBoxLayout()
        self.whose = QComboBox()
        self.whose.setAccessibleName("Whose consent")
        self.whose.setToolTip(
            "Information about another adult needs that adult's own consent; information "
            "about the victim, the children or the perpetrator needs the victim's."
        )
        for person_id, words in self.consenters.items():
            self.whose.addItem(words, person_id)
        whose_form = QFormLayout()
        whose_form.addRow("&Whose consent:", self.whose)
        column.addLayout(whose_form)
        answer = QGroupBox("The answer")
        answer.setAccessibleName("The answer")
        answer_row = QHBoxLayout(answer)
        self.states = QButtonGroup(self)
        self.state_buttons: dict[ConsentState, QRadioButton] = {}
        for state, label in _STATE_LABELS.items():
            button = QRadioButton(label)
            button.setAccessibleName(f"Consent {label.lower()}")
            self.states.addButton(button)
            self.state_buttons[state] = button
            answer_row.addWidget(button)
        column.addWidget(answer)
        self.recorded_at = QDateTimeEdit(QDateTime.currentDateTime())
        self.recorded_at.setDisplayFormat(MOMENT_FORMAT)
        self.recorded_at.setCalendarPopup(True)
        self.recorded_at.setAccessibleName("Recorded at")
        self.recorded_at.setMaximumWidth(240)
        self.recorded_by = QLineEdit()
        self.recorded_by.setAccessibleName("Recorded by")
        self.recorded_by.setPlaceholderText("Who took the answer, and their agency")
        form = QFormLayout()
        form.addRow("Recorded &at:", self.recorded_at)
        form.addRow("Recorded &by:", self.recorded_by)
        column.addLayout(form)
        column.addStretch()
        return column

    def _build_scope(self, protocol: Protocol) -> QHBoxLayout:
        self.agencies = Choices(
            "Agencies it covers",
            [(a.id, a.name) for a in protocol.agencies],
            all_label="All agencies",
            groups=group_options(protocol),
        )
        self.categories = Choices(
            "Information it covers",
            [(c.id, c.name) for c in protocol.categories],
            all_label="All categories of information",
        )
        self.agencies.choose([WILDCARD])
        self.categories.choose([WILDCARD])
        scope = QHBoxLayout()
        scope.addWidget(self.agencies)
        scope.addWidget(self.categories)
        return scope

    def _build_history(self, protocol: Protocol, consents: tuple[Consent, ...]) -> QGroupBox:
        box = QGroupBox("Recorded so far (newest first)")
        box.setAccessibleName("Consent history")
        self.history = QTreeWidget()
        self.history.setAccessibleName("Consent history, newest first")
        self.history.setHeaderLabels(list(HISTORY_COLUMNS))
        self.history.setRootIsDecorated(False)
        self.history.setWordWrap(True)
        agency_names = {a.id: a.name for a in protocol.agencies}
        agency_names.update((g.id, g.name) for g in protocol.groups)
        category_names = {c.id: c.name for c in protocol.categories}
        order = sorted(
            range(len(consents)), key=lambda i: (instant(consents[i].recorded_at), i), reverse=True
        )
        deciding: set[str | None] = set()
        for i in order:
            consent = consents[i]
            answer = _STATE_LABELS[consent.state]
            whose = consent.person if consent.person in self.consenters else None
            first = whose not in deciding
            deciding.add(whose)
            self.history.addTopLevelItem(
                QTreeWidgetItem(
                    [
                        moment(consent.recorded_at),
                        self.consenters.get(consent.person, THE_VICTIM),
                        f"{answer} (decides now)" if first else answer,
                        scope_text(consent.agencies, "All agencies", agency_names),
                        scope_text(consent.categories, "All categories", category_names),
                        consent.recorded_by,
                    ]
                )
            )
        if not consents:
            self.history.addTopLevelItem(QTreeWidgetItem(["None recorded yet."]))
        for column in range(len(HISTORY_COLUMNS)):
            self.history.resizeColumnToContents(column)
        self.history.setMaximumHeight(130)
        QVBoxLayout(box).addWidget(self.history)
        return box

    def chosen_state(self) -> ConsentState | None:
        return next((s for s, b in self.state_buttons.items() if b.isChecked()), None)

    def consent(self) -> Consent | None:
        """The record as the form stands; None until an answer is chosen."""
        state = self.chosen_state()
        if state is None:
            return None
        return Consent(
            state,
            self.agencies.chosen(),
            self.categories.chosen(),
            _as_utc(self.recorded_at.dateTime().toPython()),
            self.recorded_by.text().strip(),
            self.whose.currentData(),
        )

    def update_preview(self) -> None:
        consent = self.consent()
        if consent is None:
            self.preview.ask("Choose the answer to see what it would change.")
            return
        if not consent.agencies or not consent.categories:
            self.preview.ask("Tick the agencies and the information the answer covers.")
            return
        effect = self.session.consent_effect(self.case_id, consent)
        nothing = (
            "Nothing would change: with this answer the protocol shares the same entries "
            "with the same agencies as now."
            if effect.decides
            else "Nothing would change: an answer of the same person recorded later than this "
            "time decides what is shared. Check the time it was recorded."
        )
        self.preview.show_changes(effect.shown, effect.hidden, nothing)

    def record(self) -> None:
        consent = self.consent()
        if consent is None:
            self.problem.problem("Choose the answer: given, refused, withdrawn or not sought.")
            return
        fields = {
            "person": self.whose,
            "agencies": self.agencies,
            "categories": self.categories,
            "recorded_by": self.recorded_by,
        }
        record = partial(self.session.record_consent, self.case_id, consent)
        write_or_say_why(self, self.problem, record, fields)


def consenters(session: Session, case_id: str) -> dict[str | None, str]:
    """Whose consent a record may be, as the chair reads it: the victim (None), then each
    of the case's other adults by name (the chair's own view names everyone)."""
    people = session.case_view(case_id, Audience.chair()).people
    found: dict[str | None, str] = {None: THE_VICTIM}
    for person in people:
        if person.role is PersonRole.OTHER_ADULT and person.name is not None:
            found[person.id] = f"{person.name} (other adult)"
    return found


def _as_utc(local: object) -> datetime:
    """The edit's local wall time, to the minute, as an aware UTC moment."""
    if not isinstance(local, datetime):
        raise TypeError("QDateTime.toPython() gave no datetime")
    return local.replace(second=0, microsecond=0).astimezone(UTC)
