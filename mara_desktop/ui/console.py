"""The chair's console: the main window the chair runs the meeting from.

It walks the agenda, shows each case with who may see what, presents the shared screen,
previews any audience's view, records consent, overrides and actions, and locks. It holds
the open file as a `Session` (session/): case data reaches it only as views (through the
session's `Meeting`); edits go to the session, which checks and audits them, and the page
is then rebuilt from a fresh view. Locking closes the session; unlocking opens a new one.
Locking drops case data, not the meeting's place: the console keeps where the chair stood
(a `MeetingPlace`: ids and numbers) and whether the shared screen was up, and unlocking on
the same file comes back there, with the shared screen up again but blank. Who has left is
in the file's attendance, so the room comes back with it.

Blank (B) holds until the chair presses B again: nothing that rebuilds the page (another
case, View as, an edit, a tick in the attendance) shows the room anything while it holds.

The window keeps its claim on the file (session/claims.py) from opening until it closes,
locked or not: the meeting stays this window's. While unlocked it hears of changes made by
another program and of damage the page check found (ui/file_watch.py). Whatever the session
refuses reaches the chair as its sentence: damage as a band that stays, with every way of
changing the file turned off; anything else in a message.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QInputDialog,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.domain import OBSERVER, Audience
from mara_desktop.errors import MaraError
from mara_desktop.session import DamagedCaseFile, InUse, Meeting, MeetingPlace, Session
from mara_desktop.ui.action_dialog import ActionDialog
from mara_desktop.ui.action_editing import FIELDS
from mara_desktop.ui.action_log_dialog import ActionLogDialog
from mara_desktop.ui.agenda_dialog import AgendaDialog
from mara_desktop.ui.agenda_panel import AgendaPanel, conference_label
from mara_desktop.ui.attendance_dialog import AttendanceDialog
from mara_desktop.ui.audit_dialog import AuditDialog
from mara_desktop.ui.breach_log_dialog import BreachLogDialog
from mara_desktop.ui.case_models import ActionColumn
from mara_desktop.ui.case_page import CasePage
from mara_desktop.ui.clipboard import ClipboardGuard
from mara_desktop.ui.close_case_dialog import CloseCaseDialog, reopen
from mara_desktop.ui.conference_dialog import ConferenceDialog
from mara_desktop.ui.consent_dialog import ConsentDialog
from mara_desktop.ui.console_commands import ConsoleCommands
from mara_desktop.ui.correction_dialog import CorrectionDialog
from mara_desktop.ui.export_dialog import ExportDialog
from mara_desktop.ui.file_watch import FileWatcher
from mara_desktop.ui.header_dialog import HeaderDialog
from mara_desktop.ui.history_dialog import HistoryDialog
from mara_desktop.ui.importing import NOTHING_IMPORTED, import_chosen_file
from mara_desktop.ui.item_dialog import ItemDialog
from mara_desktop.ui.locked_page import LockedPage
from mara_desktop.ui.locking import (
    IdleWatch,
    ScreenLockWatch,
    save_idle_minutes,
    saved_idle_minutes,
)
from mara_desktop.ui.mention_warning import AS_WRITTEN, record_kept, warning_text
from mara_desktop.ui.notice_bands import NoticeBands
from mara_desktop.ui.override_dialog import OverrideDialog
from mara_desktop.ui.participant_window import ParticipantWindow
from mara_desktop.ui.person_dialog import PersonDialog
from mara_desktop.ui.presenting_bands import PresentingBands
from mara_desktop.ui.protocol_dialog import ProtocolDialog
from mara_desktop.ui.referral_dialog import ReferralDialog
from mara_desktop.ui.retention_dialog import RetentionDialog
from mara_desktop.ui.signatures_dialog import SignaturesDialog
from mara_desktop.ui.statistics_dialog import StatisticsDialog
from mara_desktop.ui.subject_access_dialog import SubjectAccessDialog
from mara_desktop.ui.transfer_dialog import TransferDialog
from mara_desktop.ui.unlock import OpenCaseFileDialog
from mara_desktop.views.mentions import Mention
from mara_desktop.views.model import CaseRecords

TITLE = "MARA Desktop — chair's console"
"""No file name, conference or case: titles show in task bars and shared screens."""

CHAIR_VIEW = "chair"
ROOM_VIEW = "room"
CHANGED_ELSEWHERE = (
    "The case file was changed by another program (an import?): the console now shows it."
)
CASE_LEFT_AGENDA = " The case you had open is no longer on this meeting's agenda."
QUIT_TITLE = "Quit while presenting?"
QUIT_QUESTION = "The room's screen is showing. Quitting closes it and the case file. Quit now?"


class ChairConsole(QMainWindow):
    """The console on `session`, whose file this window has claimed with `claim`."""

    def __init__(self, session: Session, claim: InUse) -> None:
        super().__init__()
        self.setWindowTitle(TITLE)
        self.session: Session | None = None
        self.meeting: Meeting | None = None
        self._path = session.path
        self._claim = claim
        self.participant = ParticipantWindow(session.protocol)
        self.presenting = False
        self.room_blank = False
        self._place: MeetingPlace | None = None
        self._presenting_when_locked = False
        self._file_open = False
        self._file_writable = False
        """What Export and Import wait for, both (`_allow_file_commands`)."""
        self._build(session)
        self._set_presenting(False)
        self._idle = IdleWatch(saved_idle_minutes(), self)
        self._idle.idle.connect(self.lock)
        self._idle.counting.connect(self._warn_of_lock)
        self._idle.count_over.connect(self.presenting_bands.end_lock_warning)
        self.presenting_bands.keep_open.connect(self._idle.keep_open)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self._idle)
        self._screen_lock = ScreenLockWatch(self)
        self._screen_lock.screen_locked.connect(self.lock)
        self.clipboard = ClipboardGuard(self)
        self.file_watcher = FileWatcher(self._may_look, self)
        self.file_watcher.changed_elsewhere.connect(self._changed_elsewhere)
        self.file_watcher.damaged.connect(self._damaged)
        self.file_watcher.problem.connect(self.bands.warn)
        self.open_case_file(session, claim)

    # -- building --------------------------------------------------------------------------

    def _build(self, session: Session) -> None:
        self.agenda = AgendaPanel()
        self.agenda.conference_chosen.connect(self.choose_conference)
        self.agenda.position_chosen.connect(self.go_to)
        self.agenda.agenda_reordered.connect(self._reorder)
        self.agenda.leaving.connect(self._record_left)
        self.agenda.edit_attendance.connect(self.correct_attendance)
        self.page = CasePage(session.protocol)
        self.page.record_information.connect(self._record_information)
        self.page.record_consent.connect(self._record_consent)
        self.page.record_override.connect(self._record_override)
        self.page.add_action.connect(self._add_action)
        self.page.edit_referral.connect(self._edit_referral)
        self.page.add_person.connect(self._add_person)
        self.page.correct_person.connect(self._correct_person)
        self.page.correct_item.connect(self._correct_item)
        self.page.show_history.connect(self._show_history)
        self.page.close_or_reopen.connect(self._close_or_reopen)
        self.page.actions_model.edited.connect(self._edit_action)
        splitter = QSplitter()
        splitter.addWidget(self.agenda)
        splitter.addWidget(self.page)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 1000])

        self.locked_page = LockedPage()
        self.locked_page.unlock.connect(self.unlock)
        self.bands = NoticeBands()
        self.presenting_bands = PresentingBands()
        meeting_page = QWidget()
        meeting_layout = QVBoxLayout(meeting_page)
        meeting_layout.setContentsMargins(0, 0, 0, 0)
        meeting_layout.addWidget(self.bands)
        meeting_layout.addWidget(self.presenting_bands)
        meeting_layout.addWidget(splitter, 1)
        self.stack = QStackedWidget()
        self.stack.addWidget(meeting_page)
        self.stack.addWidget(self.locked_page)
        self.setCentralWidget(self.stack)
        self.view_as = QComboBox()
        self.view_as.setAccessibleName("View as")
        self.view_as.setToolTip("Preview exactly what one agency, or the room, may see")
        self.view_as.currentIndexChanged.connect(self.refresh)
        self.commands = ConsoleCommands(self, self, self.view_as)
        self.resize(1360, 860)

    # -- opening, locking ------------------------------------------------------------------

    def open_case_file(
        self, session: Session, claim: InUse, place: MeetingPlace | None = None
    ) -> None:
        """Show the file (the one this window held, or another the chair chose on unlocking:
        then the claim on the earlier one is given back), at `place` in its meeting if
        given, else at the start of its latest meeting."""
        if claim is not self._claim:
            self._claim.release()
            self._claim = claim
        self.session = session
        self._path = session.path
        self.stack.setCurrentIndex(0)
        self._allow_meeting_commands(True)
        self._allow_editing(True)
        for warning in session.warnings:
            self.bands.warn(warning)
        self._fill_view_as()
        self.meeting = None
        with self._saying_why("Case file not read"):
            self._show_latest_meeting(session, place)
        self.file_watcher.watch(session)
        # Not the meeting list, the first in the tab order: it would take typed letters
        # as the choice of another meeting.
        self.agenda.agenda.setFocus()

    def _show_latest_meeting(self, session: Session, place: MeetingPlace | None = None) -> None:
        """The latest meeting from its start, or the one at `place` where the chair stood."""
        conferences = session.conferences()
        if not conferences:
            self.agenda.show_meeting(None)
            self.refresh()
            return
        ids = [conference.id for conference in conferences]
        chosen = place.conference_id if place and place.conference_id in ids else ids[-1]
        self.agenda.set_conferences(conferences, chosen)
        self.choose_conference(chosen, place if place and chosen == place.conference_id else None)

    def choose_conference(self, conference_id: str, place: MeetingPlace | None = None) -> None:
        if self.session is None:
            return
        with self._saying_why("Meeting not read"):
            meeting = self.session.meeting(conference_id)
            if meeting is not None:
                if place is not None:
                    meeting.return_to(place)
                self.meeting = meeting
                self.agenda.show_meeting(meeting)
                self.refresh()

    def lock(self) -> None:
        """Blank the room, drop every view from the models, close the file; keep only
        where the chair stood (ids and numbers) and whether the shared screen was up."""
        if self.session is None:
            return
        self._place = self.meeting.place() if self.meeting is not None else None
        self._presenting_when_locked = self.presenting
        self.meeting = None  # first: clearing the widgets below may ask for a refresh
        self.participant.blank()
        self.participant.hide()
        self._set_presenting(False)
        self.presenting_bands.end_lock_warning()
        self.page.show_case(None, self._no_records())
        self.agenda.show_meeting(None)
        self.view_as.clear()
        self.clipboard.clear_ours()
        self.file_watcher.stop()
        self.bands.clear()
        self.statusBar().clearMessage()
        self.session.close()
        self.session = None
        self._idle.pause()
        self._allow_meeting_commands(False)
        self.stack.setCurrentIndex(1)

    def unlock(self) -> None:
        """On the same file, back where the chair stood, and the shared screen up again
        but blank: the chair shows the room the case with B when ready."""
        dialog = OpenCaseFileDialog(self._path, self, use_remembered_key=False, held=self._claim)
        if dialog.exec() and dialog.session is not None and dialog.claim is not None:
            same_file = dialog.claim is self._claim
            place = self._place if same_file else None
            self._place = None
            self._idle.resume()
            self.open_case_file(dialog.session, dialog.claim, place)
            if same_file and self._presenting_when_locked and self.meeting is not None:
                self._set_room_blank(True)
                self.present()

    @property
    def locked(self) -> bool:
        return self.session is None

    def choose_idle_minutes(self) -> None:
        minutes, ok = QInputDialog.getInt(
            self,
            "Lock after idle time",
            "Lock after this many idle minutes:",
            saved_idle_minutes(),
            1,
            120,
        )
        if ok:
            save_idle_minutes(minutes)
            self._idle.set_minutes(minutes)

    # -- walking the meeting ---------------------------------------------------------------

    def go_to(self, position: int) -> None:
        if self.meeting is None:
            return
        self.meeting.go_to(position)
        self.agenda.select(self.meeting.position)
        self.refresh()

    def next(self) -> None:
        if self.meeting is not None:
            self.go_to(self.meeting.position + 1)

    def previous(self) -> None:
        if self.meeting is not None:
            self.go_to(self.meeting.position - 1)

    def _fill_view_as(self) -> None:
        self.view_as.blockSignals(True)
        self.view_as.clear()
        self.view_as.addItem("The chair (everything)", CHAIR_VIEW)
        self.view_as.addItem("The room now", ROOM_VIEW)
        if self.session is not None:
            for agency in self.session.protocol.agencies:
                self.view_as.addItem(agency.name, agency.id)
        self.view_as.addItem("Observers", OBSERVER)
        self.view_as.blockSignals(False)

    def _audience(self) -> tuple[Audience, str | None]:
        """The audience the console shows, and its name when it is a preview."""
        chosen = self.view_as.currentData()
        if self.meeting is None or chosen in (None, CHAIR_VIEW):
            return Audience.chair(), None
        if chosen == ROOM_VIEW:
            return self.meeting.room, "the room now"
        return Audience.of([chosen]), self.view_as.currentText()

    def refresh(self) -> None:
        """Rebuild the page and, when presenting, the shared screen from fresh views."""
        meeting = self.meeting
        case_id = meeting.current if meeting else None
        if meeting is None:
            self.page.show_case(None, self._no_records())
        elif case_id is None:
            statement = meeting.protocol.confidentiality_statement
            self.page.show_opening(statement, meeting.earlier_actions())
        else:
            audience, preview_of = self._audience()
            self.page.show_case(
                meeting.view(case_id, audience),
                meeting.records(case_id, audience),
                preview_of=preview_of,
            )
            if preview_of is not None:
                self._audit_view(case_id, audience, "preview")
        if self.presenting:
            self._show_room()
        self._allow_file_commands()

    @staticmethod
    def _no_records() -> CaseRecords:
        return CaseRecords()

    # -- the shared screen -----------------------------------------------------------------

    def present(self) -> None:
        if self.meeting is None:
            return
        self._set_presenting(True)
        self._show_room()
        self.participant.present()
        self.activateWindow()

    def _show_room(self) -> None:
        meeting = self.meeting
        if meeting is None or self.room_blank:
            if not self.participant.blanked:
                self.participant.blank()
            return
        view = meeting.room_view()
        if view is None:
            self.participant.show_statement(meeting.room_names())
        else:
            self.participant.show_case(view, meeting.room_names())
            self._audit_view(view.case_id, meeting.room, "shared screen")

    def _audit_view(self, case_id: str, audience: Audience, via: str) -> None:
        """Which case was shown to which audience, and how (ids only), once per change."""
        if self.meeting is not None:
            with self._saying_why("Not recorded in the audit log"):
                self.meeting.shown(case_id, audience, via)

    def blank(self) -> None:
        """B: blank the room's screen at once; B again shows the room the case."""
        self._set_room_blank(not self.room_blank)
        self._show_room()

    def _set_room_blank(self, blank: bool) -> None:
        self.room_blank = blank
        self.commands.blank.setChecked(blank)
        self.presenting_bands.show_blank(blank and self.presenting)

    def scroll_shared_screen(self, pages: int) -> None:
        self.participant.scroll_page(pages)

    def zoom_shared_screen(self, steps: int) -> None:
        """Ctrl+plus / Ctrl+minus / Ctrl+0: the chair sizes the room's type from here (the
        room never touches the shared screen), and reads the new size on the console."""
        percent = self.participant.zoom_by(steps)
        self.statusBar().showMessage(f"Text on the shared screen: {percent}%", 4000)

    def stop_presenting(self) -> None:
        self._set_presenting(False)
        self.participant.blank()
        self.participant.hide()

    def _set_presenting(self, presenting: bool) -> None:
        """Blank and Stop presenting (B, Esc) act only while the shared screen is up; the
        rest of the time Esc is left to whatever window has the keyboard. Presenting anew
        starts unblanked."""
        self.presenting = presenting
        for action in (self.commands.blank, self.commands.stop):
            action.setEnabled(presenting)
        if not presenting:
            self.presenting_bands.end_lock_warning()
        self._set_room_blank(self.room_blank and presenting)

    def _warn_of_lock(self, seconds: int) -> None:
        """The countdown to the idle lock, shown while the room is watching."""
        if self.presenting:
            self.presenting_bands.warn_of_lock(seconds)

    # -- edits -----------------------------------------------------------------------------

    def _current_case_id(self) -> str | None:
        return self.meeting.current if self.meeting else None

    def _record_with(self, dialog: Callable[[Session, str, QWidget], QDialog]) -> None:
        """A dialog that records something on the case being heard; once it has, the
        meeting is read again."""
        case_id = self._current_case_id()
        if self.session is None or case_id is None:
            return
        with self._saying_why("Case not read"):
            if dialog(self.session, case_id, self).exec():
                self._reload_meeting()

    def _record_information(self) -> None:
        self._record_with(ItemDialog)

    def _record_consent(self) -> None:
        self._record_with(ConsentDialog)

    def _record_override(self) -> None:
        self._record_with(OverrideDialog)

    def _edit_referral(self) -> None:
        self._record_with(HeaderDialog)

    def _add_person(self) -> None:
        self._record_with(
            lambda session, case_id, parent: PersonDialog(session, case_id, None, parent)
        )

    def _correct_person(self, person_id: str) -> None:
        self._record_with(
            lambda session, case_id, parent: PersonDialog(session, case_id, person_id, parent)
        )

    def _correct_item(self, item_id: str) -> None:
        def dialog(session: Session, case_id: str, parent: QWidget) -> QDialog:
            view = session.case_view(case_id, Audience.chair())
            entry = next(i for i in view.items if i.id == item_id)
            return CorrectionDialog(session, case_id, entry, parent)

        self._record_with(dialog)

    def _show_history(self) -> None:
        case_id = self._current_case_id()
        if self.session is not None and case_id is not None:
            with self._saying_why("Case not read"):
                HistoryDialog(self.session, case_id, self).exec()

    def _close_or_reopen(self, reopening: bool) -> None:
        """Close case… for an open case (its dialog), Reopen case… for a closed one."""
        session, case_id = self.session, self._current_case_id()
        if not reopening:
            self._record_with(CloseCaseDialog)
        elif session is not None and case_id is not None and reopen(session, case_id, self):
            self._reload_meeting()

    def _add_action(self) -> None:
        """The action dialog, filled in with the defaults for the case being heard; the
        meeting is read again once it has recorded an action or an override."""
        if self.session is None or self.meeting is None:
            return
        dialog: ActionDialog | None = None
        with self._saying_why("Case not read"):
            dialog = ActionDialog.for_current_case(self.session, self.meeting, self)
        if dialog is not None and (dialog.exec() or dialog.override_recorded):
            self._reload_meeting()

    def _edit_action(self, action_id: str, column: int, value: object) -> None:
        case_id, field = self._current_case_id(), FIELDS.get(ActionColumn(column))
        if self.session is None or case_id is None or field is None:
            return
        with self._saying_why("Action not saved"):
            mentions = self.session.mentions_if_changed(case_id, action_id, field, value)
            if mentions and not self._keep_as_written(mentions):
                self._reload_meeting()  # the cell shows the action as it was
                return
            self.session.change_action(case_id, action_id, field, value)
            record_kept(self.session, case_id, action_id, mentions)
        self._reload_meeting()

    def _keep_as_written(self, mentions: list[Mention]) -> bool:
        """The add dialogs' warning, asked of a change typed in the Actions table."""
        assert self.session is not None
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "The action mentions what some may not see",
            warning_text(mentions, self.session),
            parent=self,
        )
        keep = box.addButton(AS_WRITTEN, QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(box.addButton("Reword", QMessageBox.ButtonRole.RejectRole))
        box.exec()
        return box.clickedButton() is keep

    def _record_left(self, agencies: list[str], has_left: bool) -> None:
        """Ticked as having left, or back: the room changes at once, and the attendance
        records it with the time."""
        meeting = self.meeting
        if meeting is None:
            return
        with self._saying_why("Not recorded in the attendance"):
            for agency in agencies:
                meeting.set_left(agency, has_left)
        self.agenda.show_who_left()
        self.refresh()

    def correct_attendance(self) -> None:
        meeting = self.meeting
        if self.session is None or meeting is None:
            return
        if AttendanceDialog(self.session, meeting.conference.id, self).exec():
            self._reload_meeting()

    def _reorder(self, case_ids: list[str]) -> None:
        if self.session is None or self.meeting is None:
            return
        with self._saying_why("Agenda not changed"):
            self.session.set_agenda(self.meeting.conference.id, case_ids)
        self._reload_meeting()

    def _reload_meeting(self) -> None:
        """The meeting, its agenda and the page again from the file, the chair's place kept."""
        meeting = self.meeting
        if meeting is not None:
            with self._saying_why("Case file not read"):
                meeting.reload()
            self.agenda.show_meeting(meeting)
            self.refresh()

    # -- the file changing under the console -----------------------------------------------

    @contextlib.contextmanager
    def _saying_why(self, title: str) -> Iterator[None]:
        """Run a read or write of the file; what the session refuses reaches the chair as its
        sentence: damage as the band (and no more changes), anything else in a message."""
        try:
            yield
        except DamagedCaseFile as error:
            self._damaged(str(error))
        except MaraError as error:
            QMessageBox.warning(self, title, str(error))

    def _damaged(self, sentence: str) -> None:
        self.bands.damage(sentence)
        self._allow_editing(False)

    def _allow_meeting_commands(self, allowed: bool) -> None:
        """What needs the open file: off while locked, so that nothing looks as if it would
        work (Blank and Stop presenting follow presenting)."""
        commands = self.commands
        for action in (
            commands.present,
            commands.previous,
            commands.next,
            commands.scroll_down,
            commands.scroll_up,
            commands.protocol,
            commands.audit,
            commands.signatures,
            commands.breach_log,
            commands.new_referral,
            commands.statistics,
            commands.action_log,
            commands.lock,
        ):
            action.setEnabled(allowed)
        self._file_open = allowed
        self._allow_file_commands()

    def _allow_editing(self, allowed: bool) -> None:
        """Every way of changing the file from this window; minutes record their making in
        the audit log, so they too wait for a file that can be written."""
        self.page.allow_editing(allowed)
        self.agenda.allow_editing(allowed)
        self._file_writable = allowed
        self._allow_file_commands()

    def _allow_file_commands(self) -> None:
        """Export and Import need the file open (not locked) and writable (not damaged):
        decided here alone from both, so neither of the calls above can undo the other."""
        allowed = self._file_open and self._file_writable
        self.commands.export.setEnabled(allowed)
        self.commands.import_file.setEnabled(allowed)
        self.commands.new_conference.setEnabled(allowed)
        self.commands.agenda.setEnabled(allowed)
        self.commands.new_referral.setEnabled(allowed)
        self.commands.transfer.setEnabled(allowed and self._current_case_id() is not None)
        self.commands.subject_access.setEnabled(allowed)
        self.commands.retention.setEnabled(allowed)

    def _may_look(self) -> bool:
        """Not while the chair drags a case or types in a cell: a reload would cut it short."""
        buttons = QApplication.mouseButtons()
        return buttons == Qt.MouseButton.NoButton and not self.page.editing_in_place()

    def _changed_elsewhere(self) -> None:
        """Read the meeting again, on the same conference and the same case where they are
        still there, and say why the page changed."""
        session, meeting = self.session, self.meeting
        if session is None:
            return
        case_id = self._current_case_id()
        if meeting is None:
            with self._saying_why("Case file not read"):
                self._show_latest_meeting(session)
        else:
            with self._saying_why("Case file not read"):
                self.agenda.set_conferences(session.conferences(), meeting.conference.id)
            self._reload_meeting()
        gone = case_id is not None and self._current_case_id() != case_id
        self.statusBar().showMessage(CHANGED_ELSEWHERE + (CASE_LEFT_AGENDA if gone else ""))

    # -- other windows ---------------------------------------------------------------------

    def export_minutes(self) -> None:
        if self.session is not None and self.meeting is not None:
            dialog = ExportDialog(self.session, self.meeting.conference.id, self)
            dialog.exec()
            if dialog.reword_case is not None:  # the chair went back to reword an entry
                self.go_to(self.meeting.number_of(dialog.reword_case) - 1)
                if dialog.reword_item is not None:
                    self._correct_item(dialog.reword_item)

    def import_file(self) -> None:
        """Case file ▸ Import…; afterwards the meeting list holds the new meetings and the
        chair stays on the meeting and the case they were on."""
        session = self.session
        if session is None:
            return
        imported = False
        with self._saying_why(NOTHING_IMPORTED):
            imported = import_chosen_file(session, self)
        if not imported:
            return
        meeting = self.meeting
        with self._saying_why("Case file not read"):
            if meeting is None:
                self._show_latest_meeting(session)
            else:
                self.agenda.set_conferences(session.conferences(), meeting.conference.id)
        self._reload_meeting()

    def new_conference(self) -> None:
        """Meeting ▸ New conference… (Ctrl+N): its details, then the console switches to
        it, at its start, and its agenda opens to be filled."""
        session = self.session
        if session is None:
            return
        dialog = ConferenceDialog(session, self)
        if not dialog.exec() or dialog.conference_id is None:
            return
        with self._saying_why("Case file not read"):
            self.agenda.set_conferences(session.conferences(), dialog.conference_id)
            self.choose_conference(dialog.conference_id)
        self.edit_agenda()

    def edit_agenda(self) -> None:
        """Meeting ▸ Agenda…: the meeting's cases, their order, and cases due for review;
        afterwards the meeting is read again, the chair's place kept."""
        session, meeting = self.session, self.meeting
        if session is None or meeting is None:
            return
        dialog: AgendaDialog | None = None
        with self._saying_why("Case file not read"):
            dialog = AgendaDialog(session, meeting.conference.id, self)
        if dialog is None:
            return
        dialog.exec()
        if dialog.changed:
            with self._saying_why("Case file not read"):
                self.agenda.set_conferences(session.conferences(), meeting.conference.id)
            self._reload_meeting()

    def new_referral(self) -> None:
        """Case file ▸ New referral… (Ctrl+R): once saved, the chair is told the case and
        its repeats, and offered to put it on the current meeting's agenda when that
        meeting is not before the referral."""
        session = self.session
        if session is None or not self.commands.new_referral.isEnabled():
            return
        dialog = ReferralDialog(session, self)
        if not dialog.exec() or dialog.saved_case_id is None or dialog.referral_date is None:
            return
        meeting = self.meeting
        if meeting is None or meeting.conference.date < dialog.referral_date:
            QMessageBox.information(
                self, "Referral saved", dialog.outcome + " Add it to a meeting's agenda to hear it."
            )
        else:
            where = conference_label(meeting.conference)
            answer = QMessageBox.question(
                self, "Referral saved", f"{dialog.outcome} Put it on the agenda of {where}?"
            )
            if answer == QMessageBox.StandardButton.Yes:
                with self._saying_why("Not added to the agenda"):
                    session.add_to_agenda(meeting.conference.id, dialog.saved_case_id)
                    self.agenda.set_conferences(session.conferences(), meeting.conference.id)
        self._reload_meeting()

    def transfer_case(self) -> None:
        """Case ▸ Transfer to another area…: the case being heard; afterwards the console
        shows it transferred."""
        session, case_id = self.session, self._current_case_id()
        if session is None or case_id is None:
            return
        dialog: TransferDialog | None = None
        with self._saying_why("Case not read"):
            dialog = TransferDialog(session, case_id, self)
        if dialog is None or not dialog.exec():
            return
        self._reload_meeting()
        QMessageBox.information(self, "Case transferred", dialog.outcome)

    def show_statistics(self) -> None:
        if self.session is not None:
            StatisticsDialog(self.session, self).exec()

    def subject_access(self) -> None:
        """Case ▸ Subject access request…, on the case being heard."""
        case_id = self._current_case_id()
        if self.session is None:
            return
        if case_id is None:
            QMessageBox.information(
                self, "Subject access request", "Choose a case on the agenda first."
            )
            return
        with self._saying_why("Case not read"):
            SubjectAccessDialog(self.session, case_id, self).exec()

    def show_protocol(self) -> None:
        if self.session is not None:
            ProtocolDialog(self.session.protocol, self).exec()

    def show_audit(self) -> None:
        if self.session is not None:
            AuditDialog(self.session, self).exec()

    def show_signatures(self) -> None:
        """Protocol ▸ Signatures…; the attendance is read again afterwards, since a signature
        recorded there ends its warning."""
        if self.session is None:
            return
        with self._saying_why("Case file not read"):
            SignaturesDialog(self.session, self).exec()
        self._reload_meeting()

    def show_breach_log(self) -> None:
        if self.session is not None:
            with self._saying_why("Case file not read"):
                BreachLogDialog(self.session, self).exec()

    def show_retention(self) -> None:
        """Case file ▸ Retention…; the meeting is read again after a case was closed or
        purged (a purged case leaves the agendas of past meetings)."""
        session = self.session
        if session is None:
            return
        dialog: RetentionDialog | None = None
        with self._saying_why("Case file not read"):
            dialog = RetentionDialog(session, self)
        if dialog is None:
            return
        dialog.exec()
        if dialog.changed and self.meeting is not None:
            with self._saying_why("Case file not read"):
                self.agenda.set_conferences(session.conferences(), self.meeting.conference.id)
            self._reload_meeting()

    def show_action_log(self) -> None:
        """Meeting ▸ Action log…; the meeting is read again afterwards, since an update
        changes an action's status. While it is open, a change another program commits
        (the command line's `actions --update`) reads the log again."""
        if self.session is None:
            return
        dialog: ActionLogDialog | None = None
        with self._saying_why("Case file not read"):
            dialog = ActionLogDialog(self.session, self)
        if dialog is None:
            return
        self.file_watcher.changed_elsewhere.connect(dialog.reload)
        try:
            dialog.exec()
        finally:
            self.file_watcher.changed_elsewhere.disconnect(dialog.reload)
        if self.meeting is not None:
            self._reload_meeting()

    def quit(self) -> None:
        """Ctrl+Q: while the room is watching, ask first."""
        if self.presenting and not self._sure_to_quit():
            return
        self.close()

    def _sure_to_quit(self) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, QUIT_TITLE, QUIT_QUESTION, parent=self)
        leave = box.addButton("Quit", QMessageBox.ButtonRole.AcceptRole)
        stay = box.addButton("Keep presenting", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        box.exec()
        return box.clickedButton() is leave

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """The window's close button (a spontaneous close, from the window system) asks
        what Ctrl+Q asks while the room is watching. A close the app makes itself (Quit,
        once answered; a polite kill at logout, which must not wait on a question) does not."""
        if event.spontaneous() and self.presenting and not self._sure_to_quit():
            event.ignore()
            return
        self.participant.blank()
        self.participant.close()
        self.clipboard.clear_ours()
        self.file_watcher.stop()
        if self.session is not None:
            self.session.close()
            self.session = None
        self._claim.release()
        super().closeEvent(event)
