"""Case ▸ Transfer to another area… writes the pack as `transfer` does, offers a name that
says nothing of the case, leaves no folder behind, and the console then shows the case
transferred; Case file ▸ Import… takes a pack from another area and asks its passphrase."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import Audience, CaseStatus, when_text
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import Session, WrongPassphrase
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.transfer_dialog import TransferDialog
from tests.support.documents import full_document
from tests.ui.file_dialog_answers import FileDialogAnswers, flush_deleted
from tests.ui.modal import when_shown

PACK_PASSPHRASE = "a passphrase for the pack alone"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Where the chair saves the pack: its name is itself case data."""
    path = tmp_path / "Smith family MARAC"
    path.mkdir()
    return path


def _case_menu(console: ChairConsole) -> list[str]:
    (menu,) = [a.menu() for a in console.menuBar().actions() if a.text() == "C&ase"]
    return [a.text() for a in menu.actions()]


def _fill(dialog: TransferDialog, pack: Path, offered: list[str], again: str) -> None:
    """As the chair: the area, the place (the file dialog's offered name noted), the
    passphrase twice, then Transfer."""

    def save_as(chooser: QFileDialog) -> None:
        name = chooser.findChild(QLineEdit, "fileNameEdit")
        offered.append(name.text())
        name.setText(str(pack))
        chooser.accept()

    dialog.area.setText("Leeds MARAC")
    when_shown(QFileDialog, save_as)
    dialog.choose.click()
    dialog.passphrase.setText(PACK_PASSPHRASE)
    dialog.again.setText(again)
    dialog.transfer_button.click()


def test_the_case_goes_to_another_area_and_the_console_shows_it_transferred(
    console: ChairConsole, folder: Path, test_home: Path
) -> None:
    session, pack = console.session, folder / "pack.mara"
    assert session is not None
    assert "Transfer to another area…" in _case_menu(console)
    assert not console.commands.transfer.isEnabled()  # the opening: no case to transfer
    console.next()
    case_id = console.meeting.current if console.meeting else None
    assert case_id is not None and console.commands.transfer.isEnabled()
    reference = session.case_view(case_id, Audience.chair()).title
    offered: list[str] = []
    when_shown(TransferDialog, lambda d: _fill(d, pack, offered, PACK_PASSPHRASE))
    answers = FileDialogAnswers(messages=1)
    console.commands.transfer.trigger()
    assert offered == [f"transfer-{date.today().isoformat()}.mara"]
    assert reference not in offered[0]
    (told,) = answers.messages
    assert told.startswith("The case was transferred to Leeds MARAC: pack.mara holds it")
    assert f"transferred to Leeds MARAC on {when_text(date.today())}" in console.page.summary.text()
    header = session.case_view(case_id, Audience.chair()).header
    assert header is not None and header.status is CaseStatus.TRANSFERRED
    with pytest.raises(WrongPassphrase):
        Session.open(pack, passphrase=DEMO_PASSPHRASE, read_only=True)
    with Session.open(pack, passphrase=PACK_PASSPHRASE, read_only=True) as opened:
        assert opened.case_ids() == {case_id}
    flush_deleted()
    leaked = [p for p in test_home.rglob("*") if p.is_file() and b"Smith family" in p.read_bytes()]
    assert leaked == []


def test_a_refusal_is_said_in_the_dialog_and_nothing_is_written(
    console: ChairConsole, folder: Path
) -> None:
    session, pack = console.session, folder / "pack.mara"
    assert session is not None
    console.next()
    case_id = console.meeting.current if console.meeting else None
    said: list[str] = []

    def differing(dialog: TransferDialog) -> None:
        _fill(dialog, pack, [], "another passphrase")
        said.append(dialog.problem.text())
        dialog.passphrase.setText(DEMO_PASSPHRASE)
        dialog.again.setText(DEMO_PASSPHRASE)
        dialog.transfer_button.click()
        said.append(dialog.problem.text())
        assert dialog.isVisible()

    when_shown(TransferDialog, differing)
    console.commands.transfer.trigger()
    assert said[0] == "The two passphrases differ; type the same one twice."
    assert said[1].startswith("The pack needs a passphrase of its own")
    assert not pack.exists()
    header = session.case_view(str(case_id), Audience.chair()).header
    assert header is not None and header.status is CaseStatus.OPEN


def test_a_pack_from_another_area_is_imported_with_its_passphrase(
    console: ChairConsole, tmp_path: Path
) -> None:
    session = console.session
    assert session is not None
    data = tmp_path / "other.json"
    data.write_text(json.dumps(full_document(cases=1), ensure_ascii=False), "utf-8")
    pack = tmp_path / "from-elsewhere.mara"
    protocol = default_protocol_path().read_text("utf-8")
    with Session.create(tmp_path / "other.mara", "the other area's passphrase", protocol) as other:
        other.import_interchange(data, update=False)
        other.transfer_case("case-1", pack, PACK_PASSPHRASE, to_area="Northshire")

    def give_passphrase(asked: QInputDialog) -> None:
        assert asked.textEchoMode() is QLineEdit.EchoMode.Password
        asked.setTextValue(PACK_PASSPHRASE)
        asked.accept()

    when_shown(QInputDialog, give_passphrase)
    answers = FileDialogAnswers(str(pack), messages=1)
    console.commands.import_file.trigger()
    (told,) = answers.messages
    assert told.startswith("Imported the case ")
    assert "case-1" in session.case_ids()
    assert session.audit_records()[-1].action == "transfer-in"


def test_enter_in_a_field_sends_nothing(qtbot, console: ChairConsole) -> None:
    """Enter after typing the area must not try the transfer with half a form."""
    assert console.session is not None
    console.next()
    case_id = console.meeting.current if console.meeting else None
    dialog = TransferDialog(console.session, str(case_id), console)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.area, "Leeds MARAC")
    qtbot.keyClick(dialog.area, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.problem.text()
