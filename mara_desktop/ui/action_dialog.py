"""Adding an action agreed at the meeting: what is to be done, by which agency, by whom, by when.

Nothing is guessed out of sight: the owning agency (the referring agency at first) and the
due date (two weeks after the meeting) are shown filled in, for the chair to change, and
the named owner is asked for. The owning agency always sees its own action, but often not
what the action is about: the dialog says which kinds of information of this case the
chosen agency may not see (categories and counts only, from the session's comparison of
that agency's view with the chair's), and offers the override dialog for the ones the
chair ticks, filled in for that agency. Recording goes through the session, which checks
the action by the action's rules (an empty text or owning agency is refused in a sentence)
and audits it. A text that mentions a person or a value withheld from an agency that would
read it is recorded only once the chair has seen a warning (ui/mention_warning.py).
"""

from __future__ import annotations

import dataclasses
from datetime import date
from functools import partial

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import Action
from mara_desktop.session import Meeting, Session
from mara_desktop.ui.dates import DAY_FORMAT
from mara_desktop.ui.dialog_parts import (
    StatusLine,
    case_dialog_top,
    fit_to_screen,
    record_row,
    write_or_say_why,
)
from mara_desktop.ui.mention_warning import MentionGuard
from mara_desktop.ui.override_dialog import OverrideDialog
from mara_desktop.ui.text import count_of, plain_label
from mara_desktop.views.unseen import Unseen

TITLE = "Add action — MARA Desktop"
WHAT = "Add an action"
ABOUT = (
    "Agree what is to be done, which agency owns it, who in that agency will do it "
    "and by when. The owning agency always sees its own action.",
    "About actions",
)
"""The note under the heading, and its accessible name."""


class ActionDialog(QDialog):
    """Add `proposed` (an action with its defaults, no text yet) to the case, as the chair
    completes it; accepted only once it is written and audited. An override recorded from
    here stays recorded even if the action is then cancelled: `override_recorded` says so."""

    def __init__(
        self, session: Session, case_id: str, proposed: Action, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.case_id, self.proposed = session, case_id, proposed
        self.override_recorded = False
        layout = case_dialog_top(
            self, session, case_id, title=TITLE, width=760, what=WHAT, about=ABOUT
        )
        layout.addLayout(self._build_form())
        layout.addWidget(self._build_unseen())
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        self.record_button = record_row(self, layout, "Add action", self.record)
        self.mentions = MentionGuard(session, case_id, self.problem, self.record_button)
        self.text.textChanged.connect(self.mentions.text_changed)
        self.owner.currentIndexChanged.connect(self.update_unseen)
        self.update_unseen()
        fit_to_screen(self)

    @classmethod
    def for_current_case(
        cls, session: Session, meeting: Meeting, parent: QWidget | None = None
    ) -> ActionDialog | None:
        """The dialog for the case being heard, filled in with the meeting's defaults; None
        at the opening, where there is no case to act on."""
        case_id, proposed = meeting.current, meeting.new_action()
        if case_id is None or proposed is None:
            return None
        return cls(session, case_id, proposed, parent)

    def _build_form(self) -> QFormLayout:
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("What is to be done")
        self.text.setPlaceholderText("What is to be done, as it should read in the minutes.")
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(110)
        self.owner = QComboBox()
        self.owner.setAccessibleName("Owning agency")
        self.owner.setPlaceholderText("Choose the agency that will do it…")
        for agency in self.session.protocol.agencies:
            self.owner.addItem(agency.name, agency.id)
        self.owner.setCurrentIndex(self.owner.findData(self.proposed.owner))
        self.owner_name = QLineEdit(self.proposed.owner_name)
        self.owner_name.setAccessibleName("Named owner")
        self.owner_name.setPlaceholderText("Optional: who in that agency will do it")
        self.due = QDateEdit()
        self.due.setAccessibleName("Due date")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat(DAY_FORMAT)
        due = self.proposed.due or date.today()
        self.due.setDate(QDate(due.year, due.month, due.day))
        self.due.setMaximumWidth(200)
        form = QFormLayout()
        form.addRow("What is to be &done:", self.text)
        form.addRow("Owning &agency:", self.owner)
        form.addRow("Named &owner:", self.owner_name)
        form.addRow("D&ue by:", self.due)
        return form

    def _build_unseen(self) -> QGroupBox:
        box = QGroupBox("What the owning agency may not see")
        box.setAccessibleName("What the owning agency may not see")
        column = QVBoxLayout(box)
        self.unseen_text = plain_label("", "What the owning agency may not see of this case")
        column.addWidget(self.unseen_text)
        self.needed_boxes = QVBoxLayout()
        column.addLayout(self.needed_boxes)
        self.needed: dict[str, QCheckBox] = {}
        self.share_button = QPushButton("Share without consent…")
        self.share_button.setAutoDefault(False)
        self.share_button.setToolTip(
            "Record an override for the ticked information and the owning agency"
        )
        self.share_button.clicked.connect(self.share_needed)
        self.share_hint = plain_label(
            "If the action needs any of this, tick it and share it without consent (an "
            "override), or agree another owner.",
            "How to share what the action needs",
        )
        row = QHBoxLayout()
        row.addWidget(self.share_hint, 1)
        row.addWidget(self.share_button)
        column.addLayout(row)
        return box

    def owner_id(self) -> str:
        chosen = self.owner.currentData()
        return chosen if isinstance(chosen, str) else ""

    def update_unseen(self) -> None:
        """Say what the chosen agency may not see, one box for each kind of information."""
        for check in self.needed.values():
            self.needed_boxes.removeWidget(check)
            check.deleteLater()
        self.needed = {}
        owner = self.owner_id()
        unseen = self.session.unseen_by(self.case_id, owner) if owner else []
        name = self.session.protocol.agency_name(owner)
        if not owner:
            self.unseen_text.setText("Choose the owning agency to see what it may not see.")
        elif not unseen:
            self.unseen_text.setText(f"{name} may see everything recorded on this case.")
        else:
            entries = count_of(sum(u.entries for u in unseen), "entry", "entries")
            kinds = ", ".join(u.category_name for u in unseen)
            self.unseen_text.setText(f"{name} may not see {entries} of this case: {kinds}.")
        for each in unseen:
            self._add_needed(each)
        self._needed_changed()

    def _add_needed(self, unseen: Unseen) -> None:
        label = f"{unseen.category_name} ({count_of(unseen.entries, 'entry', 'entries')})"
        check = QCheckBox(label)
        check.setAccessibleName(f"The action needs: {unseen.category_name}")
        why = (
            "no kind of information in the protocol covers it"
            if not unseen.category
            else "the agency that supplied it restricted it to others"
        )
        if unseen.beyond_override == unseen.entries:
            check.setText(f"{label}: an override cannot share it ({why})")
            check.setEnabled(False)
        elif unseen.beyond_override:
            check.setText(f"{label}: an override can share only some of it ({why})")
        check.toggled.connect(self._needed_changed)
        self.needed_boxes.addWidget(check)
        self.needed[unseen.category] = check

    def _needed_changed(self) -> None:
        ticked = self.ticked()
        self.share_button.setVisible(bool(self.needed))
        self.share_hint.setVisible(bool(self.needed))
        self.share_button.setEnabled(bool(ticked))

    def ticked(self) -> list[str]:
        """The categories the chair says the action needs."""
        return [c for c, check in self.needed.items() if check.isChecked()]

    def share_needed(self) -> None:
        """The override dialog, filled in for the owning agency and the ticked information;
        once an override is recorded, what the agency may not see is worked out again."""
        dialog = OverrideDialog(
            self.session,
            self.case_id,
            self,
            categories=self.ticked(),
            agencies=[self.owner_id()],
        )
        if dialog.exec():
            self.override_recorded = True
            self.update_unseen()

    def action(self) -> Action:
        """The action as the form stands."""
        due = self.due.date().toPython()
        return dataclasses.replace(
            self.proposed,
            text=self.text.toPlainText().strip(),
            owner=self.owner_id(),
            owner_name=self.owner_name.text().strip(),
            due=due if isinstance(due, date) else self.proposed.due,
        )

    def record(self) -> None:
        fields = {"text": self.text, "owner": self.owner, "owner_name": self.owner_name}
        action = self.action()
        if not self.mentions.may_record(action):
            return
        write_or_say_why(self, self.problem, partial(self._write, action), fields)

    def _write(self, action: Action) -> None:
        self.session.save_action(self.case_id, action)
        self.mentions.recorded(action)
