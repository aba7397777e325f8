"""The console's commands, each with its key, and the toolbar and menus that offer them.

Keys work across the application: F5, B and Esc must act while the shared screen has the
keyboard (the chair clicked it to drag it to the projector). What each command does is the
console's; this module only says how the chair reaches it.
"""

from __future__ import annotations

import functools
from typing import Protocol

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QComboBox, QLabel, QMainWindow, QMenuBar, QToolBar

from mara_desktop.ui.appearance import LABELS, apply_scheme, saved_scheme


class Console(Protocol):
    """What the commands call on the console."""

    def present(self) -> None: ...
    def blank(self) -> None: ...
    def stop_presenting(self) -> None: ...
    def previous(self) -> None: ...
    def next(self) -> None: ...
    def scroll_shared_screen(self, pages: int) -> None: ...
    def zoom_shared_screen(self, steps: int) -> None: ...
    def export_minutes(self) -> None: ...
    def new_conference(self) -> None: ...
    def edit_agenda(self) -> None: ...
    def import_file(self) -> None: ...
    def show_protocol(self) -> None: ...
    def show_audit(self) -> None: ...
    def show_signatures(self) -> None: ...
    def show_breach_log(self) -> None: ...
    def new_referral(self) -> None: ...
    def transfer_case(self) -> None: ...
    def show_statistics(self) -> None: ...
    def show_action_log(self) -> None: ...
    def subject_access(self) -> None: ...
    def show_retention(self) -> None: ...
    def choose_idle_minutes(self) -> None: ...
    def lock(self) -> None: ...
    def quit(self) -> None: ...


class ConsoleCommands:
    def __init__(self, window: QMainWindow, console: Console, view_as: QComboBox) -> None:
        command = functools.partial(_command, window)
        self.present = command("Present", "F5", console.present)
        self.present.setToolTip("Show the current case to the room on a second window (F5)")
        self.blank = command("Blank", "B", console.blank)
        self.blank.setCheckable(True)
        self.blank.setToolTip("Blank the shared screen at once; B again shows the case (B)")
        self.stop = command("Stop presenting", "Esc", console.stop_presenting)
        self.previous = command("Previous case", "PgUp", console.previous)
        self.next = command("Next case", "PgDown", console.next)
        self.scroll_down = command(
            "Scroll shared screen down", "Ctrl+PgDown", lambda: console.scroll_shared_screen(1)
        )
        self.scroll_up = command(
            "Scroll shared screen up", "Ctrl+PgUp", lambda: console.scroll_shared_screen(-1)
        )
        self.zoom_in = command(
            "Larger text on the shared screen", "Ctrl++", lambda: console.zoom_shared_screen(1)
        )
        # Ctrl and the = key, for a keyboard where + needs Shift and the chair leaves it out.
        self.zoom_in.setShortcuts([QKeySequence("Ctrl++"), QKeySequence("Ctrl+=")])
        self.zoom_out = command(
            "Smaller text on the shared screen", "Ctrl+-", lambda: console.zoom_shared_screen(-1)
        )
        self.zoom_normal = command(
            "Normal text size on the shared screen", "Ctrl+0", lambda: console.zoom_shared_screen(0)
        )
        self.export = command("Export minutes…", "Ctrl+E", console.export_minutes)
        self.new_conference = command("New conference…", "Ctrl+N", console.new_conference)
        self.new_conference.setToolTip("A new meeting: its date, venue and chair, then its agenda")
        self.agenda = command("Agenda…", "", console.edit_agenda)
        self.agenda.setToolTip("Add, remove and order this meeting's cases; cases due for review")
        self.lock = command("Lock", "Ctrl+L", console.lock)
        # Spelt out: the platform's standard Quit key is none on Windows and on some desktops.
        self.quit = command("Quit", "Ctrl+Q", console.quit)
        self.import_file = command("Import…", "", console.import_file)
        self.import_file.setToolTip(
            "Import cases and meetings from an interchange (JSON) file, or a case transferred "
            "from another area"
        )
        self.protocol = command("Protocol…", "", console.show_protocol)
        self.audit = command("Audit log…", "", console.show_audit)
        self.signatures = command("Signatures…", "", console.show_signatures)
        self.signatures.setToolTip("Which agencies signed the protocol in force; record one")
        self.breach_log = command("Breach log…", "", console.show_breach_log)
        self.breach_log.setToolTip("Personal data breaches: the log, and record a new one")
        self.new_referral = command("New referral…", "Ctrl+R", console.new_referral)
        self.new_referral.setToolTip("Enter a referral: the people and the risk checklist (Ctrl+R)")
        self.statistics = command("Statistics…", "", console.show_statistics)
        self.action_log = command("Action log…", "", console.show_action_log)
        self.action_log.setToolTip("Every action across cases and meetings; record updates")
        self.transfer = command("Transfer to another area…", "", console.transfer_case)
        self.transfer.setToolTip("The case as a new encrypted file for the area it moves to")
        self.subject_access = command("Subject access request…", "", console.subject_access)
        self.subject_access.setToolTip(
            "What the case file holds about one person of this case, for their request"
        )
        self.retention = command("Retention…", "", console.show_retention)
        self.retention.setToolTip("Cases kept longer than the protocol allows; old open cases")
        window.addToolBar(self._toolbar(view_as))
        self._menus(window.menuBar(), console)

    def _toolbar(self, view_as: QComboBox) -> QToolBar:
        toolbar = QToolBar("Meeting")
        toolbar.setObjectName("meetingToolbar")
        toolbar.setMovable(False)
        for action in (self.present, self.blank, self.stop):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.previous)
        toolbar.addAction(self.next)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(" View as: "))
        toolbar.addWidget(view_as)
        toolbar.addSeparator()
        for action in (self.export, self.protocol, self.audit):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.lock)
        return toolbar

    def _menus(self, bar: QMenuBar, console: Console) -> None:
        meeting = bar.addMenu("&Meeting")
        for action in (
            self.present,
            self.blank,
            self.stop,
            self.previous,
            self.next,
            self.scroll_down,
            self.scroll_up,
        ):
            meeting.addAction(action)
        meeting.addSeparator()
        for action in (self.zoom_in, self.zoom_out, self.zoom_normal):
            meeting.addAction(action)
        meeting.addSeparator()
        meeting.addAction(self.new_conference)
        meeting.addAction(self.agenda)
        meeting.addAction(self.action_log)
        meeting.addSeparator()
        meeting.addAction(self.export)
        file_menu = bar.addMenu("&Case file")
        file_menu.addAction(self.new_referral)
        file_menu.addAction(self.import_file)
        file_menu.addAction(self.statistics)
        file_menu.addAction(self.retention)
        file_menu.addSeparator()
        file_menu.addAction(self.protocol)
        file_menu.addAction(self.audit)
        file_menu.addAction(self.breach_log)
        file_menu.addAction("Lock after idle time…", console.choose_idle_minutes)
        file_menu.addSeparator()
        file_menu.addAction(self.lock)
        file_menu.addAction(self.quit)
        case_menu = bar.addMenu("C&ase")
        case_menu.addAction(self.transfer)
        case_menu.addAction(self.subject_access)
        protocol = bar.addMenu("&Protocol")
        protocol.addAction(self.protocol)
        protocol.addAction(self.signatures)
        view = bar.addMenu("&View")
        schemes = QActionGroup(bar)
        for name, label in LABELS.items():
            action = view.addAction(label, functools.partial(apply_scheme, name))
            action.setCheckable(True)
            action.setChecked(name == saved_scheme())
            schemes.addAction(action)


def _command(window: QMainWindow, text: str, shortcut: str, slot: object) -> QAction:
    action = QAction(text, window)
    action.setShortcut(QKeySequence(shortcut))
    action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
    action.triggered.connect(slot)
    window.addAction(action)
    return action
