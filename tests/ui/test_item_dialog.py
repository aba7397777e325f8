"""Recording information shared at the meeting: who would see it is shown before it is
recorded, the entry is checked and audited, and the protocol then decides as for any other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mara_desktop.domain import Audience, Subject
from mara_desktop.session import Session
from mara_desktop.ui.item_dialog import ItemDialog
from tests.ui.widget_text import widget_texts

ADDRESS = "Now at 9 Example Close, Northtown ZZ1 9XY since Monday."


def dialog_for(qtbot: QtBot, session: Session, case_id: str = "case-01") -> ItemDialog:
    dialog = ItemDialog(session, case_id)
    qtbot.addWidget(dialog)
    return dialog


def everything(session: Session, case_id: str = "case-01"):
    """The case as the chair sees it: every entry, each with who may see it."""
    return session.case_view(case_id, Audience.chair())


def choose(combo, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_who_would_see_it_is_shown_before_anything_is_recorded(qtbot, demo_session):
    before = everything(demo_session)
    records = len(demo_session.audit_records())
    dialog = dialog_for(qtbot, demo_session)
    assert "Choose the kind of information" in dialog.preview.toPlainText()
    choose(dialog.category, "victim-location")
    choose(dialog.source, "idva")
    assert dialog.about.currentText() == "Victim: Anna Przykładowa"  # it is about her
    preview = dialog.preview.toPlainText()
    assert preview.startswith("May see it: Police, IDVA service, By-and-for specialist service.")
    assert "Fire and rescue service" in preview  # with the reason it may not
    choose(dialog.category, "risk-summary")
    assert dialog.about.currentText() == "The case as a whole"
    assert "Fire and rescue service" in dialog.preview.toPlainText().splitlines()[0]
    dialog.restricted.choose(["police"])  # the agency that shared it keeps seeing it
    preview = dialog.preview.toPlainText()
    assert preview.startswith("May see it: Police, IDVA service.")
    assert "Withheld from Fire and rescue service: IDVA service restricted this" in preview
    assert everything(demo_session) == before  # nothing written yet, not even to the log
    assert len(demo_session.audit_records()) == records


def test_information_is_recorded_audited_and_then_shared_by_the_protocol(qtbot, demo_session):
    before = everything(demo_session)
    dialog = dialog_for(qtbot, demo_session)
    choose(dialog.category, "victim-location")
    choose(dialog.source, "idva")
    qtbot.keyClicks(dialog.text, ADDRESS)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    after = everything(demo_session)
    assert len(after.items) == len(before.items) + 1
    (added,) = [i for i in after.items if i.id not in {i.id for i in before.items}]
    assert (added.category, added.source, added.subject, added.person, added.text) == (
        "victim-location", "idva", Subject.VICTIM, "v", ADDRESS,
    )  # fmt: skip
    assert added.recorded_at is not None
    last = demo_session.audit_records()[-1]
    assert last.action == "item-added" and ADDRESS not in str(last.details)
    police = demo_session.case_view("case-01", Audience.of(["police"]))
    housing = demo_session.case_view("case-01", Audience.of(["housing"]))
    assert ADDRESS in {i.text for i in police.items}
    assert ADDRESS not in {i.text for i in housing.items}


def test_nothing_is_recorded_without_its_kind_its_source_and_its_text(qtbot, demo_session):
    before = everything(demo_session)
    dialog = dialog_for(qtbot, demo_session)
    dialog.record()
    assert "Choose the kind of information" in dialog.problem.text()
    choose(dialog.category, "victim-views")
    choose(dialog.source, "idva")
    dialog.record()
    assert dialog.problem.text() == "Write what was shared."
    assert dialog.focusWidget() is dialog.text
    assert everything(demo_session) == before
    assert dialog.result() != dialog.DialogCode.Accepted.value


def test_the_console_offers_it_only_on_a_case_in_the_chairs_own_view(console, monkeypatch):
    page = console.page
    assert not page.information_button.isEnabled()  # the opening page: no case
    console.go_to(0)
    assert page.information_button.isEnabled()
    console.view_as.setCurrentIndex(console.view_as.findData("housing"))
    assert not page.information_button.isEnabled()
    console.view_as.setCurrentIndex(console.view_as.findData("chair"))

    def fill_and_record(dialog: ItemDialog) -> int:
        choose(dialog.category, "risk-summary")
        choose(dialog.source, "police")
        dialog.text.setPlainText("Risk raised to very high after the incident on 22 November.")
        dialog.record()
        return dialog.result()

    monkeypatch.setattr(ItemDialog, "exec", fill_and_record)
    page.information_button.click()
    assert "Risk raised to very high" in "\n".join(widget_texts(page))


def test_text_pasted_with_a_terminal_escape_is_refused_with_the_reason(qtbot, demo_session):
    before = everything(demo_session)
    dialog = dialog_for(qtbot, demo_session)
    choose(dialog.category, "victim-views")
    choose(dialog.source, "idva")
    dialog.text.setPlainText("She wants \x1b[2Jno contact.")
    dialog.record()
    assert dialog.problem.text() == (
        "What was shared holds the control character ESC (U+001B at character 11): remove it."
    )
    assert everything(demo_session) == before
    assert dialog.result() != dialog.DialogCode.Accepted.value
