"""The chair's page for one case: referral, people, information, actions, consent history.

It shows a `CaseView`: the chair's (every entry marked with who may see it, and why the
others may not) or, when the chair previews, an agency's or the room's. In a preview
nothing is editable, so the chair sees exactly that audience's page; nor is anything when
the file may not be changed at all (it is damaged).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLayout,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import WILDCARD, CaseStatus, PersonRole, instant
from mara_desktop.protocol.model import Protocol
from mara_desktop.protocol.rule import when_text
from mara_desktop.ui.action_editing import ActionDelegate
from mara_desktop.ui.case_models import ActionColumn, ActionsModel, ItemColumn, ItemsModel
from mara_desktop.ui.text import plain_label
from mara_desktop.views.model import Access, ActionView, CaseRecords, CaseView, PersonView


def header_text(view: CaseView) -> str:
    header = view.header
    if header is None:
        return "The referral details are not shared with this audience."
    parts = [header.criteria_text]
    parts.append(f"referred on {when_text(header.referral_date)}")
    parts.append("children involved" if header.children_involved else "adults only")
    if header.status is CaseStatus.TRANSFERRED:
        area = header.transferred_to or "another area"
        on = f" on {when_text(header.closed_on)}" if header.closed_on else ""
        parts.append(f"transferred to {area}{on}")
    return " · ".join(parts)


def closing_text(status: CaseStatus, day: date | None, reason: str) -> str:
    """For the chair: when the case stopped being the MARAC's, and why; empty while open."""
    when = f" on {when_text(day)}" if day else ""
    if status is CaseStatus.CLOSED:
        return f"Closed{when}" + (f" ({reason})" if reason else "")
    if status is CaseStatus.TRANSFERRED:
        return f"Transferred to another area{when}"
    return ""


def people_text(view: CaseView) -> str:
    """One line that wraps, not a line per person: the height is the information's."""
    lines = []
    for person in view.people:
        if person.name is None:
            continue
        details = [f"born {when_text(person.born)}"] if person.born else []
        details += [f"school: {person.school}"] if person.school else []
        said = f" ({'; '.join(details)})" if details else ""
        lines.append(f"{person.label}: {person.name}{said}")
    return "   ·   ".join(lines) or "No names are shared with this audience."


def access_text(access: Access | None, protocol: Protocol) -> str:
    """What the detail line under a table says about the selected entry."""
    if access is None:
        return ""
    if access.shown_because is not None:
        return f"Shown because: {access.shown_because.reason}"
    seen = ", ".join(protocol.agency_name(a) for a in access.visible_to) or "nobody but the chair"
    lines = [f"May see it: {seen}."]
    lines += [f"• {decision.reason}" for decision in access.withheld]
    return "\n".join(lines)


def records_text(
    records: CaseRecords, protocol: Protocol, people: tuple[PersonView, ...] = ()
) -> str:
    """Consent and override records in one history, newest first: an override decided
    after a consent was recorded reads above it. Each consent says whose it is: the
    victim's, or an other adult's by name from the chair's `people`."""
    adults = {
        p.id: f"{p.name} (other adult)"
        for p in people
        if p.role is PersonRole.OTHER_ADULT and p.name is not None
    }

    def names(ids: tuple[str, ...], name: object) -> str:
        if WILDCARD in ids:
            return "all"
        return ", ".join(str(name(i)) for i in ids)  # type: ignore[operator]

    dated = []
    for consent in records.consents:
        dated.append(
            (
                instant(consent.recorded_at),
                f"Consent of {adults.get(consent.person or '', 'the victim')} "
                f"{consent.state.label} on {when_text(consent.recorded_at)} "
                f"(recorded by {consent.recorded_by}); agencies: "
                f"{names(consent.agencies, protocol.agency_name)}; information: "
                f"{names(consent.categories, protocol.category_name)}.",
            )
        )
    for override in records.overrides:
        basis = protocol.lawful_basis(override.lawful_basis)
        until = f", until {when_text(override.until)}" if override.until else ""
        dated.append(
            (
                instant(override.decided_at),
                f"Override on {when_text(override.decided_at)} by {override.decided_by}{until}: "
                f"{names(override.categories, protocol.category_name)} shared with "
                f"{names(override.agencies, protocol.agency_name)} "
                f"({basis.text if basis else override.lawful_basis}). {override.justification}",
            )
        )
    dated.sort(key=lambda entry: entry[0], reverse=True)
    return "\n".join(line for _, line in dated) or "No consent or override recorded."


WHY_LINES = 4
"""The explanation under the information: a few lines, the rest scrolls."""
RECORDS_LINES = 3

_EDIT_TRIGGERS = (
    QAbstractItemView.EditTrigger.DoubleClicked
    | QAbstractItemView.EditTrigger.EditKeyPressed
    | QAbstractItemView.EditTrigger.AnyKeyPressed
)


def _reading_pane(name: str, lines: int) -> QPlainTextEdit:
    """Read-only text that scrolls, for explanations that can run to a dozen lines: no
    taller than `lines`, so the table above it, which the chair reads, keeps the height."""
    pane = QPlainTextEdit()
    pane.setReadOnly(True)
    pane.setAccessibleName(name)
    pane.setFrameShape(QFrame.Shape.NoFrame)
    margins = 2 * pane.document().documentMargin() + 2
    pane.setMaximumHeight(round(pane.fontMetrics().lineSpacing() * lines + margins))
    return pane


def _column_widths(table: QTableView, widths: dict[int, int], stretch: int) -> None:
    """Fixed widths for the short columns and the long text column taking the rest, so
    every column stays in view and the text wraps instead of running off the side."""
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(False)
    for column, width in widths.items():
        header.resizeSection(column, width)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)


def _button_row(left: QWidget, right: QWidget) -> QHBoxLayout:
    row = QHBoxLayout()
    row.addWidget(left)
    row.addStretch()
    row.addWidget(right)
    return row


def _table(model: ItemsModel | ActionsModel, name: str) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.setAlternatingRowColors(True)
    return table


class CasePage(QWidget):
    record_information = Signal()
    record_consent = Signal()
    record_override = Signal()
    add_action = Signal()
    edit_referral = Signal()
    add_person = Signal()
    correct_person = Signal(str)
    """The id of the person to correct."""
    correct_item = Signal(str)
    """The id of the entry to correct."""
    show_history = Signal()
    close_or_reopen = Signal(bool)
    """True to reopen the case shown (it is closed), False to close it."""

    def __init__(self, protocol: Protocol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._protocol = protocol
        self._view: CaseView | None = None
        self._chair_case = False
        """The chair's own view of a case is shown: the one page where edits belong."""
        self._file_editable = True
        self._transferred = self._closed = False
        self.items_model = ItemsModel(protocol, with_access=True)
        self.actions_model = ActionsModel(protocol, with_access=True, editable=True)
        self._build()

    def _build(self) -> None:
        self.title = plain_label("", "Case")
        self.title.setObjectName("caseTitle")
        self.preview_banner = plain_label("", "Preview")
        self.preview_banner.setObjectName("previewBanner")
        self.preview_banner.hide()
        self.summary = plain_label("", "Referral")
        self.people = plain_label("", "People")

        self.items_table = _table(self.items_model, "Information shared")
        _column_widths(
            self.items_table,
            {
                ItemColumn.ABOUT: 170,
                ItemColumn.WHAT: 170,
                ItemColumn.SOURCE: 140,
                ItemColumn.SEEN_BY: 230,
            },
            ItemColumn.TEXT,
        )
        self.item_detail = _reading_pane("Who may see the selected information", WHY_LINES)
        self.item_detail.setPlaceholderText(
            "Select a row to read who may see it and why the others may not."
        )
        self.items_table.selectionModel().selectionChanged.connect(self._item_selected)

        self.actions_table = _table(self.actions_model, "Actions")
        self.actions_table.setItemDelegate(ActionDelegate(self._protocol, self.actions_table))
        _column_widths(
            self.actions_table,
            {
                ActionColumn.REFERENCE: 90,
                ActionColumn.OWNER: 150,
                ActionColumn.OWNER_NAME: 130,
                ActionColumn.DUE: 120,
                ActionColumn.STATUS: 150,
                ActionColumn.SEEN_BY: 140,
            },
            ActionColumn.TEXT,
        )
        self.actions_table.setEditTriggers(_EDIT_TRIGGERS)
        self.add_action_button = QPushButton("Add action…")
        self.add_action_button.clicked.connect(self.add_action)

        self.records = _reading_pane("Consent and override history", RECORDS_LINES)
        self.consent_button = QPushButton("Record consent…")
        self.consent_button.clicked.connect(self.record_consent)
        self.override_button = QPushButton("Record override…")
        self.override_button.clicked.connect(self.record_override)

        layout = QVBoxLayout(self)
        self._heading_rows(layout)
        splitter = QSplitter(Qt.Orientation.Vertical)
        information_below = QVBoxLayout()
        information_below.addWidget(self.item_detail)
        information_buttons = QHBoxLayout()
        information_buttons.addStretch()
        self._information_buttons(information_buttons)
        information_below.addLayout(information_buttons)
        splitter.addWidget(self._box("Information", self.items_table, information_below))
        # The case is closed once its actions are agreed: here it takes no height of its own.
        actions_buttons = _button_row(self.close_case_button, self.add_action_button)
        splitter.addWidget(self._box("Actions", self.actions_table, actions_buttons))
        records_buttons = QHBoxLayout()
        records_buttons.addStretch()
        records_buttons.addWidget(self.consent_button)
        records_buttons.addWidget(self.override_button)
        splitter.addWidget(self._box("Consent and overrides", self.records, records_buttons))
        # The information is what the meeting reads: it takes every pixel the others do not
        # need (the actions, a few rows; the history, a few lines; both can be dragged).
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setStretchFactor(2, 0)
        splitter.setSizes([600, 200, 100])
        layout.addWidget(splitter, 1)

    def _information_buttons(self, row: QHBoxLayout) -> None:
        """History…, Correct entry… (the selected row) and Record information…"""
        self.information_button = QPushButton("Record information…")
        self.information_button.setToolTip("Record what an agency shares at the meeting")
        self.information_button.clicked.connect(self.record_information)
        self.correct_item_button = QPushButton("Correct entry…")
        self.correct_item_button.setToolTip(
            "Correct the selected entry; what it said before is kept in the history"
        )
        self.correct_item_button.clicked.connect(self._correct_selected)
        self.history_button = QPushButton("History…")
        self.history_button.setToolTip("What corrected entries and people said before")
        self.history_button.clicked.connect(self.show_history)
        row.addWidget(self.history_button)
        row.addWidget(self.correct_item_button)
        row.addWidget(self.information_button)

    def _heading_rows(self, layout: QVBoxLayout) -> None:
        """The case's title with Edit referral…, Add person… and Correct person… (a menu of
        the case's people) beside it, where they take no height; its referral; when it
        closed, and why; its people."""
        self.edit_referral_button = QPushButton("Edit referral…")
        self.edit_referral_button.setToolTip("Correct the referral, its checklist or the status")
        self.edit_referral_button.clicked.connect(self.edit_referral)
        self.add_person_button = QPushButton("Add person…")
        self.add_person_button.clicked.connect(self.add_person)
        self.correct_person_button = QPushButton("Correct person…")
        self.correct_person_button.setToolTip("Correct a name or a date; the earlier values stay")
        self.people_menu = QMenu(self.correct_person_button)
        self.correct_person_button.setMenu(self.people_menu)
        self.closing = plain_label("", "Closed")
        self.closing.hide()
        self.close_case_button = QPushButton("Close case…")
        self.close_case_button.setToolTip("Close the case (or reopen a closed one)")
        self.close_case_button.clicked.connect(lambda: self.close_or_reopen.emit(self._closed))
        layout.addWidget(self.preview_banner)
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        for button in (
            self.edit_referral_button,
            self.add_person_button,
            self.correct_person_button,
        ):
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(row)
        layout.addWidget(self.summary)
        layout.addWidget(self.closing)
        layout.addWidget(self.people)

    @staticmethod
    def _box(title: str, widget: QWidget, below: QWidget | QLayout) -> QGroupBox:
        box = QGroupBox(title)
        inner = QVBoxLayout(box)
        inner.addWidget(widget, 1)
        if isinstance(below, QLayout):
            inner.addLayout(below)
        else:
            inner.addWidget(below)
        return box

    def show_case(
        self, view: CaseView | None, records: CaseRecords, *, preview_of: str | None = None
    ) -> None:
        """`preview_of` names the audience the chair is previewing; None is the chair's own."""
        self._view = view
        chair = preview_of is None
        self.items_model.show(view)
        self.actions_model.show(view)
        self.item_detail.clear()
        self.preview_banner.setVisible(not chair)
        # Who else may see an entry is the chair's knowledge, not part of an agency's view.
        self.items_table.setColumnHidden(ItemColumn.SEEN_BY, not chair)
        self.actions_table.setColumnHidden(ActionColumn.SEEN_BY, not chair)
        self.preview_banner.setText(
            f"Preview: exactly what {preview_of} may see" if preview_of else ""
        )
        self._chair_case = chair and view is not None
        self._enable_edits()
        if view is None:
            for label in (self.title, self.summary, self.people):
                label.clear()
            self._show_closing(CaseRecords())
            self.records.clear()
            return
        self.title.setText(f"{view.number}. {view.title}" if view.number else view.title)
        self.summary.setText(header_text(view))
        self._show_closing(records if chair else CaseRecords())
        self.people.setText(people_text(view))
        self._fill_people_menu(view if chair else None)
        self.records.setPlainText(
            records_text(records, self._protocol, view.people) if chair else ""
        )
        self.items_table.resizeRowsToContents()
        self.actions_table.resizeRowsToContents()

    def _show_closing(self, records: CaseRecords) -> None:
        """The closing line, and the button that closes an open case or reopens a closed
        one (a transferred case is another area's now)."""
        text = closing_text(records.status, records.closed_on, records.closed_reason)
        self.closing.setText(text)
        self.closing.setVisible(bool(text))
        self._closed = records.status is CaseStatus.CLOSED
        self.close_case_button.setText("Reopen case…" if self._closed else "Close case…")
        self._transferred = records.status is CaseStatus.TRANSFERRED
        self._enable_edits()

    def _fill_people_menu(self, view: CaseView | None) -> None:
        """The people to correct, by the chair's names; empty in a preview."""
        self.people_menu.clear()
        for person in view.people if view is not None else ():
            action = self.people_menu.addAction(f"{person.label}: {person.name}")
            action.triggered.connect(partial(self.correct_person.emit, person.id))

    def show_opening(self, statement: str, earlier: list[ActionView]) -> None:
        """The start of the meeting: the statement to read, and the actions to review."""
        self._view = None
        self.items_model.clear()
        self.actions_model.show_actions(earlier)
        self.item_detail.clear()
        self.records.clear()
        self.preview_banner.hide()
        self._chair_case = False
        self._show_closing(CaseRecords())
        self.title.setText("Opening")
        self.summary.setText(
            "Read the confidentiality statement; then review the actions from earlier "
            f"meetings below ({len(earlier)}). Page Down goes to the first case."
        )
        self.people.setText(statement)
        self.actions_table.resizeRowsToContents()

    def allow_editing(self, allowed: bool) -> None:
        """Whether the file may be changed at all (not once it is found damaged)."""
        self._file_editable = allowed
        self._enable_edits()

    def editing_in_place(self) -> bool:
        return self.actions_table.state() is QAbstractItemView.State.EditingState

    def _enable_edits(self) -> None:
        """What changes the case: only for the chair's own view of a case, never a preview."""
        allowed = self._chair_case and self._file_editable
        buttons = (
            self.information_button,
            self.consent_button,
            self.override_button,
            self.add_action_button,
            self.edit_referral_button,
            self.add_person_button,
            self.correct_person_button,
        )
        for button in buttons:
            button.setEnabled(allowed)
        self.correct_item_button.setEnabled(allowed and self._selected_item() is not None)
        self.history_button.setEnabled(self._chair_case)
        self.close_case_button.setEnabled(allowed and not self._transferred)
        self.actions_table.setEditTriggers(
            _EDIT_TRIGGERS if allowed else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    def _item_selected(self, selected: QItemSelection, _: QItemSelection) -> None:
        rows = selected.indexes()
        self._enable_edits()
        if not rows or self._view is None:
            self.item_detail.clear()
            return
        item = self.items_model.item_at(rows[0].row())
        self.item_detail.setPlainText(access_text(item.access, self._protocol))

    def _selected_item(self) -> str | None:
        """The id of the entry selected in the chair's own view, if any."""
        rows = self.items_table.selectionModel().selectedRows()
        if not rows or not self._chair_case:
            return None
        return self.items_model.item_at(rows[0].row()).id

    def _correct_selected(self) -> None:
        item_id = self._selected_item()
        if item_id is not None:
            self.correct_item.emit(item_id)
