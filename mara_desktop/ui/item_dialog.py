"""Recording information an agency shares at the meeting, as it will read in the minutes.

Most of what agencies know arrives with the cases the coordinator imports; this is for what
is said in the room (a GP's note from last week, the meeting's own risk summary). Who may
see it follows from the protocol, like everything else: from what kind of information it
is, who shared it, whom it is about and any restriction its agency asks for. While the chair
fills the form in, the dialog shows exactly who would see it and why the others would not
(the session decides it for the case with the new entry added, by the same rule as the
console), so a wrong kind can be corrected before the safe address goes to the wrong agency.

Recording goes through the session, which checks the entry by the item's rules and writes
the audit record (ids and kinds, never the text). Information is not edited once recorded:
what an agency said stays what it said, unless it was wrong, and then a correction
(correction_dialog.py) keeps the earlier text with the reason. Text that mentions a person
or a value withheld from an agency that would read it is recorded only once the chair has
seen a warning naming those agencies (ui/mention_warning.py).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import Audience, Item, Subject
from mara_desktop.session import Session
from mara_desktop.ui.case_page import access_text
from mara_desktop.ui.dialog_parts import (
    Choices,
    StatusLine,
    fit_to_screen,
    heading,
    note,
    record_row,
    write_or_say_why,
)
from mara_desktop.ui.mention_warning import MentionGuard

TITLE = "Record information — MARA Desktop"


class ItemDialog(QDialog):
    """Add one entry of information to a case; accepted only once it is written and audited."""

    def __init__(self, session: Session, case_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.case_id = session, case_id
        self.item_id = session.new_entry_id(case_id, "i")
        self.setWindowTitle(TITLE)
        self.setMinimumWidth(1000)
        chair_view = session.case_view(case_id, Audience.chair())
        self.people = chair_view.people
        layout = QVBoxLayout(self)
        self.heading = heading(f"Record information shared at the meeting — {chair_view.title}")
        layout.addWidget(self.heading)
        self.about_note = note(
            "Write it as it should read in the minutes. Who may see it follows from the "
            "protocol: check the list on the right before recording. If it turns out to be "
            "wrong, Correct entry… corrects it and keeps what it said before.",
            "About recording information",
        )
        layout.addWidget(self.about_note)
        columns = QHBoxLayout()
        columns.addLayout(self._build_form(), 3)
        columns.addWidget(self._build_preview(), 2)
        layout.addLayout(columns)
        self.problem = StatusLine("Problem")
        layout.addWidget(self.problem)
        self.record_button = record_row(self, layout, "Record information", self.record)
        self.mentions = MentionGuard(session, case_id, self.problem, self.record_button)
        self.text.textChanged.connect(self.mentions.text_changed)
        self.update_preview()
        fit_to_screen(self)

    def _build_form(self) -> QVBoxLayout:
        protocol = self.session.protocol
        self.category = QComboBox()
        self.category.setAccessibleName("Kind of information")
        self.category.setPlaceholderText("Choose what kind of information it is…")
        for category in protocol.categories:
            if not category.identity:  # names come with the people, not as information
                self.category.addItem(category.name, category.id)
        self.category.setCurrentIndex(-1)
        self.source = QComboBox()
        self.source.setAccessibleName("Shared by")
        self.source.setPlaceholderText("Choose the agency that shared it…")
        for agency in protocol.agencies:
            self.source.addItem(agency.name, agency.id)
        self.source.setCurrentIndex(-1)
        self.about = QComboBox()
        self.about.setAccessibleName("About")
        self._about: list[tuple[Subject, str | None]] = []
        """For each entry of `about`: the subject, and the person's id if it is a person."""
        for person in self.people:
            self.about.addItem(f"{person.label}: {person.name}")
            self._about.append((person.role.subject, person.id))
        for label, subject in (
            ("The household", Subject.HOUSEHOLD),
            ("The case as a whole", Subject.CASE),
        ):
            self.about.addItem(label)
            self._about.append((subject, None))
        self.text = QPlainTextEdit()
        self.text.setAccessibleName("What was shared")
        self.text.setPlaceholderText("What the agency told the meeting.")
        self.text.setTabChangesFocus(True)
        self.restricted = Choices(
            "Only for these agencies (if the agency that shared it asks; else leave empty)",
            [(a.id, a.name) for a in protocol.agencies],
        )
        form = QFormLayout()
        form.addRow("&Kind of information:", self.category)
        form.addRow("Shared &by:", self.source)
        form.addRow("&About:", self.about)
        form.addRow("&What was shared:", self.text)
        column = QVBoxLayout()
        column.addLayout(form)
        column.addWidget(self.restricted)
        self.category.currentIndexChanged.connect(self._category_chosen)
        for combo in (self.source, self.about):
            combo.currentIndexChanged.connect(self.update_preview)
        self.restricted.changed.connect(self.update_preview)
        return column

    def _build_preview(self) -> QGroupBox:
        box = QGroupBox("Who would see it")
        box.setAccessibleName("Who would see it")
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Who would see it, and why the others would not")
        QVBoxLayout(box).addWidget(self.preview)
        return box

    def _category_chosen(self) -> None:
        """Point "About" at whom this kind of information is usually about, unless the
        chair already chose someone it may be about."""
        category = self.session.protocol.category(str(self.category.currentData()))
        if category is not None and self._subject() is not category.subject:
            wanted = [
                i for i, (subject, _) in enumerate(self._about) if subject is category.subject
            ]
            if wanted:
                self.about.setCurrentIndex(wanted[0])
        self.update_preview()

    def _subject(self) -> Subject:
        return self._about[self.about.currentIndex()][0]

    def item(self) -> Item | None:
        """The entry as the form stands, or None while its kind or its source is not chosen."""
        category, source = self.category.currentData(), self.source.currentData()
        if not isinstance(category, str) or not isinstance(source, str):
            return None
        subject, person = self._about[self.about.currentIndex()]
        return Item(
            self.item_id,
            category,
            source,
            subject,
            self.text.toPlainText().strip(),
            restricted_to=self.restricted.chosen(),
            person=person,
            recorded_at=datetime.now(UTC).replace(microsecond=0),
        )

    def update_preview(self) -> None:
        item = self.item()
        if item is None:
            self.preview.setPlainText(
                "Choose the kind of information and the agency that shared it to see who "
                "would see it."
            )
            return
        access = self.session.access_if_recorded(self.case_id, item)
        self.preview.setPlainText(access_text(access, self.session.protocol))

    def record(self) -> None:
        item = self.item()
        if item is None:
            self.problem.problem("Choose the kind of information and the agency that shared it.")
            return
        fields = {
            "text": self.text,
            "category": self.category,
            "source": self.source,
            "restricted_to": self.restricted,
            "person": self.about,
            "subject": self.about,
        }
        if not self.mentions.may_record(item):
            return
        write_or_say_why(self, self.problem, partial(self._write, item), fields)

    def _write(self, item: Item) -> None:
        self.session.record_item(self.case_id, item)
        self.mentions.recorded(item)
