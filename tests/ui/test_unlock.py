"""Opening and creating a case file: sentences, not tracebacks, and a file left untouched."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.session import Session, keychain
from mara_desktop.session.keychain import KeychainStatus
from mara_desktop.store.in_use import is_in_use
from mara_desktop.ui.unlock import OpenCaseFileDialog
from tests.support.files import digest
from tests.ui.file_dialog_answers import FileDialogAnswers
from tests.ui.other_window import open_in_another_window

GOOD = "plum kettle orbit lantern"


def unlock_with(qtbot, dialog: OpenCaseFileDialog, passphrase: str) -> None:
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def close(dialog: OpenCaseFileDialog) -> None:
    """What the console does with what the dialog opened, when it closes."""
    assert dialog.session is not None and dialog.claim is not None
    dialog.session.close()
    dialog.claim.release()


def test_the_demo_passphrase_opens_the_case_file(qtbot, demo_path):
    dialog = OpenCaseFileDialog(demo_path)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Open case file — MARA Desktop"
    assert dialog.passphrase.echoMode() is QLineEdit.EchoMode.Password
    unlock_with(qtbot, dialog, DEMO_PASSPHRASE)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    assert dialog.session is not None and dialog.session.is_open
    assert "case-03" in dialog.session.case_ids()
    assert dialog.passphrase.text() == ""
    assert is_in_use(demo_path)
    close(dialog)
    assert not is_in_use(demo_path)


def test_a_wrong_passphrase_keeps_the_dialog_and_the_file_as_they_were(qtbot, demo_path):
    before = demo_path.read_bytes()
    dialog = OpenCaseFileDialog(demo_path)
    qtbot.addWidget(dialog)
    dialog.show()
    unlock_with(qtbot, dialog, "not the passphrase at all")
    assert dialog.session is None and dialog.isVisible()
    assert dialog.unlock_problem.text().startswith("Wrong passphrase")
    assert "try again" in dialog.unlock_problem.text()
    assert str(demo_path) not in dialog.unlock_problem.text()
    assert dialog.passphrase.selectedText() == "not the passphrase at all"
    assert demo_path.read_bytes() == before


def test_a_file_open_in_another_window_is_refused_and_left_untouched(qtbot, demo_path):
    """Said as soon as the file is chosen, and again if the chair types the passphrase
    anyway; the file is not opened, so not a byte of it changes."""
    before = digest(demo_path)
    with open_in_another_window(demo_path):
        dialog = OpenCaseFileDialog(demo_path)
        qtbot.addWidget(dialog)
        dialog.show()
        in_use = (
            "This file is already open in MARA Desktop, in another window or on another "
            "computer. Close it there first; two windows on one meeting would each show "
            "what the other changes."
        )
        assert dialog.unlock_problem.text() == in_use
        unlock_with(qtbot, dialog, DEMO_PASSPHRASE)
        assert dialog.session is None and dialog.isVisible()
        assert dialog.unlock_problem.text() == in_use
    assert digest(demo_path) == before
    assert [p.name for p in demo_path.parent.iterdir()] == ["demo.mara"]


def test_a_damaged_file_says_restore_the_backup(qtbot, demo_path):
    with demo_path.open("ab") as handle:
        handle.write(b"x" * 17)
    dialog = OpenCaseFileDialog(demo_path)
    qtbot.addWidget(dialog)
    assert "damaged" in dialog.unlock_problem.text()
    assert "restore your latest backup" in dialog.unlock_problem.text()


def test_a_missing_file_is_said_at_once(qtbot, tmp_path):
    dialog = OpenCaseFileDialog(tmp_path / "gone.mara")
    qtbot.addWidget(dialog)
    assert dialog.unlock_problem.text() == "No such case file. Check the name and the folder."


def test_a_remembered_key_opens_without_asking(qtbot, demo_path):
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        session.remember_on_this_device()
    dialog = OpenCaseFileDialog(demo_path)
    qtbot.addWidget(dialog)
    assert dialog.exec() == dialog.DialogCode.Accepted.value
    assert dialog.session is not None and dialog.session.is_open
    close(dialog)
    asking = OpenCaseFileDialog(demo_path, use_remembered_key=False)
    qtbot.addWidget(asking)
    assert asking.session is None


def test_remembering_is_offered_only_with_a_secure_keychain(qtbot, demo_path, monkeypatch):
    insecure = KeychainStatus(False, "No secure keychain is available on this computer.")
    monkeypatch.setattr(keychain, "status", lambda: insecure)
    dialog = OpenCaseFileDialog(demo_path)
    qtbot.addWidget(dialog)
    assert not dialog.remember.isEnabled()
    texts = [label.text() for label in dialog.unlock_page.findChildren(type(dialog.file_label))]
    assert insecure.sentence in texts


def test_ticking_remember_keeps_the_key(qtbot, demo_path, memory_keychain):
    dialog = OpenCaseFileDialog(demo_path)
    qtbot.addWidget(dialog)
    assert dialog.remember.isEnabled()
    dialog.remember.setChecked(True)
    unlock_with(qtbot, dialog, DEMO_PASSPHRASE)
    assert len(memory_keychain.entries) == 1
    close(dialog)


def test_create_refuses_a_short_or_mismatched_passphrase(qtbot, tmp_path):
    dialog = OpenCaseFileDialog(None)
    qtbot.addWidget(dialog)
    dialog.show_create()
    answers = FileDialogAnswers(str(tmp_path / "northshire"))
    dialog._choose_new_path()
    assert answers.titles == ["Create a new case file — MARA Desktop"]
    assert dialog.new_path == tmp_path / "northshire.mara"
    qtbot.keyClicks(dialog.new_passphrase, "short")
    assert "use at least 12" in dialog.strength.text()
    qtbot.keyClicks(dialog.repeat, "short")
    dialog.create_case_file()
    assert "use at least 12" in dialog.create_problem.text()
    dialog.new_passphrase.setText(GOOD)
    dialog.repeat.setText(GOOD + "!")
    assert "differ" in dialog.strength.text()
    dialog.create_case_file()
    assert "differ" in dialog.create_problem.text()
    assert dialog.session is None
    assert not (tmp_path / "northshire.mara").exists()


def test_create_makes_an_open_case_file_under_the_chosen_protocol(qtbot, tmp_path):
    dialog = OpenCaseFileDialog(None)
    qtbot.addWidget(dialog)
    dialog.show_create()
    names = [dialog.protocols.itemText(i) for i in range(dialog.protocols.count())]
    assert names[0].startswith("MARAC information-sharing protocol (England and Wales)")
    assert len(names) == 3
    assert "Example protocol following the EIGE guide for police (step 6) (version 1.0)" in names
    dialog.new_path = tmp_path / "northshire.mara"
    dialog.new_passphrase.setText(GOOD)
    dialog.repeat.setText(GOOD)
    assert "both are the same" in dialog.strength.text()
    dialog.create_case_file()
    assert dialog.session is not None
    assert dialog.session.protocol.id == "england-wales-marac"
    close(dialog)
    with Session.open(tmp_path / "northshire.mara", passphrase=GOOD) as created:
        assert created.case_ids() == set()


def test_create_never_writes_over_a_file(qtbot, tmp_path):
    taken = tmp_path / "taken.mara"
    taken.write_bytes(b"precious")
    dialog = OpenCaseFileDialog(None)
    qtbot.addWidget(dialog)
    dialog.show_create()
    dialog.new_path = taken
    dialog.new_passphrase.setText(GOOD)
    dialog.repeat.setText(GOOD)
    dialog.create_case_file()
    assert dialog.create_problem.text().startswith("This file already exists")
    assert taken.read_bytes() == b"precious"


def test_every_field_has_an_accessible_name(qtbot):
    dialog = OpenCaseFileDialog(None)
    qtbot.addWidget(dialog)
    dialog.show_create()
    for kind in (QLineEdit, type(dialog.protocols), type(dialog.remember)):
        for widget in dialog.findChildren(kind):
            assert widget.accessibleName(), widget


def test_open_a_case_file_leads_to_its_unlock_page(qtbot, demo_path):
    dialog = OpenCaseFileDialog(None)
    qtbot.addWidget(dialog)
    assert dialog.pages.currentWidget() is dialog.choose_page
    FileDialogAnswers(str(demo_path))
    dialog._choose_existing()
    assert dialog.pages.currentWidget() is dialog.unlock_page
    assert dialog.file_label.text() == f"demo.mara\nin {demo_path.parent}"
    assert str(demo_path) not in dialog.windowTitle()
