"""The consent dialog only ever adds a record, audited, and shows the history newest first."""

from __future__ import annotations

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import QCheckBox, QDateTimeEdit, QLineEdit, QRadioButton, QTreeWidget

from mara_desktop.domain import Audience, ConsentState, Item, Subject
from mara_desktop.ui.consent_dialog import ConsentDialog
from tests.ui.effect_lines import preview_lines
from tests.ui.widget_text import widget_texts


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
    assert [r[1] for r in rows] == ["The victim", "The victim"]
    assert [r[2] for r in rows] == ["Withdrawn (decides now)", "Given"]
    assert rows[0][3:] == ["All agencies", "All categories", "Elif (specialist service)"]
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
    assert newest[2] == "Refused (decides now)" and newest[5] == "Jo Bloggs (IDVA)"
    assert "Police" in newest[3] and "Housing and registered social landlords" in newest[3]


def test_nothing_is_recorded_without_an_answer_or_a_name(qtbot, demo_session):
    before = demo_session.case_records("case-03").consents
    dialog = ConsentDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    dialog.record()
    assert dialog.problem.text() == "Choose the answer: given, refused, withdrawn or not sought."
    dialog.state_buttons[ConsentState.GIVEN].setChecked(True)
    dialog.record()
    assert dialog.problem.text() == "Name who recorded the answer."
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


def test_no_word_assumes_the_victims_gender(qtbot, demo_session):
    dialog = ConsentDialog(demo_session, "case-03")
    qtbot.addWidget(dialog)
    dialog.record()
    words = " ".join(widget_texts(dialog)).lower().replace("-", " ").split()
    assert not {"her", "she", "his", "he", "him"} & set(words)
    assert "The answer" in widget_texts(dialog)


def test_the_preview_lists_what_a_withdrawal_would_hide_before_it_is_recorded(qtbot, demo_session):
    before = demo_session.case_records("case-01").consents
    dialog = ConsentDialog(demo_session, "case-01")  # consent given to all on 10 Nov
    qtbot.addWidget(dialog)
    assert dialog.preview.summary.text() == "Choose the answer to see what it would change."
    dialog.state_buttons[ConsentState.WITHDRAWN].setChecked(True)
    summary = dialog.preview.summary.text()
    # Rule 6 keeps the victim's health with health services, the victim's advocates and
    # adult social care, and rule 8 with children's social care (a children's case); the
    # others had it by rule 7, on her consent.
    assert summary == (
        "1 entry would become hidden from 5 agencies: Police, Probation service, Housing and "
        "registered social landlords, Education (schools' safeguarding leads), Fire and rescue "
        "service. The entry: Victim's health and mental health."
    )
    lines = preview_lines(dialog.preview)
    assert lines[:2] == [
        "Police would no longer see:",
        "Victim's health and mental health (from Primary care (GP))",
    ]
    health = demo_session.case_view("case-01", Audience.chair()).items[4]
    assert health.category == "victim-health"
    assert not [t for t in widget_texts(dialog) if health.text in t]
    assert demo_session.case_records("case-01").consents == before  # nothing recorded yet


def test_the_preview_lists_what_consent_would_make_visible(qtbot, demo_session):
    dialog = ConsentDialog(demo_session, "case-03")  # withdrawn on 20 Nov
    qtbot.addWidget(dialog)
    dialog.state_buttons[ConsentState.GIVEN].setChecked(True)
    dialog.agencies.choose(["idva"])
    assert dialog.preview.summary.text() == (  # the IDVA has her health by rule 6 already
        "1 entry would become visible to 1 agency: IDVA service. The entry: Immigration status."
    )
    dialog.agencies.choose(["idva", "police"])
    assert dialog.preview.summary.text() == (
        "2 entries would become visible to 2 agencies: Police, IDVA service. "
        "The entries: Victim's health and mental health, Immigration status."
    )
    dialog.agencies.choose([])
    assert dialog.preview.summary.text() == (
        "Tick the agencies and the information the answer covers."
    )


def test_an_answer_dated_before_the_latest_is_said_to_change_nothing(qtbot, demo_session):
    dialog = ConsentDialog(demo_session, "case-03")  # the latest was recorded on 20 Nov 2026
    qtbot.addWidget(dialog)
    dialog.state_buttons[ConsentState.GIVEN].setChecked(True)
    dialog.recorded_at.setDateTime(QDateTime(QDate(2026, 11, 1), QTime(9, 0)))
    assert dialog.preview.summary.text().startswith(
        "Nothing would change: an answer of the same person recorded later than this time "
        "decides what is shared."
    )
    assert preview_lines(dialog.preview) == []


def test_whose_consent_is_chosen_and_the_preview_and_history_follow(qtbot, demo_session):
    """Information about an other adult opens on that adult's consent, not the victim's."""
    about_her = Item("i99", "substance-use", "gp", Subject.HOUSEHOLD, "Drinks daily", (), "o1")
    demo_session.record_item("case-09", about_her)
    dialog = ConsentDialog(demo_session, "case-09")
    qtbot.addWidget(dialog)
    choices = [dialog.whose.itemText(i) for i in range(dialog.whose.count())]
    assert choices == ["The victim", "Susan Dummy (other adult)"]
    assert dialog.whose.currentData() is None  # the victim by default
    dialog.state_buttons[ConsentState.GIVEN].setChecked(True)
    hers = "Substance use (from Primary care (GP))"
    assert hers not in preview_lines(dialog.preview)
    dialog.whose.setCurrentIndex(1)
    assert hers in preview_lines(dialog.preview)
    qtbot.keyClicks(dialog.recorded_by, "Jo Bloggs (IDVA)")
    qtbot.mouseClick(dialog.record_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted.value
    assert demo_session.case_records("case-09").consents[0].person == "o1"
    idva = demo_session.case_view("case-09", Audience.of(["idva"]))
    assert "i99" in [i.id for i in idva.items]
    again = ConsentDialog(demo_session, "case-09")
    qtbot.addWidget(again)
    rows = history_rows(again)
    assert [r[1:3] for r in rows] == [  # the demo holds her earlier answer too
        ["Susan Dummy (other adult)", "Given (decides now)"],
        ["Susan Dummy (other adult)", "Given"],
        ["The victim", "Given (decides now)"],
    ]
