"""Recording text that mentions a person withheld from some of its readers asks first,
names those agencies, and records only when the chair presses again (audited)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from mara_desktop.domain import Audience
from mara_desktop.session import Session
from mara_desktop.ui.item_dialog import ItemDialog
from mara_desktop.ui.mention_warning import AS_WRITTEN
from tests.ui.test_action_dialog import action_dialog, actions_of


def kept_records(session: Session) -> list[dict[str, object]]:
    return [r.details for r in session.audit_records() if r.action == "mention-kept"]


def test_an_action_naming_a_withheld_person_is_recorded_only_when_pressed_again(
    qtbot, demo_session
):
    before = actions_of(demo_session, "case-09")
    dialog = action_dialog(qtbot, demo_session, "case-09")
    qtbot.keyClicks(dialog.text, "Ask Susan to return the spare key")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    warning = dialog.problem.text()
    assert '"Susan"' in warning and "Police" in warning and "Fire and rescue service" in warning
    assert dialog.record_button.text() == AS_WRITTEN
    assert actions_of(demo_session, "case-09") == before and not kept_records(demo_session)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    added = set(actions_of(demo_session, "case-09")) - set(before)
    assert len(added) == 1 and dialog.result() == dialog.DialogCode.Accepted
    [kept] = kept_records(demo_session)
    assert kept["case"] == "case-09" and kept["entry"] in added and kept["withheld"] == ["o1"]
    assert "police" in kept["agencies"] and kept["decision"] == "recorded as written"


def test_a_reworded_action_is_checked_again_and_recorded_at_once(qtbot, demo_session):
    dialog = action_dialog(qtbot, demo_session, "case-09")
    qtbot.keyClicks(dialog.text, "Ask Susan to return the spare key")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.record_button.text() == AS_WRITTEN
    dialog.text.setPlainText("Ask the victim's relative to return the spare key")
    assert dialog.record_button.text() == "Add action" and dialog.problem.isHidden()
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted and not kept_records(demo_session)


def test_information_naming_a_withheld_person_warns_before_it_is_recorded(qtbot, demo_session):
    dialog = ItemDialog(demo_session, "case-09")
    qtbot.addWidget(dialog)
    dialog.category.setCurrentIndex(dialog.category.findData("risk-summary"))
    dialog.source.setCurrentIndex(dialog.source.findData("police"))
    dialog.text.setPlainText("Susan holds a key to the flat.")
    before = len(demo_session.case_view("case-09", Audience.chair()).items)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert '"Susan"' in dialog.problem.text()
    assert len(demo_session.case_view("case-09", Audience.chair()).items) == before
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert len(demo_session.case_view("case-09", Audience.chair()).items) == before + 1
    assert kept_records(demo_session)
