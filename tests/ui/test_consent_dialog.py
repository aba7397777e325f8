"""The consent dialog only ever adds a record, audited, and shows the history newest first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QLineEdit, QRadioButton, QTreeWidget

from mara_desktop.domain import ConsentState
from mara_desktop.ui.consent_dialog import ConsentDialog


def history_rows(dialog: ConsentDialog) -> list[list[str]]:
    tree = dialog.history
    return [
        [tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]
        for r in range(tree.topLevelItemCount())
    ]


def test_the_history_is_shown_newest_first(qtbot, demo_session):
    dialog = ConsentDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    rows = history_rows(dialog)
    assert [r[1] for r in rows] == ["Withdrawn (decides now)", "Given"]
    assert rows[0][2:] == ["All agencies", "All categories", "Elif (specialist service)"]
    assert dialog.windowTitle() == "Record consent — MARA Desktop"


def test_a_refusal_is_recorded_audited_and_shown(qtbot, demo_session):
    before = len(demo_session.case_records("case-03").consents)
    dialog = ConsentDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    dialog.state_buttons[ConsentState.REFUSED].setChecked(True)
    dialog.agencies.choose(["housing", "police"])
    qtbot.keyClicks(dialog.recorded_by, "Jo Bloggs (IDVA)")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    consents = demo_session.case_records("case-03").consents
    assert len(consents) == before + 1
    latest = consents[0]  # newest first
    assert latest.state is ConsentState.REFUSED
    assert set(latest.agencies) == {"housing", "police"} and latest.categories == ("*",)
    assert latest.recorded_by == "Jo Bloggs (IDVA)"
    assert demo_session.audit_records()[-1].action == "consent-recorded"
    again = ConsentDialog(demo_session, "case-03")
    qtbot.addWidget(again)
    newest = history_rows(again)[0]
    assert newest[1] == "Refused (decides now)" and newest[4] == "Jo Bloggs (IDVA)"
    assert "Police" in newest[2] and "Housing and registered social landlords" in newest[2]


def test_nothing_is_recorded_without_an_answer_or_a_name(qtbot, demo_session):
    before = demo_session.case_records("case-03").consents
    dialog = ConsentDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    dialog.record()
    assert "Choose her answer" in dialog.problem.text()
    dialog.state_buttons[ConsentState.GIVEN].setChecked(True)
    dialog.record()
    assert dialog.problem.text() == "Name who recorded her answer."
    assert dialog.focusWidget() is dialog.recorded_by  # the field to mend
    dialog.recorded_by.setText("Jo")
    dialog.agencies.choose([])
    dialog.record()
    assert "at least one agency" in dialog.problem.text()
    assert demo_session.case_records("case-03").consents == before
    assert dialog.result() == 0


def test_every_field_has_an_accessible_name(qtbot, demo_session):
    dialog = ConsentDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    for kind in (QLineEdit, QDateTimeEdit, QCheckBox, QRadioButton, QTreeWidget):
        for widget in dialog.findChildren(kind):
            if not widget.objectName().startswith("qt_"):  # Qt's own parts of a widget
                assert widget.accessibleName(), widget
