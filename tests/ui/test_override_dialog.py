"""The override dialog holds the bar, previews the effect, and records an audited override."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QTreeWidget

from mara_desktop.domain import Audience, when_text
from mara_desktop.ui.case_page import records_text
from mara_desktop.ui.override_dialog import OverrideDialog
from tests.ui.effect_lines import preview_lines
from tests.ui.widget_text import widget_texts

JUSTIFICATION = "He found the leaflet; she is at risk of being taken abroad."


def fill(dialog: OverrideDialog) -> None:
    dialog.categories.choose(["victim-contact"])
    dialog.agencies.choose(["housing"])


def test_the_preview_names_housing_and_the_safe_contact_details(qtbot, demo_session):
    dialog = OverrideDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    assert "Tick the information" in dialog.preview.summary.text()
    fill(dialog)
    assert preview_lines(dialog.preview) == [
        "Housing and registered social landlords would newly see:",
        "Victim's safe contact details (from By-and-for specialist service)",
    ]
    assert dialog.preview.summary.text() == (
        "1 entry would become visible to 1 agency: Housing and registered social landlords. "
        "The entry: Victim's safe contact details."
    )
    item_text = demo_session.case_view("case-03", Audience.chair()).items[3].text
    assert all(item_text not in t for t in widget_texts(dialog))


def test_entries_and_agencies_are_counted_apart_and_named(qtbot, demo_session):
    """One entry reaching two agencies is one entry, not two."""
    dialog = OverrideDialog(demo_session, "case-03", categories=["victim-contact"])
    qtbot.addWidget(dialog)
    dialog.agencies.choose(["housing", "fire"])
    assert dialog.preview.summary.text() == (
        "1 entry would become visible to 2 agencies: Housing and registered social landlords, "
        "Fire and rescue service. The entry: Victim's safe contact details."
    )
    dialog.categories.choose(["victim-contact", "victim-health", "immigration"])
    assert dialog.preview.summary.text() == (
        "3 entries would become visible to 2 agencies: Housing and registered social "
        "landlords, Fire and rescue service. The entries: Immigration status, Victim's health "
        "and mental health, Victim's safe contact details."
    )
    assert len(preview_lines(dialog.preview)) == 2 + 3 + 3


def test_the_bar_is_held_in_the_dialog(qtbot, demo_session):
    dialog = OverrideDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    fill(dialog)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.problem.text() == "Choose the lawful basis from the protocol."
    assert dialog.focusWidget() is dialog.lawful_basis
    dialog.lawful_basis.setCurrentIndex(dialog.lawful_basis.findData("vital-interests"))
    dialog.record()
    assert "justification in full (at least 20 characters)" in dialog.problem.text()
    qtbot.keyClicks(dialog.justification, "risk")
    dialog.record()
    assert "justification in full" in dialog.problem.text()
    assert dialog.length.text() == "4 characters (at least 20)"
    dialog.justification.setPlainText(JUSTIFICATION)
    dialog.record()
    assert dialog.problem.text() == "Name the person who decided."
    assert dialog.focusWidget() is dialog.decided_by
    assert demo_session.case_records("case-03").overrides == ()
    assert dialog.result() == 0


def fill_completely(qtbot, dialog: OverrideDialog) -> None:
    """Everything an override needs: scope, a lawful basis, a justification, who decided."""
    fill(dialog)
    dialog.lawful_basis.setCurrentIndex(dialog.lawful_basis.findData("vital-interests"))
    dialog.justification.setPlainText(JUSTIFICATION)
    qtbot.keyClicks(dialog.decided_by, "DI Sam Example")


def test_a_complete_override_is_recorded_and_audited(qtbot, demo_session):
    dialog = OverrideDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    fill_completely(qtbot, dialog)
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    (override,) = demo_session.case_records("case-03").overrides
    assert override.categories == ("victim-contact",) and override.agencies == ("housing",)
    assert override.lawful_basis == "vital-interests"
    assert override.justification == JUSTIFICATION and override.decided_by == "DI Sam Example"
    last = demo_session.audit_records()[-1]
    assert last.action == "override-recorded" and last.details["agencies"] == ["housing"]
    again = OverrideDialog(demo_session, "case-03")
    qtbot.addWidget(again)
    fill(again)
    assert again.effect() == []
    assert "Nothing withheld now would become visible" in again.preview.summary.text()


def test_every_field_has_an_accessible_name(qtbot, demo_session):
    dialog = OverrideDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    for kind in (QLineEdit, QPlainTextEdit, QComboBox, QCheckBox, QTreeWidget):
        for widget in dialog.findChildren(kind):
            assert widget.accessibleName(), widget


def test_enter_never_records_an_override(qtbot, demo_session):
    dialog = OverrideDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    fill_completely(qtbot, dialog)
    qtbot.keyClick(dialog.decided_by, Qt.Key.Key_Return)
    assert demo_session.case_records("case-03").overrides == ()


def test_an_end_date_is_optional_and_not_before_the_day_of_the_decision(qtbot, demo_session):
    dialog = OverrideDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    fill_completely(qtbot, dialog)
    assert not dialog.has_until.isChecked() and not dialog.until.isEnabled()
    assert dialog.override().until is None
    dialog.has_until.click()
    assert dialog.until.isEnabled()
    today = date.today()
    dialog.until.setDate(QDate(today.year, today.month, today.day).addDays(-1))
    assert dialog.override().until == today  # the widget refuses a day before the decision
    last_day = today + timedelta(days=30)
    dialog.until.setDate(QDate(last_day.year, last_day.month, last_day.day))
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    (override,) = demo_session.case_records("case-03").overrides
    assert override.until == last_day
    assert demo_session.audit_records()[-1].details["until"] == last_day.isoformat()
    history = records_text(demo_session.case_records("case-03"), demo_session.protocol)
    assert f"by DI Sam Example, until {when_text(last_day)}:" in history
