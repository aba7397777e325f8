"""What the console hears about its open file: a change made by another program, the
opening recorded once every page proved sound, and damage the check found."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_PASSPHRASE, demo_data_path
from mara_desktop.domain import ActionStatus
from mara_desktop.session import InUse, Session, Soundness
from mara_desktop.ui import console as console_module
from mara_desktop.ui.case_models import ActionColumn
from mara_desktop.ui.console import CHANGED_ELSEWHERE, ChairConsole
from mara_desktop.ui.file_watch import FileNews, FileWatch
from tests.support.cli import run
from tests.support.files import digest
from tests.support.tampering import a_page_unread_by, damage_page
from tests.ui.widget_text import widget_texts

NEW_ITEM = "Refuge place offered by the specialist service on 25 November."


def damaged_demo(path: Path) -> Path:
    """One page damaged where opening the file and reading every case do not meet it."""
    damage_page(path, a_page_unread_by(path, lambda case_file: case_file.content()))
    return path


# -- FileWatch, without a display ----------------------------------------------------------


def test_a_sound_file_has_its_opening_recorded_as_soon_as_the_check_ends(
    demo_session: Session,
) -> None:
    watch = FileWatch(demo_session)
    assert demo_session.soundness(wait=True) is Soundness.SOUND
    assert watch.look() == FileNews()
    assert watch.look() == FileNews()
    actions = [r.action for r in demo_session.audit_records()]
    assert actions[-1] == "open" and actions.count("open") == 1


def test_damage_is_told_once_and_nothing_is_written(demo_path: Path) -> None:
    before = digest(damaged_demo(demo_path))
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        watch = FileWatch(session)
        assert session.soundness(wait=True) is Soundness.DAMAGED
        news = watch.look()
        assert news.damage is not None and news.damage.startswith(f"{demo_path}: the case file")
        assert "restore your latest backup and keep this copy" in news.damage
        assert watch.look() == FileNews()
    assert digest(demo_path) == before


def test_a_change_committed_by_another_program_is_told_once(
    demo_path: Path, demo_session: Session
) -> None:
    watch = FileWatch(demo_session)
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as elsewhere:
        elsewhere.record("view", {"case": "case-01", "audience": ["police"]})
    assert watch.look().changed_elsewhere
    assert not watch.look().changed_elsewhere


# -- the console ---------------------------------------------------------------------------


def test_an_import_on_the_command_line_shows_on_the_console_on_the_chairs_case(
    qtbot: QtBot, console: ChairConsole, demo_path: Path, tmp_path: Path
) -> None:
    """The coordinator imports a corrected agenda and a new entry while the chair is on
    case-03: the console shows both, still on case-03, and says why the page changed."""
    meeting = console.meeting
    assert meeting is not None
    console.go_to(meeting.number_of("case-03") - 1)
    update = json.loads(demo_data_path().read_text("utf-8"))
    conference = next(c for c in update["conferences"] if c["id"] == meeting.conference.id)
    conference["agenda"].reverse()
    case = next(c for c in update["cases"] if c["id"] == "case-03")
    case["items"].append(
        {"id": "i99", "category": "risk-summary", "source": "specialist", "subject": "case",
         "text": NEW_ITEM}
    )  # fmt: skip
    data = tmp_path / "update.json"
    data.write_text(json.dumps(update), "utf-8")
    done = run("import", demo_path, data, "--update", passphrase=DEMO_PASSPHRASE)
    assert done.returncode == 0, done.stderr
    qtbot.waitUntil(
        lambda: console.statusBar().currentMessage() == CHANGED_ELSEWHERE, timeout=10_000
    )
    assert meeting.current == "case-03"
    assert next(e.case_id for e in meeting.agenda() if not e.children_involved) != "case-03"
    assert console.agenda.agenda.currentItem().data(Qt.ItemDataRole.UserRole) == "case-03"
    assert NEW_ITEM in widget_texts(console.page)


def test_a_locked_console_does_not_look_at_the_file(console: ChairConsole) -> None:
    assert console.file_watcher.watching
    console.lock()
    assert not console.file_watcher.watching


def test_a_damaged_file_shows_the_band_and_nothing_can_be_changed(
    qtbot: QtBot, demo_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The band says what to do; every way of changing the file is off; a change that gets
    through anyway (an action's cell) and the console's own writes (the audit of what the
    shared screen shows) are refused without a message box or a crash, and the file keeps
    every byte."""
    messages: list[str] = []
    monkeypatch.setattr(
        console_module.QMessageBox, "warning", lambda _p, _t, text: messages.append(text)
    )
    before = digest(damaged_demo(demo_path))
    claim = InUse.claim(demo_path)
    console = ChairConsole(Session.open(demo_path, passphrase=DEMO_PASSPHRASE), claim)
    qtbot.addWidget(console)
    qtbot.addWidget(console.participant)
    console.show()
    qtbot.waitUntil(lambda: console.bands.damaged, timeout=10_000)
    shown = [label.text() for label in console.bands.findChildren(QLabel) if label.isVisible()]
    assert len(shown) == 1 and re.search(
        r"the case file is damaged \(1 of \d+ pages fail", shown[0]
    )
    assert "restore your latest backup and keep this copy for investigation" in shown[0]

    console.go_to(0)
    page, agenda = console.page, console.agenda
    for button in (page.information_button, page.consent_button, page.override_button,
                   page.add_action_button, agenda.attendance_button, page.edit_referral_button,
                   page.add_person_button, page.correct_person_button):  # fmt: skip
        assert not button.isEnabled(), button.text()
    assert page.actions_table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    assert agenda.agenda.dragDropMode() == QAbstractItemView.DragDropMode.NoDragDrop
    assert not console.commands.export.isEnabled()
    assert not console.commands.new_referral.isEnabled()
    model = page.actions_model
    status = model.action_at(0).status
    model.setData(model.index(0, ActionColumn.STATUS), ActionStatus.AGENCY_DID_NOT_ACT)
    assert model.action_at(0).status is status
    console.present()
    console.next()
    assert console.participant.isVisible() and messages == []
    console.close()
    assert digest(demo_path) == before
    assert os.listdir(demo_path.parent) == ["demo.mara"]
