"""Correct entry… and History… in the chair's console (issue 17, point 3): the corrected
entry is what the room's shared screen and every agency's preview show, marked "Corrected"
on the chair's own view alone; the earlier text and the reason reach no screen but the
chair's History window; a correction needs a reason; a re-categorised entry leaves the
shared screen of a room that may not see its new kind."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel
from pytestqt.qtbot import QtBot

from mara_desktop.domain import OBSERVER, Audience, when_text
from mara_desktop.session import Session
from mara_desktop.ui.case_models import ItemColumn
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.correction_dialog import CorrectionDialog
from mara_desktop.ui.history_dialog import HistoryDialog
from tests.ui.modal import when_shown
from tests.ui.widget_text import widget_texts

OLD = "27 Sample Road"
NEW = "Home address on the referral: 72 Sample Road, Northtown."
REASON = "The referral gave the wrong house number."


def _session(console: ChairConsole) -> Session:
    assert console.session is not None
    return console.session


def _on_entry(console: ChairConsole, case_id: str, item_id: str) -> int:
    """Case `case_id` on the console with `item_id` selected, and shown on the shared
    screen to the agencies present (the observers gone: they see nothing)."""
    meeting = console.meeting
    assert meeting is not None
    for agency in meeting.present():
        meeting.set_left(agency, False)
    meeting.set_left(OBSERVER, True)
    console.go_to(meeting.order.index(case_id))
    page = console.page
    row = next(
        r for r in range(page.items_model.rowCount()) if page.items_model.item_at(r).id == item_id
    )
    page.items_table.selectionModel().select(
        page.items_model.index(row, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    return row


def _every_screen_but_the_chairs(console: ChairConsole) -> list[str]:
    """The shared screen, and the console previewing as each agency (the chair's own view
    left out: it is the one that may say an entry was corrected)."""
    shown = widget_texts(console.participant)
    for index in range(console.view_as.count()):
        console.view_as.setCurrentIndex(index)
        if console.view_as.currentData() != "chair":
            shown += widget_texts(console) + widget_texts(console.participant)
    console.view_as.setCurrentIndex(console.view_as.findData("chair"))
    return shown


def test_an_entry_is_corrected_and_only_the_chair_reads_what_it_said(
    qtbot: QtBot, console: ChairConsole
) -> None:
    session = _session(console)
    _on_entry(console, "case-01", "i09")
    page = console.page
    assert page.correct_item_button.isEnabled() and page.history_button.isEnabled()
    console.present()
    assert any(OLD in text for text in widget_texts(console.participant))

    def correct(dialog: CorrectionDialog) -> None:
        assert OLD in dialog.text.toPlainText() and not dialog.source.isEnabled()
        dialog.text.setPlainText(NEW)
        dialog.record_button.click()
        assert dialog.problem.text() == "Reason: say why the entry is corrected."
        assert dialog.isVisible()
        dialog.reason.setText(REASON)
        dialog.record_button.click()

    when_shown(CorrectionDialog, correct)
    page.correct_item_button.click()
    assert session.audit_records()[-1].action == "item-corrected"
    row = _on_entry(console, "case-01", "i09")
    corrected_at = session.corrections_for_chair("case-01")[0].replaced_at.astimezone()
    what = page.items_model.index(row, ItemColumn.WHAT).data()
    assert what.endswith(f"\nCorrected {when_text(corrected_at)}")
    assert page.items_model.index(row, ItemColumn.TEXT).data() == NEW

    shown = "\n".join(_every_screen_but_the_chairs(console))
    assert NEW in shown
    assert OLD not in shown and REASON not in shown and "Corrected" not in shown

    def read(dialog: HistoryDialog) -> None:
        history = dialog.text.toPlainText()
        assert OLD in history and REASON in history and "corrected on" in history
        dialog.accept()

    when_shown(HistoryDialog, read)
    page.history_button.click()


def test_correcting_and_history_are_the_chairs_own_view_only(console: ChairConsole) -> None:
    page = console.page
    _on_entry(console, "case-01", "i09")
    console.view_as.setCurrentIndex(console.view_as.findData("housing"))
    assert not page.correct_item_button.isEnabled() and not page.history_button.isEnabled()
    console.view_as.setCurrentIndex(console.view_as.findData("chair"))
    assert not page.correct_item_button.isEnabled()  # the preview's selection is gone
    console.go_to(-1)
    assert not page.correct_item_button.isEnabled() and not page.history_button.isEnabled()


def test_a_recategorised_entry_leaves_the_shared_screen(
    qtbot: QtBot, console: ChairConsole
) -> None:
    session = _session(console)
    _on_entry(console, "case-01", "i09")
    console.present()

    def move(dialog: CorrectionDialog) -> None:
        dialog.category.setCurrentIndex(dialog.category.findData("victim-location"))
        assert "Housing" not in dialog.preview.toPlainText().split("\n")[0]
        dialog.reason.setText("A refuge address, not her home.")
        dialog.record_button.click()

    when_shown(CorrectionDialog, move)
    console.page.correct_item_button.click()
    shown = "\n".join(widget_texts(console.participant))
    assert OLD not in shown
    housing = session.case_view("case-01", Audience.of(["housing"]))
    assert "i09" not in [i.id for i in housing.items]
