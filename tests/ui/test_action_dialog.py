"""The add-action dialog asks for everything, shows its defaults, refuses what cannot be
recorded, says what the owner may not see (never a value) and offers an override for it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QDateEdit, QLineEdit, QPlainTextEdit

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.domain import ActionStatus, Audience
from mara_desktop.session import Session
from mara_desktop.ui.action_dialog import ActionDialog
from mara_desktop.ui.override_dialog import OverrideDialog
from tests.ui.modal import when_shown
from tests.ui.widget_text import widget_texts

JUSTIFICATION = "He has threatened to set fire to her flat; the guard must be fitted."


def action_dialog(qtbot, session: Session, case_id: str) -> ActionDialog:
    """The dialog as the console opens it while `case_id` is being heard."""
    meeting = session.meeting(DEMO_CONFERENCE)
    assert meeting is not None and meeting.new_action() is None  # the opening: no case yet
    meeting.go_to(meeting.number_of(case_id) - 1)
    dialog = ActionDialog.for_current_case(session, meeting)
    assert dialog is not None and dialog.case_id == case_id
    qtbot.addWidget(dialog)
    return dialog


def actions_of(session: Session, case_id: str) -> dict[str, object]:
    return {a.id: a for a in session.case_view(case_id, Audience.chair()).actions}


def test_the_defaults_are_shown_and_can_be_changed(qtbot, demo_session):
    dialog = action_dialog(qtbot, demo_session, "case-03")
    assert dialog.owner.currentText() == "Acute hospital trust"  # the referring agency
    assert dialog.due.date() == QDate(2026, 12, 10)  # two weeks after the meeting
    assert dialog.owner_name.text() == "" and dialog.owner_name.placeholderText().startswith(
        "Optional"
    )
    assert "10 Dec 2026" in widget_texts(dialog)
    assert [dialog.owner.itemData(i) for i in range(dialog.owner.count())] == [
        a.id for a in demo_session.protocol.agencies
    ]
    assert dialog.windowTitle() == "Add action — MARA Desktop"


def test_an_empty_text_or_owning_agency_is_refused_and_nothing_saved(qtbot, demo_session):
    before, log = actions_of(demo_session, "case-03"), demo_session.audit_records()
    dialog = action_dialog(qtbot, demo_session, "case-03")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Write what the action is."
    assert dialog.focusWidget() is dialog.text
    qtbot.keyClicks(dialog.text, "Fit a letterbox guard")
    dialog.owner.setCurrentIndex(-1)
    assert dialog.owner.currentText() == ""  # the placeholder asks for one
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Choose the agency that owns the action."
    assert dialog.focusWidget() is dialog.owner
    assert "Choose the owning agency" in dialog.unseen_text.text()
    assert dialog.result() == 0
    assert actions_of(demo_session, "case-03") == before
    assert demo_session.audit_records() == log


def test_the_action_is_saved_as_the_chair_completed_it(qtbot, demo_session):
    before = actions_of(demo_session, "case-03")
    dialog = action_dialog(qtbot, demo_session, "case-03")
    qtbot.keyClicks(dialog.text, "  Fit a letterbox guard  ")
    dialog.owner.setCurrentIndex(dialog.owner.findData("fire"))
    qtbot.keyClicks(dialog.owner_name, "Watch manager Jo Example")
    dialog.due.setDate(QDate(2026, 12, 3))
    qtbot.keyClick(dialog.owner_name, Qt.Key.Key_Return)  # Enter never records
    assert actions_of(demo_session, "case-03") == before
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    (added,) = [a for i, a in actions_of(demo_session, "case-03").items() if i not in before]
    assert (added.text, added.owner, added.owner_name) == (
        "Fit a letterbox guard", "fire", "Watch manager Jo Example",
    )  # fmt: skip
    assert added.due == date(2026, 12, 3) and added.status is ActionStatus.OPEN
    assert added.conference == DEMO_CONFERENCE
    last = demo_session.audit_records()[-1]
    assert last.action == "action-added" and last.details["action"] == added.id


def test_what_the_owner_may_not_see_is_said_by_kind_never_by_value(qtbot, demo_session):
    dialog = action_dialog(qtbot, demo_session, "case-03")
    dialog.owner.setCurrentIndex(dialog.owner.findData("fire"))
    assert dialog.unseen_text.text() == (
        "Fire and rescue service may not see 3 entries of this case: Victim's safe contact "
        "details, Victim's health and mental health, Immigration status."
    )
    assert list(dialog.needed) == ["victim-contact", "victim-health", "immigration"]
    assert not dialog.share_button.isEnabled()  # nothing ticked: nothing to share
    chair = demo_session.case_view("case-03", Audience.chair())
    values = [i.text for i in chair.items] + [p.name for p in chair.people if p.name]
    assert not [t for t in widget_texts(dialog) for v in values if v in t]
    dialog.owner.setCurrentIndex(dialog.owner.findData("asc"))
    assert dialog.unseen_text.text() == (  # the victim's health reaches it by rule 6
        "Adult social care may not see 2 entries of this case: Victim's safe contact details, "
        "Immigration status."
    )


def test_an_agency_that_sees_everything_is_told_so(qtbot, demo_session):
    dialog = action_dialog(qtbot, demo_session, "case-11")
    dialog.owner.setCurrentIndex(dialog.owner.findData("housing"))
    assert dialog.unseen_text.text() == (
        "Housing and registered social landlords may see everything recorded on this case."
    )
    assert dialog.needed == {} and dialog.share_button.isHidden()


def test_what_the_source_restricted_cannot_be_ticked_for_an_override(qtbot, demo_session):
    dialog = action_dialog(qtbot, demo_session, "case-01")
    dialog.owner.setCurrentIndex(dialog.owner.findData("housing"))
    restricted = dialog.needed["criminal-justice"]
    assert not restricted.isEnabled()
    assert "an override cannot share it" in restricted.text()
    assert dialog.needed["victim-location"].isEnabled()


def test_the_override_dialog_comes_filled_in_for_the_owner_and_the_ticked_information(
    qtbot, demo_session
):
    dialog = action_dialog(qtbot, demo_session, "case-03")
    dialog.owner.setCurrentIndex(dialog.owner.findData("fire"))
    dialog.needed["victim-contact"].setChecked(True)
    seen: list[tuple[tuple[str, ...], tuple[str, ...], list[str]]] = []

    def record(override: OverrideDialog) -> None:
        seen.append(
            (override.categories.chosen(), override.agencies.chosen(), override.preview.summary.text().split("\n"))
        )  # fmt: skip
        override.lawful_basis.setCurrentIndex(override.lawful_basis.findData("vital-interests"))
        override.justification.setPlainText(JUSTIFICATION)
        override.decided_by.setText("DI Sam Example")
        override.record()

    when_shown(OverrideDialog, record)
    qtbot.mouseClick(dialog.share_button, Qt.MouseButton.LeftButton)
    assert seen == [
        (
            ("victim-contact",),
            ("fire",),
            [
                "1 entry would become visible to 1 agency: Fire and rescue service. "
                "The entry: Victim's safe contact details."
            ],
        )
    ]
    (override,) = demo_session.case_records("case-03").overrides
    assert (override.categories, override.agencies) == (("victim-contact",), ("fire",))
    assert dialog.override_recorded
    assert "victim-contact" not in dialog.needed  # the fire service now sees it
    assert dialog.unseen_text.text().startswith("Fire and rescue service may not see 2 entries")


def test_every_field_has_an_accessible_name(qtbot, demo_session):
    dialog = action_dialog(qtbot, demo_session, "case-03")
    dialog.owner.setCurrentIndex(dialog.owner.findData("fire"))
    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QDateEdit):
        for widget in dialog.findChildren(kind):
            if not widget.objectName().startswith("qt_"):
                assert widget.accessibleName(), widget
