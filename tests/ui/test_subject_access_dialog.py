"""Case ▸ Subject access request…: the chair picks the person, sees the entries (those
naming other people flagged), records reasons to withhold, saves the release and reads
the summary; a perpetrator's draft never shows the victim's whereabouts."""

from __future__ import annotations

import io
import stat

from pypdf import PdfReader

from mara_desktop.ui.subject_access_dialog import FLAG, TITLE, SubjectAccessDialog
from mara_desktop.views.subject_release import PERPETRATOR_RULE
from tests.ui.file_dialog_answers import FileDialogAnswers, flush_deleted
from tests.ui.modal import when_shown
from tests.ui.widget_text import widget_texts

CASE = "case-01"
WHEREABOUTS = ("27 Sample Road", "12 Example Row", "07700 900123")
"""The demo victim's home address, safe whereabouts and safe number."""
BRUISING = "Attended surgery with bruising to the neck"


def _dialog(qtbot, session) -> SubjectAccessDialog:
    dialog = SubjectAccessDialog(session, CASE)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(dialog: SubjectAccessDialog, person_id: str) -> None:
    dialog.person.setCurrentIndex(dialog.person.findData(person_id))


def _rows(dialog: SubjectAccessDialog) -> dict[str, tuple[str, str]]:
    table = dialog.table
    return {
        table.item(r, 0).text(): (table.item(r, 4).text(), table.item(r, 5).text())
        for r in range(table.rowCount())
    }


def test_a_perpetrators_draft_shows_no_whereabouts_and_says_why(qtbot, demo_session):
    dialog = _dialog(qtbot, demo_session)
    _choose(dialog, "p")
    assert list(_rows(dialog)) == ["i01", "i06", "i07", "a01", "a02", "a03"]
    assert _rows(dialog)["i01"][0] == FLAG and _rows(dialog)["i06"][0] == ""
    assert dialog.rule.text() == PERPETRATOR_RULE and dialog.rule.isVisibleTo(dialog)
    shown = "\n".join(widget_texts(dialog))
    for value in WHEREABOUTS:
        assert value not in shown
    assert dialog.windowTitle() == TITLE


def test_the_chair_withholds_an_entry_and_the_saved_release_lacks_it(qtbot, demo_session, tmp_path):
    dialog = _dialog(qtbot, demo_session)
    _choose(dialog, "v")
    assert "i02" in _rows(dialog) and not dialog.rule.isVisibleTo(dialog)
    dialog.select_entry("i04")
    dialog.reason.setCurrentIndex(dialog.reason.findData("other"))
    dialog.record_button.click()
    assert "own words" in dialog.status.text() and _rows(dialog)["i04"][1] == ""
    dialog.reason.setCurrentIndex(dialog.reason.findData("serious-harm"))
    dialog.record_button.click()
    assert _rows(dialog)["i04"][1] == "Risk of serious harm to the victim or another person"
    assert demo_session.audit_records()[-1].action == "sar-withholding"
    dialog.select_entry("i02")
    assert dialog.reason.currentText() == "Not withheld"
    dialog.select_entry("i04")
    assert dialog.reason.currentData() == "serious-harm"

    folder = tmp_path / "release"
    folder.mkdir()
    answers = FileDialogAnswers(str(folder))
    dialog.save_button.click()
    flush_deleted()
    assert answers.titles == ["Save the subject access release — MARA Desktop"]
    assert dialog.saved is not None
    pdf, data = dialog.saved
    assert "1 withheld" in dialog.status.text() and pdf.name in dialog.status.text()
    for path in (pdf, data):
        assert path.parent == folder and stat.S_IMODE(path.stat().st_mode) == 0o600
    pages = PdfReader(io.BytesIO(pdf.read_bytes())).pages
    text = " ".join(" ".join(p.extract_text().split()) for p in pages)
    assert BRUISING not in text and BRUISING not in data.read_text("utf-8")
    assert "i04 (Victim's health and mental health, from Primary care (GP))" in text
    assert "withheld: Risk of serious harm to the victim or another person" in text
    assert "names other people: review before release" in text
    assert demo_session.audit_records()[-1].action == "subject-access-written"


def test_the_console_opens_it_on_the_case_being_heard(qtbot, console):
    seen: list[tuple[str, int]] = []
    when_shown(SubjectAccessDialog, lambda d: seen.append((d.windowTitle(), d.person.count())))
    console.next()
    console.commands.subject_access.trigger()
    assert seen == [(TITLE, 3)]


def test_the_case_menu_offers_it(console):
    (menu,) = [a.menu() for a in console.menuBar().actions() if a.text() == "C&ase"]
    assert console.commands.subject_access in menu.actions()
