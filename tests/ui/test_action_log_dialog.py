"""Meeting ▸ Action log…: every action with its reference and latest update, narrowed by
agency, overdue and status; "Update…" records what the chair types, or says why not and
records nothing."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QGuiApplication

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import ActionStatus, Audience
from mara_desktop.ui import action_log_dialog
from mara_desktop.ui.action_log_dialog import ActionLogDialog, UpdateDialog
from tests.support.cli import run
from tests.ui.modal import when_shown


def cell(dialog: ActionLogDialog, row: int, number: int) -> str:
    return dialog.model.index(row, number).data()


def column(dialog: ActionLogDialog, number: int) -> list[str]:
    return [cell(dialog, row, number) for row in range(dialog.model.rowCount())]


def record_done(update: UpdateDialog) -> None:
    """The report form filled in as the chair would: done, told by the coordinator."""
    update.status.setCurrentIndex(update.status.findData(ActionStatus.DONE.value))
    update.by.setText("Coordinator")
    update.on.setDate(QDate(2026, 12, 1))
    update.record()


def test_every_action_with_its_reference_and_the_filters_narrow_it(qtbot, demo_session):
    dialog = ActionLogDialog(demo_session, None)
    qtbot.addWidget(dialog)
    chair = demo_session.action_log(Audience.chair(), date.today())
    assert column(dialog, 0) == [e.action.reference for e in chair] and len(chair) == 32
    dialog.agency.setCurrentIndex(dialog.agency.findData("housing"))
    assert column(dialog, 2) and all(a.startswith("Housing and") for a in column(dialog, 2))
    dialog.agency.setCurrentIndex(0)
    dialog.overdue.setChecked(True)
    assert column(dialog, 5) and all(s.endswith("(overdue)") for s in column(dialog, 5))
    dialog.overdue.setChecked(False)
    dialog.status.setCurrentIndex(dialog.status.findData(ActionStatus.AGENCY_DID_NOT_ACT.value))
    assert set(column(dialog, 5)) == {"Not done: agency did not act"}


def test_update_records_the_typed_report_and_the_table_shows_it(qtbot, demo_session):
    dialog = ActionLogDialog(demo_session, None)
    qtbot.addWidget(dialog)
    assert not dialog.update_button.isEnabled()
    dialog.table.selectRow(0)
    entry = dialog.selected()
    assert entry is not None and dialog.update_button.isEnabled()

    def refuse_then_record(update: UpdateDialog) -> None:
        update.status.setCurrentIndex(update.status.findData(ActionStatus.AGENCY_DID_NOT_ACT.value))
        update.by.setText("Coordinator")
        update.record()  # no note: refused, nothing recorded
        assert update.isVisible() and "needs a note" in update.problem.text()
        assert not demo_session.action_log(Audience.chair(), date.today())[0].updates
        update.note.setPlainText("No reply to three reminders.")
        update.on.setDate(QDate(2026, 12, 1))
        update.record()

    when_shown(UpdateDialog, refuse_then_record)
    dialog.update_selected()
    row = column(dialog, 0).index(entry.action.reference)
    assert cell(dialog, row, 5).startswith("Not done: agency did not act")
    assert cell(dialog, row, 6) == ("1 Dec 2026, Coordinator: No reply to three reminders.")
    audited = [r for r in demo_session.audit_records() if r.action == "action-update"]
    assert audited[-1].details["agency"] is None


def test_an_update_the_command_line_records_meanwhile_shows_in_the_open_log(
    qtbot, console, demo_path, tmp_path
):
    """The window reads the log once; a change another program commits while it is open
    (the console's file watcher hears it) reads it again."""
    updates = tmp_path / "updates.csv"
    updates.write_text(
        "action,status,note,updated_by,updated_on\n"
        "case-02/a02,done,Moved to a refuge,J. Smith,2026-12-01\n",
        "utf-8",
    )

    def record_elsewhere(dialog: ActionLogDialog) -> None:
        done = run("actions", demo_path, "--update", updates, passphrase=DEMO_PASSPHRASE)
        assert done.returncode == 0, done.stderr
        qtbot.waitUntil(
            lambda: "1 Dec 2026, J. Smith: Moved to a refuge" in column(dialog, 6),
            timeout=10_000,
        )
        dialog.close()

    when_shown(ActionLogDialog, record_elsewhere)
    console.show_action_log()


def test_a_report_typed_while_the_log_was_read_again_shows_in_its_row(qtbot, demo_session):
    """The log is read again when another program changes the file, which may happen while
    the chair types a report on an action that program also reported on."""
    dialog = ActionLogDialog(demo_session, None)
    qtbot.addWidget(dialog)
    dialog.table.selectRow(0)
    entry = dialog.selected()
    assert entry is not None

    def reported_elsewhere_then_here(update: UpdateDialog) -> None:
        demo_session.record_typed_update(
            entry.key, ActionStatus.OPEN, "Chased by phone", "Police", date(2026, 11, 30)
        )
        dialog.reload()
        record_done(update)

    when_shown(UpdateDialog, reported_elsewhere_then_here)
    dialog.update_selected()
    row = column(dialog, 0).index(entry.action.reference)
    assert cell(dialog, row, 5) == "Done"
    assert [u.updated_by for u in dialog.entries[row].updates] == ["Police", "Coordinator"]


def rows_in_view(dialog: ActionLogDialog) -> range:
    table = dialog.table
    bottom = table.rowAt(table.viewport().height() - 1)
    return range(table.rowAt(0), (bottom if bottom >= 0 else dialog.model.rowCount() - 1) + 1)


def fitted(dialog: ActionLogDialog) -> bool:
    """Every row in view as high as its wrapped text asks, no higher."""
    table = dialog.table
    least = table.verticalHeader().minimumSectionSize()
    return all(
        table.rowHeight(r) == max(table.sizeHintForRow(r), least) for r in rows_in_view(dialog)
    )


def test_rows_are_as_high_as_their_text_at_the_width_the_window_is_shown(qtbot, demo_session):
    """Rows fitted before the window had its size were as high as their text wrapped in
    narrow columns: six actions to a screen, most of each row empty."""
    dialog = ActionLogDialog(demo_session, None)
    qtbot.addWidget(dialog)
    dialog.resize(1500, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    line = dialog.table.fontMetrics().lineSpacing()
    short = column(dialog, 3).index("Arrest for breach of bail and oppose bail.")
    qtbot.waitUntil(lambda: dialog.table.rowHeight(short) < 2 * line + 8, timeout=2000)
    dialog.resize(1800, 700)
    rows = range(dialog.model.rowCount())
    qtbot.waitUntil(lambda: max(dialog.table.rowHeight(r) for r in rows) < 4 * line, timeout=2000)


def test_rows_coming_into_view_are_as_high_as_their_wrapped_text(qtbot, demo_session):
    """Only the rows on screen are fitted (all of a long log took a second), so each
    is fitted as it comes into view: at the top, and after scrolling to the end."""
    dialog = ActionLogDialog(demo_session, None)
    qtbot.addWidget(dialog)
    dialog.resize(900, 600)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    qtbot.waitUntil(lambda: fitted(dialog), timeout=2000)
    wrapped = [
        r
        for r in rows_in_view(dialog)
        if table.sizeHintForRow(r) > 2 * table.fontMetrics().lineSpacing()
    ]
    assert wrapped, "the check means something only if a row on screen wraps"
    first = rows_in_view(dialog)
    table.scrollToBottom()
    qtbot.waitUntil(lambda: rows_in_view(dialog) != first and fitted(dialog), timeout=2000)


def test_a_long_log_works_out_only_the_rows_it_shows(qtbot, demo_session, monkeypatch):
    """A file kept for years holds tens of thousands of actions: the window works out the
    texts of the rows on screen (and of a sample that sets the columns' widths), not one
    row per action."""
    one_log = demo_session.action_log(Audience.chair(), date.today())
    long_log = one_log * 200
    monkeypatch.setattr(demo_session, "action_log", lambda *a: long_log)
    worked_out = []
    texts = action_log_dialog.row_texts
    monkeypatch.setattr(action_log_dialog, "row_texts", lambda e: worked_out.append(e) or texts(e))
    dialog = ActionLogDialog(demo_session, None)
    qtbot.addWidget(dialog)
    dialog.resize(1200, 800)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: fitted(dialog), timeout=2000)
    assert dialog.model.rowCount() == len(long_log) == 6400
    assert 0 < len(worked_out) < 1200
    for place in (len(long_log) // 2, len(long_log) - 1):
        dialog.table.scrollTo(dialog.model.index(place, 0))
        qtbot.waitUntil(lambda: fitted(dialog), timeout=2000)
    assert len(worked_out) < 1300
    dialog.agency.setCurrentIndex(dialog.agency.findData("housing"))
    assert column(dialog, 2) and all(a.startswith("Housing and") for a in column(dialog, 2))


def test_the_meeting_menu_offers_the_action_log(console):
    meeting = next(m for m in console.menuBar().actions() if m.text() == "&Meeting").menu()
    assert "Action log…" in [a.text() for a in meeting.actions()]


def test_narrowing_and_reporting_do_not_read_the_whole_log_again(qtbot, demo_session, monkeypatch):
    """At 20,000 cases reading the log takes seconds: it is read once, when the window opens;
    after a report only the action reported on is read again, and leaves the table if the
    filters no longer keep it."""
    reads = []
    whole_log = demo_session.action_log
    monkeypatch.setattr(demo_session, "action_log", lambda *a: reads.append(a) or whole_log(*a))
    dialog = ActionLogDialog(demo_session, None)
    qtbot.addWidget(dialog)
    dialog.status.setCurrentIndex(dialog.status.findData(ActionStatus.OPEN.value))
    dialog.agency.setCurrentIndex(dialog.agency.findData("housing"))
    dialog.overdue.setChecked(True)
    dialog.overdue.setChecked(False)
    opened = column(dialog, 0)
    dialog.table.selectRow(0)
    entry = dialog.selected()
    assert entry is not None

    when_shown(UpdateDialog, record_done)
    dialog.update_selected()
    assert len(reads) == 1
    assert column(dialog, 0) == [r for r in opened if r != entry.action.reference]
    dialog.status.setCurrentIndex(dialog.status.findData(ActionStatus.DONE.value))
    assert entry.action.reference in column(dialog, 0)


def test_the_wait_cursor_shows_while_the_log_is_read(qtbot, demo_session, monkeypatch):
    """Reading the log of a file kept for years takes seconds: the chair sees that the app
    is working, and gets the usual cursor back once the log is shown."""
    cursors = []
    whole_log = demo_session.action_log

    def read(*args):
        cursor = QGuiApplication.overrideCursor()
        cursors.append(cursor.shape() if cursor is not None else None)
        return whole_log(*args)

    monkeypatch.setattr(demo_session, "action_log", read)
    dialog = ActionLogDialog(demo_session, None)
    qtbot.addWidget(dialog)
    assert cursors == [Qt.CursorShape.WaitCursor]
    assert QGuiApplication.overrideCursor() is None
