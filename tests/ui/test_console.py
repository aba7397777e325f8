"""The chair's console driven as a chair would: keys, preview, edits, locking."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import OBSERVER, ActionStatus, Audience
from mara_desktop.session import InUse, Session
from mara_desktop.store.in_use import is_in_use
from mara_desktop.ui import clipboard
from mara_desktop.ui.case_models import ActionColumn
from mara_desktop.ui.console import TITLE, ChairConsole
from tests.support.files import private_copy
from tests.ui.unlocking import unlock_console
from tests.ui.widget_text import widget_texts
from tests.ui.withheld import withheld_texts


def _key(qtbot: QtBot, console: ChairConsole, key: Qt.Key) -> None:
    qtbot.keyClick(console, key)


def test_the_console_opens_on_the_latest_meeting_before_the_first_case(
    console: ChairConsole,
) -> None:
    assert console.meeting is not None
    assert console.meeting.conference.id == "ns-2026-11-26"
    assert console.meeting.current is None
    assert console.windowTitle() == TITLE
    assert console.page.title.text() == "Opening"
    review = console.page.actions_model
    assert review.rowCount() == len(console.meeting.earlier_actions()) > 0


def test_keys_walk_the_meeting_and_present_it(qtbot: QtBot, console: ChairConsole) -> None:
    meeting = console.meeting
    assert meeting is not None
    assert not console.commands.blank.isEnabled() and not console.commands.stop.isEnabled()
    _key(qtbot, console, Qt.Key.Key_F5)
    assert console.presenting and console.participant.isVisible()
    assert console.commands.blank.isEnabled() and console.commands.stop.isEnabled()
    statement = console.session.protocol.confidentiality_statement  # type: ignore[union-attr]
    assert statement in "\n".join(widget_texts(console.participant))
    _key(qtbot, console, Qt.Key.Key_PageDown)
    assert meeting.current == meeting.order[0]
    _key(qtbot, console, Qt.Key.Key_PageDown)
    assert meeting.current == meeting.order[1]
    _key(qtbot, console, Qt.Key.Key_PageUp)
    assert meeting.current == meeting.order[0]
    _key(qtbot, console, Qt.Key.Key_B)
    assert console.participant.blanked
    _key(qtbot, console, Qt.Key.Key_Escape)
    assert not console.presenting and not console.participant.isVisible()
    assert not console.commands.blank.isEnabled() and not console.commands.stop.isEnabled()


def test_the_shared_screen_follows_who_has_left(qtbot: QtBot, console: ChairConsole) -> None:
    meeting = console.meeting
    assert meeting is not None
    for agency in meeting.present():
        meeting.set_left(agency, agency not in ("police", "idva"))
    meeting.set_left(OBSERVER, True)
    console.present()
    console.go_to(0)
    case_id = meeting.current
    assert case_id is not None and console.session is not None
    shown = "\n".join(widget_texts(console.participant))
    everything = meeting.view(case_id, Audience.chair())
    location = next(i for i in everything.items if i.category == "victim-location")
    assert location.text in shown  # police and IDVA may both see where she is
    meeting.set_left("idva", False)
    meeting.set_left("housing", False)
    console.refresh()
    shown = "\n".join(widget_texts(console.participant))
    assert location.text not in shown
    for text in withheld_texts(console.session, case_id, meeting.room):
        assert text not in shown


def test_view_as_shows_exactly_that_agencys_view(console: ChairConsole) -> None:
    meeting = console.meeting
    assert meeting is not None and console.session is not None
    console.go_to(meeting.order.index("case-03"))
    console.view_as.setCurrentIndex(console.view_as.findData("housing"))
    page = console.page
    assert not page.preview_banner.isHidden()
    assert "Housing" in page.preview_banner.text()
    shown = "\n".join(widget_texts(page))
    for text in withheld_texts(console.session, "case-03", Audience.of(["housing"])):
        assert text not in shown
    assert not page.consent_button.isEnabled()
    console.view_as.setCurrentIndex(console.view_as.findData("chair"))
    assert page.preview_banner.isHidden() and page.consent_button.isEnabled()
    everything = meeting.view("case-03", Audience.chair())
    assert all(i.text in "\n".join(widget_texts(page)) for i in everything.items)


def test_an_action_edited_in_place_is_saved_and_audited(console: ChairConsole) -> None:
    meeting = console.meeting
    assert meeting is not None and console.session is not None
    console.go_to(0)
    model = console.page.actions_model
    action = model.action_at(0)
    index = model.index(0, ActionColumn.STATUS)
    assert model.setData(index, ActionStatus.DONE)
    case_id = meeting.current
    assert case_id is not None
    saved = next(a for a in meeting.view(case_id, Audience.chair()).actions if a.id == action.id)
    assert saved.status is ActionStatus.DONE
    assert model.data(index) == "Done"
    last = console.session.audit_records()[-1]
    assert last.action == "action-updated"


def test_locking_closes_the_file_and_drops_every_view(qtbot: QtBot, console: ChairConsole) -> None:
    meeting = console.meeting
    assert meeting is not None
    console.present()
    console.go_to(0)
    case_id = meeting.current
    assert case_id is not None
    everything = meeting.view(case_id, Audience.chair())
    qtbot.keyClick(console, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert console.locked and console.meeting is None
    assert console.page.items_model.rowCount() == 0 and console.page.actions_model.rowCount() == 0
    assert console.participant.blanked and not console.participant.isVisible()
    qtbot.wait(0)
    shown = "\n".join(widget_texts(console) + widget_texts(console.participant))
    assert everything.title not in shown
    assert all(item.text not in shown for item in everything.items)


def test_case_text_copied_is_cleared_from_the_clipboard(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clipboard, "CLEAR_AFTER_MS", 50)
    claim = InUse.claim(demo_path)
    window = ChairConsole(Session.open(demo_path, passphrase=DEMO_PASSPHRASE), claim)
    qtbot.addWidget(window)
    window.show()  # a chair copies from the app in front: alone, no earlier test made it so
    window.activateWindow()
    qtbot.waitUntil(
        lambda: QGuiApplication.applicationState() is Qt.ApplicationState.ApplicationActive
    )
    board = QGuiApplication.clipboard()
    board.setText("Safe number 07700 900123")
    qtbot.waitUntil(lambda: board.text() == "", timeout=2000)
    window.close()


def test_reordering_the_agenda_is_saved_but_children_still_come_first(
    console: ChairConsole,
) -> None:
    meeting = console.meeting
    assert meeting is not None and console.session is not None
    ids = list(meeting.order)
    children = [e.case_id for e in meeting.agenda() if e.children_involved]
    adults = [e.case_id for e in meeting.agenda() if not e.children_involved]
    wanted = [*reversed(adults), children[1], children[0], *children[2:]]
    console._reorder(wanted)
    order = meeting.order
    assert order == [children[1], children[0], *children[2:], *reversed(adults)]
    assert order != ids
    saved = console.session.conference(meeting.conference.id)
    assert saved is not None and list(saved.agenda) == wanted


def test_what_the_room_and_previews_were_shown_is_audited_once_each(
    console: ChairConsole,
) -> None:
    meeting = console.meeting
    assert meeting is not None and console.session is not None
    console.present()
    console.go_to(0)
    console.refresh()
    console.view_as.setCurrentIndex(console.view_as.findData("housing"))
    views = [r.details for r in console.session.audit_records() if r.action == "view"]
    case_id = meeting.order[0]
    assert {"case": case_id, "audience": ["housing"], "via": "preview"} in views
    shared = [v for v in views if v["via"] == "shared screen"]
    assert len(shared) == 1 and shared[0]["case"] == case_id
    assert shared[0]["audience"] == meeting.room.sorted()


def test_the_status_chosen_in_the_table_editor_is_saved(
    qtbot: QtBot, console: ChairConsole
) -> None:
    from PySide6.QtWidgets import QComboBox

    console.go_to(0)
    table = console.page.actions_table
    model = console.page.actions_model
    index = model.index(0, ActionColumn.STATUS)
    delegate = table.itemDelegate()
    editor = delegate.createEditor(table.viewport(), None, index)  # type: ignore[arg-type]
    assert isinstance(editor, QComboBox)
    editor.setCurrentIndex(editor.findData(ActionStatus.AGENCY_DID_NOT_ACT))
    delegate.setModelData(editor, model, index)
    assert model.action_at(0).status is ActionStatus.AGENCY_DID_NOT_ACT


def test_an_action_typed_in_place_with_a_bidi_override_is_refused_with_the_reason(
    console: ChairConsole, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mara_desktop.ui import console as console_module

    warnings: list[str] = []
    monkeypatch.setattr(
        console_module.QMessageBox, "warning", lambda _parent, _title, text: warnings.append(text)
    )
    console.go_to(0)
    model = console.page.actions_model
    before = model.action_at(0)
    model.setData(model.index(0, ActionColumn.TEXT), "Refer to \u202eemehcs yraunctas")
    assert warnings == [
        "The action holds the invisible right-to-left override (U+202E at character 10), "
        "which changes the order text is shown in: remove it."
    ]
    assert model.action_at(0).text == before.text


def test_the_window_keeps_its_file_while_locked_and_gives_it_back_on_closing(
    console: ChairConsole, demo_path: Path
) -> None:
    assert is_in_use(demo_path)
    console.lock()
    assert is_in_use(demo_path), "the meeting is still this window's"
    unlock_console(console, DEMO_PASSPHRASE)
    assert not console.locked and is_in_use(demo_path)
    console.close()
    assert not is_in_use(demo_path)


def test_unlocking_on_another_file_gives_back_the_first(
    console: ChairConsole, demo_path: Path, tmp_path: Path
) -> None:
    other = private_copy(demo_path, tmp_path / "other.mara")
    console.lock()
    unlock_console(console, DEMO_PASSPHRASE, other_file=other)
    assert console.session is not None and console.session.path == other
    assert is_in_use(other) and not is_in_use(demo_path)


def test_letters_typed_at_the_opening_do_not_change_the_meeting(
    qtbot: QtBot, console: ChairConsole
) -> None:
    """A meeting list with the keyboard's focus would take typed letters as a choice of
    another meeting (a combo box's type-ahead); the agenda has it instead."""
    console.activateWindow()
    qtbot.waitUntil(lambda: console.focusWidget() is not None)
    assert console.focusWidget() is console.agenda.agenda
    meeting = console.meeting
    assert meeting is not None
    for letter in "northshire":
        qtbot.keyClick(console.focusWidget(), letter)
    assert console.meeting is not None
    assert console.meeting.conference.id == meeting.conference.id
