"""The console's recording dialogs, opened as the chair opens them: what they record shows
on the page at once, and the page's history reads newest first."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mara_desktop.domain import Consent, ConsentState, PersonRole
from mara_desktop.ui.action_dialog import ActionDialog
from mara_desktop.ui.case_page import records_text
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.override_dialog import OverrideDialog
from mara_desktop.views.model import CaseRecords, PersonView
from tests.ui.modal import when_shown
from tests.ui.widget_text import model_texts


def go_to_case(console: ChairConsole, case_id: str) -> None:
    assert console.meeting is not None
    console.go_to(console.meeting.number_of(case_id) - 1)
    assert console.meeting.current == case_id


def test_add_action_opens_the_dialog_and_the_action_shows_on_the_page(
    qtbot: QtBot, console: ChairConsole
) -> None:
    go_to_case(console, "case-03")
    rows = console.page.actions_model.rowCount()
    shown: list[str] = []

    def complete(dialog: ActionDialog) -> None:
        shown.append(dialog.owner.currentText())
        dialog.text.setPlainText("Refer to the sanctuary scheme")
        dialog.owner.setCurrentIndex(dialog.owner.findData("housing"))
        dialog.owner_name.setText("Jo Example")
        qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)

    when_shown(ActionDialog, complete)
    qtbot.mouseClick(console.page.add_action_button, Qt.MouseButton.LeftButton)
    assert shown == ["Acute hospital trust"]  # the referrer, shown before anything is saved
    assert console.page.actions_model.rowCount() == rows + 1
    texts = model_texts(console.page.actions_model)
    assert "Refer to the sanctuary scheme" in texts and "Jo Example" in texts


def test_an_override_recorded_from_the_action_dialog_shows_even_if_the_action_is_cancelled(
    qtbot: QtBot, console: ChairConsole
) -> None:
    go_to_case(console, "case-03")
    rows = console.page.actions_model.rowCount()

    def override(dialog: OverrideDialog) -> None:
        dialog.lawful_basis.setCurrentIndex(dialog.lawful_basis.findData("vital-interests"))
        dialog.justification.setPlainText("Threat of arson at her home; a guard must be fitted.")
        dialog.decided_by.setText("DI Sam Example")
        dialog.record()

    def share_then_cancel(dialog: ActionDialog) -> None:
        dialog.owner.setCurrentIndex(dialog.owner.findData("fire"))
        dialog.needed["victim-contact"].setChecked(True)
        when_shown(OverrideDialog, override)
        dialog.share_needed()
        dialog.reject()

    when_shown(ActionDialog, share_then_cancel)
    console.page.add_action.emit()
    assert console.page.actions_model.rowCount() == rows
    history = console.page.records.toPlainText().splitlines()
    assert history[0].startswith("Override on ") and "Fire and rescue service" in history[0]


def test_the_history_on_the_case_page_is_newest_first(console: ChairConsole) -> None:
    go_to_case(console, "case-02")  # refused on 13 Nov, override on 26 Nov
    history = console.page.records.toPlainText().splitlines()
    assert [line.split(" by ")[0].split(" (")[0] for line in history] == [
        "Override on 26 Nov 2026",
        "Consent of the victim refused on 13 Nov 2026",
    ]


def test_the_history_names_whose_consent_each_record_is(console: ChairConsole) -> None:
    assert console.meeting is not None
    adult = PersonView("o1", PersonRole.OTHER_ADULT, "Other adult", "Susan Dummy", None)
    moment = datetime(2026, 11, 24, 9, tzinfo=UTC)
    records = CaseRecords(
        (
            Consent(ConsentState.REFUSED, ("*",), ("*",), moment, "IDVA", "o1"),
            Consent(ConsentState.GIVEN, ("*",), ("*",), moment, "IDVA"),
        )
    )
    history = records_text(records, console.meeting.protocol, (adult,)).splitlines()
    assert history[0].startswith("Consent of Susan Dummy (other adult) refused on 24 Nov 2026")
    assert history[1].startswith("Consent of the victim given on 24 Nov 2026")
