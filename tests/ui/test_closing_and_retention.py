"""Closing, reopening, retention and purging in the app, driven as a chair would: the
case page says when and why a case closed (to the chair only), the Retention window lists
cases due for purging and open ones not heard for a year, and a purge asks for the
passphrase and the reference again."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from mara_desktop.domain import CaseStatus
from mara_desktop.ui.close_case_dialog import CloseCaseDialog
from mara_desktop.ui.console import ChairConsole
from mara_desktop.ui.purge_dialog import PurgeDialog
from mara_desktop.ui.retention_dialog import RetentionDialog
from tests.conftest import PASSPHRASE
from tests.support.retention import GONE, GONE_WORDS, KEPT, KEPT_WORDS, OPEN, build
from tests.ui.modal import when_shown
from tests.ui.widget_text import widget_texts

TODAY = date.today()
REASON = "Risk reduced after sanctuary works"


def _close_with(qtbot: QtBot, reason: str):
    def fill(dialog: CloseCaseDialog) -> None:
        qtbot.keyClicks(dialog.reason, reason)
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)

    return fill


def test_the_chair_closes_and_reopens_the_case_being_heard(qtbot: QtBot, console: ChairConsole):
    console.next()
    case_id = console.meeting.current
    page = console.page
    assert page.close_case_button.text() == "Close case…" and page.closing.isHidden()
    when_shown(CloseCaseDialog, _close_with(qtbot, REASON))
    qtbot.mouseClick(page.close_case_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.close_case_button.text() == "Reopen case…")
    assert page.closing.text() == f"Closed on {TODAY.day} {TODAY:%b %Y} ({REASON})"
    assert page.closing.isVisibleTo(page)
    console.view_as.setCurrentIndex(console.view_as.count() - 1)  # an agency's preview
    assert REASON not in widget_texts(page)
    console.view_as.setCurrentIndex(0)
    closings = [r for r in console.session.audit_records() if r.action == "case-closed"]
    assert [r.details for r in closings] == [{"case": case_id, "closed_on": TODAY.isoformat()}]

    def answer_yes(box: QMessageBox) -> None:
        box.button(QMessageBox.StandardButton.Yes).click()

    when_shown(QMessageBox, answer_yes)
    qtbot.mouseClick(page.close_case_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.close_case_button.text() == "Close case…")
    assert page.closing.isHidden()
    assert console.session.header_for_chair(case_id).status is CaseStatus.OPEN


def test_a_closing_without_a_reason_is_refused_in_the_dialog(qtbot: QtBot, console: ChairConsole):
    console.next()
    seen: list[str] = []

    def leave_empty(dialog: CloseCaseDialog) -> None:
        qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
        seen.append(dialog.problem.text())

    when_shown(CloseCaseDialog, leave_empty)
    qtbot.mouseClick(console.page.close_case_button, Qt.MouseButton.LeftButton)
    assert seen == ["Give the reason the case is closed."]
    assert console.page.close_case_button.text() == "Close case…"


@pytest.fixture
def session(tmp_path):
    with build(tmp_path / "file.mara", TODAY) as opened:
        opened.close_case(GONE, TODAY - timedelta(days=8 * 366), "Moved away")
        yield opened


def _rows(widget) -> list[str]:
    return [widget.item(row).text() for row in range(widget.count())]


def test_the_retention_window_lists_due_and_old_open_cases(qtbot: QtBot, session):
    dialog = RetentionDialog(session)
    qtbot.addWidget(dialog)
    assert "keeps a case 7 years" in dialog.period.text()
    assert [r.split(" — ")[0] for r in _rows(dialog.due)] == [GONE_WORDS[0]]
    assert {r.split(" — ")[0] for r in _rows(dialog.not_heard)} == {KEPT_WORDS[0], "OPEN-REF-77"}
    assert not dialog.purge_button.isEnabled()
    dialog.due.setCurrentRow(0)
    assert dialog.purge_button.isEnabled()


def test_purging_asks_the_passphrase_and_the_reference_and_names_the_copies(qtbot: QtBot, session):
    backup = session.path.with_name("before.mara")
    session.backup(backup)
    dialog = RetentionDialog(session)
    qtbot.addWidget(dialog)
    dialog.due.setCurrentRow(0)
    refusals: list[str] = []

    def wrong_then_right(purging: PurgeDialog) -> None:
        qtbot.keyClicks(purging.passphrase, "not the passphrase")
        qtbot.keyClicks(purging.reference, GONE_WORDS[0])
        qtbot.mouseClick(purging.purge_button, Qt.MouseButton.LeftButton)
        refusals.append(purging.problem.text())
        assert purging.passphrase.text() == ""
        qtbot.keyClicks(purging.passphrase, PASSPHRASE)
        purging.reference.setText("GONE-REF-QX8")
        qtbot.mouseClick(purging.purge_button, Qt.MouseButton.LeftButton)
        refusals.append(purging.problem.text())
        qtbot.keyClicks(purging.passphrase, PASSPHRASE)
        purging.reference.setText(GONE_WORDS[0])
        qtbot.mouseClick(purging.purge_button, Qt.MouseButton.LeftButton)

    when_shown(PurgeDialog, wrong_then_right)
    qtbot.mouseClick(dialog.purge_button, Qt.MouseButton.LeftButton)
    assert "wrong passphrase" in refusals[0]
    assert refusals[1] == f'That is not the reference of case "{GONE}"; nothing was purged.'
    assert session.case_ids() == {KEPT, OPEN}
    assert dialog.changed
    assert f"  {backup} (encrypted copy)" in dialog.problem.text().splitlines()
    assert _rows(dialog.due) == ["No case is due for purging."]
    assert not dialog.purge_button.isEnabled()


def test_an_old_open_case_is_closed_from_the_retention_window(qtbot: QtBot, session):
    dialog = RetentionDialog(session)
    qtbot.addWidget(dialog)
    row = next(n for n, r in enumerate(_rows(dialog.not_heard)) if r.startswith(KEPT_WORDS[0]))
    dialog.not_heard.setCurrentRow(row)
    when_shown(CloseCaseDialog, _close_with(qtbot, REASON))
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    assert session.header_for_chair(KEPT).closed_reason == REASON
    assert all(not r.startswith(KEPT_WORDS[0]) for r in _rows(dialog.not_heard))
    assert dialog.problem.text() == f"Closed case {KEPT_WORDS[0]}."


def test_without_a_period_the_window_says_so_and_lists_nothing_due(qtbot: QtBot, tmp_path):
    with build(tmp_path / "file.mara", TODAY, years=None) as session:
        dialog = RetentionDialog(session)
        qtbot.addWidget(dialog)
        assert dialog.period.text().startswith("The protocol sets no retention period")
        assert _rows(dialog.due) == ["No case is due for purging."]
