"""Recording information shared at the meeting: who would see it is shown before it is
recorded, the entry is checked and audited, and the protocol then decides as for any other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from mara_desktop.domain import Audience, Subject
from mara_desktop.store import audit
from mara_desktop.store.casefile import CaseFile
from mara_desktop.ui.item_dialog import ItemDialog
from mara_desktop.views.builder import ViewBuilder
from tests.ui.widget_text import widget_texts

ADDRESS = "Now at 9 Example Close, Northtown ZZ1 9XY since Monday."


def dialog_for(qtbot: QtBot, case_file: CaseFile, case_id: str = "case-01") -> ItemDialog:
    case = case_file.case(case_id)
    assert case is not None
    dialog = ItemDialog(case_file, case)
    qtbot.addWidget(dialog)
    return dialog


def choose(combo, data: str) -> None:
    combo.setCurrentIndex(combo.findData(data))


def test_who_would_see_it_is_shown_before_anything_is_recorded(qtbot, demo_file):
    dialog = dialog_for(qtbot, demo_file)
    assert "Choose the kind of information" in dialog.preview.toPlainText()
    choose(dialog.category, "victim-location")
    choose(dialog.source, "idva")
    assert dialog.about.currentText() == "Victim: Anna Przykładowa"  # it is about her
    preview = dialog.preview.toPlainText()
    assert preview.startswith("May see it: Police, IDVA service.")
    assert "Fire and rescue service" in preview  # with the reason it may not
    choose(dialog.category, "risk-summary")
    assert dialog.about.currentText() == "The case as a whole"
    assert "Fire and rescue service" in dialog.preview.toPlainText().splitlines()[0]
    dialog.restricted.choose(["police"])  # the agency that shared it keeps seeing it
    preview = dialog.preview.toPlainText()
    assert preview.startswith("May see it: Police, IDVA service.")
    assert "Withheld from Fire and rescue service: IDVA service restricted this" in preview
    assert demo_file.case("case-01").items == dialog.case.items  # nothing written yet


def test_information_is_recorded_audited_and_then_shared_by_the_protocol(qtbot, demo_file):
    before = demo_file.case("case-01")
    dialog = dialog_for(qtbot, demo_file)
    choose(dialog.category, "victim-location")
    choose(dialog.source, "idva")
    qtbot.keyClicks(dialog.text, ADDRESS)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    case = demo_file.case("case-01")
    assert case is not None and len(case.items) == len(before.items) + 1
    added = case.items[-1]
    assert (added.category, added.source, added.subject, added.person, added.text) == (
        "victim-location", "idva", Subject.VICTIM, "v", ADDRESS,
    )  # fmt: skip
    assert added.recorded_at is not None and added.id not in {i.id for i in before.items}
    last = audit.records(demo_file.connection)[-1]
    assert last.action == "item-added" and ADDRESS not in str(last.details)
    builder = ViewBuilder(demo_file.protocol)
    police = builder.case_view(case, Audience.of(["police"]))
    housing = builder.case_view(case, Audience.of(["housing"]))
    assert ADDRESS in {i.text for i in police.items}
    assert ADDRESS not in {i.text for i in housing.items}


def test_nothing_is_recorded_without_its_kind_its_source_and_its_text(qtbot, demo_file):
    before = demo_file.case("case-01")
    dialog = dialog_for(qtbot, demo_file)
    dialog.record()
    assert "Choose the kind of information" in dialog.problem.text()
    choose(dialog.category, "victim-views")
    choose(dialog.source, "idva")
    dialog.record()
    assert "Write what was shared" in dialog.problem.text()
    assert demo_file.case("case-01") == before
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


def test_text_pasted_with_a_terminal_escape_is_refused_with_the_reason(qtbot, demo_file):
    before = demo_file.case("case-01")
    dialog = dialog_for(qtbot, demo_file)
    choose(dialog.category, "victim-views")
    choose(dialog.source, "idva")
    dialog.text.setPlainText("She wants \x1b[2Jno contact.")
    dialog.record()
    assert dialog.problem.text() == (
        "What was shared holds the control character ESC (U+001B at character 11): remove it."
    )
    assert demo_file.case("case-01") == before
    assert dialog.result() != dialog.DialogCode.Accepted.value
