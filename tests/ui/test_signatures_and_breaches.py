"""The protocol's signature register and the breach log in the app, and the warning the
attendance gives when an agency present has not signed the protocol in force."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox
from pytestqt.qtbot import QtBot

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_UNSIGNED
from mara_desktop.domain import AttendanceStatus
from mara_desktop.session import Session
from mara_desktop.ui.attendance_dialog import UNSIGNED_MARK, AttendanceDialog
from mara_desktop.ui.breach_log_dialog import BreachDialog, BreachLogDialog
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.signatures_dialog import NOT_SIGNED, SignatureDialog, SignaturesDialog
from tests.ui.modal import when_shown

TODAY = date(2026, 12, 2)
UNSIGNED_NAME = "Drug and alcohol service"


def _row_of(dialog: SignaturesDialog, name: str) -> list[str]:
    table = dialog.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == name)
    return [table.item(row, c).text() for c in range(table.columnCount())]


def test_the_register_marks_the_agency_that_has_not_signed(qtbot: QtBot, demo_session: Session):
    dialog = SignaturesDialog(demo_session)
    qtbot.addWidget(dialog)
    assert _row_of(dialog, UNSIGNED_NAME)[1] == NOT_SIGNED
    assert _row_of(dialog, "Police")[1:3] == ["Signed", "Head of safeguarding"]
    assert dialog.summary.text() == f"Not signed version 3.0: {UNSIGNED_NAME}."


def test_recording_a_signature_ends_the_mark(qtbot: QtBot, demo_session: Session):
    record = SignatureDialog(demo_session, today=TODAY)
    qtbot.addWidget(record)
    assert record.agency.currentData() == DEMO_UNSIGNED  # those still to sign come first
    record.signed_by.setText("Service manager")
    record.signed_on.setDate(QDate(2026, 11, 30))
    record.record()
    assert record.result() == record.DialogCode.Accepted
    dialog = SignaturesDialog(demo_session)
    qtbot.addWidget(dialog)
    assert _row_of(dialog, UNSIGNED_NAME)[1:] == ["Signed", "Service manager", "30 Nov 2026"]
    assert dialog.summary.text() == "Every agency has signed version 3.0."


def test_a_signature_without_a_name_is_refused_in_a_sentence(qtbot: QtBot, demo_session: Session):
    record = SignatureDialog(demo_session, today=TODAY)
    qtbot.addWidget(record)
    record.show()
    record.record()
    assert record.problem.text() == "The name of who signed is empty; nothing was recorded."
    assert record.focusWidget() is record.signed_by
    assert demo_session.signature_register().unsigned == [DEMO_UNSIGNED]


def test_a_breach_is_recorded_and_listed(qtbot: QtBot, demo_session: Session):
    log = BreachLogDialog(demo_session)
    qtbot.addWidget(log)
    assert not log.empty.isHidden() and log.table.rowCount() == 0
    record = BreachDialog(demo_session, today=TODAY)
    qtbot.addWidget(record)
    record.what.setPlainText("Minutes for NS-2026-0131 emailed to the wrong address")
    record.happened_known.setChecked(True)
    record.happened_on.setDate(QDate(2026, 11, 27))
    record.found_on.setDate(QDate(2026, 11, 28))
    record.told["dpo"].setText("28 Nov by phone")
    record.told["authority"].setText("not yet: the DPO decides by 1 Dec")
    record.record()
    assert record.result() == record.DialogCode.Accepted
    log.fill()
    cells = [log.table.item(0, c).text() for c in range(log.table.columnCount())]
    assert cells[:4] == ["1", "28 Nov 2026", "27 Nov 2026",
                         "Minutes for NS-2026-0131 emailed to the wrong address"]  # fmt: skip
    assert cells[4] == (
        "Data protection authority: not yet: the DPO decides by 1 Dec\n"
        "Data protection officer: 28 Nov by phone"
    )
    assert log.empty.isHidden()
    last = demo_session.audit_records()[-1]
    assert last.action == "breach-recorded" and "NS-2026" not in str(last.details)


def test_a_breach_found_before_it_happened_is_refused(qtbot: QtBot, demo_session: Session):
    record = BreachDialog(demo_session, today=TODAY)
    qtbot.addWidget(record)
    record.show()
    record.what.setPlainText("A laptop left on a train")
    record.happened_known.setChecked(True)
    record.happened_on.setDate(QDate(2026, 11, 29))
    record.found_on.setDate(QDate(2026, 11, 28))
    record.record()
    assert "after it was found" in record.problem.text()
    assert record.focusWidget() is record.happened_on
    assert demo_session.breaches() == []


def test_the_attendance_dialog_marks_and_names_an_agency_present_that_has_not_signed(
    qtbot: QtBot, demo_session: Session
):
    dialog = AttendanceDialog(demo_session, DEMO_CONFERENCE)
    qtbot.addWidget(dialog)
    row = next(i for i, line in enumerate(dialog.lines()) if line.agency == DEMO_UNSIGNED)
    agency = dialog.table.cellWidget(row, 0)
    assert isinstance(agency, QComboBox)
    assert agency.currentText() == UNSIGNED_NAME + UNSIGNED_MARK
    assert f"Not signed the protocol in force (version 3.0): {UNSIGNED_NAME}." in (
        dialog.unsigned.text()
    )
    status = dialog.table.cellWidget(row, 2)
    status.setCurrentIndex(status.findData(AttendanceStatus.APOLOGIES))
    assert dialog.unsigned.isHidden()  # only agencies present are warned of


def test_the_consoles_attendance_warns_until_the_signature_is_recorded(console: ChairConsole):
    panel = console.agenda
    texts = [panel.attendance.item(r, 1).text() for r in range(panel.attendance.rowCount())]
    assert UNSIGNED_NAME + UNSIGNED_MARK in texts
    assert sum(UNSIGNED_MARK in t for t in texts) == 1
    assert not panel.unsigned.isHidden()
    assert UNSIGNED_NAME in panel.unsigned.text()

    def sign(dialog: SignaturesDialog) -> None:
        dialog._session.sign_protocol(DEMO_UNSIGNED, "Service manager", TODAY, today=TODAY)
        dialog.accept()

    when_shown(SignaturesDialog, sign)
    console.commands.signatures.trigger()
    texts = [panel.attendance.item(r, 1).text() for r in range(panel.attendance.rowCount())]
    assert not any(UNSIGNED_MARK in t for t in texts)
    assert panel.unsigned.isHidden()


def test_the_protocol_menu_offers_the_signatures_and_case_file_the_breach_log(
    console: ChairConsole,
):
    menus = {
        action.text(): [a.text() for a in action.menu().actions()]
        for action in console.menuBar().actions()
    }
    assert menus["&Protocol"] == ["Protocol…", "Signatures…"]
    assert "Breach log…" in menus["&Case file"]
