"""The Statistics dialog: the session's figures in plain words for the dates chosen, cases and
repeats per meeting in the chart, and the CSV written as `stats --csv` writes it."""

from __future__ import annotations

import csv
import stat
from datetime import date

from PySide6.QtCore import QDate

from mara_desktop.ui.statistics_dialog import StatisticsDialog, figure_words
from tests.ui.file_dialog_answers import FileDialogAnswers, flush_deleted
from tests.ui.modal import when_shown

START, END = date(2026, 9, 1), date(2026, 12, 1)


def _dialog(qtbot, session) -> StatisticsDialog:
    dialog = StatisticsDialog(session)
    qtbot.addWidget(dialog)
    dialog.start.setDate(QDate(START.year, START.month, START.day))
    dialog.end.setDate(QDate(END.year, END.month, END.day))
    return dialog


def _rows(dialog: StatisticsDialog) -> list[tuple[str, str]]:
    table = dialog.table
    return [(table.item(r, 0).text(), table.item(r, 1).text()) for r in range(table.rowCount())]


def test_the_figures_are_the_sessions_in_plain_words(qtbot, demo_session):
    dialog = _dialog(qtbot, demo_session)
    figures = demo_session.statistics(START, END)
    protocol = demo_session.protocol
    expected = [
        (figure_words(key, protocol.agency_name(key.split(".")[-1])), str(count))
        for key, count in figures.rows()
    ]
    assert _rows(dialog) == expected
    assert _rows(dialog)[0] == ("Cases heard", str(figures.cases)) and figures.cases > 0
    assert ("Referred by Police", str(figures.referrals_by_agency["police"])) in expected
    meetings = sorted(c.date for c in demo_session.conferences() if START <= c.date <= END)
    assert [day for day, _, _ in dialog.chart.bars] == meetings
    assert sum(cases for _, cases, _ in dialog.chart.bars) == figures.cases
    assert sum(repeats for _, _, repeats in dialog.chart.bars) == figures.repeats
    dialog.start.setDate(QDate(2026, 11, 1))
    assert _rows(dialog)[0][1] == str(demo_session.statistics(date(2026, 11, 1), END).cases)
    dialog.end.setDate(QDate(2026, 10, 1))
    assert (
        dialog.problem.text().startswith("To: the last date") and not dialog.save_button.isEnabled()
    )


def test_the_csv_is_suppressed_owner_only_and_audited(qtbot, demo_session, tmp_path):
    dialog = _dialog(qtbot, demo_session)
    out = tmp_path / "return.csv"
    answers = FileDialogAnswers(str(out))
    dialog.save_button.click()
    flush_deleted()
    assert answers.titles == ["Save the statistics — MARA Desktop"]
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    figures = dict(demo_session.statistics(START, END).rows())
    assert rows[0] == ["figure", "count"]
    written = dict(rows[1:])
    assert written.keys() == figures.keys()
    for key, count in figures.items():
        assert written[key] == ("<5" if 1 <= count <= 4 else str(count))
    assert "<5" in written.values()
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert demo_session.audit_records()[-1].action == "stats"
    assert "counts of 1 to 4 are written as <5" in dialog.problem.text()


def test_the_console_opens_it_from_the_case_file_menu(qtbot, console):
    shown: list[str] = []
    when_shown(StatisticsDialog, lambda dialog: shown.append(dialog.windowTitle()))
    console.commands.statistics.trigger()
    assert shown == ["Statistics — MARA Desktop"]
