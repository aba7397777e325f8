"""The protocol matrix with its review warning, and the audit log with its check."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt

from mara_desktop.domain import Item, Subject
from mara_desktop.session import VerifyReport
from mara_desktop.ui.audit_dialog import AuditDialog
from mara_desktop.ui.protocol_dialog import ProtocolDialog


def test_the_matrix_shows_every_agency_and_category(qtbot, protocol):
    dialog = ProtocolDialog(protocol, today=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    table = dialog.table
    headers = [
        table.horizontalHeaderItem(c).text().replace("\n", " ") for c in range(table.columnCount())
    ]
    assert len(protocol.agencies) == 13
    assert headers == [a.name for a in protocol.agencies] + ["Observers"]
    assert table.rowCount() == len(protocol.categories)
    assert protocol.sha256 in [label.text() for label in dialog.findChildren(type(dialog.detail))]
    assert dialog.review_warning.isHidden()


def test_a_cell_says_which_rule_shares_it_and_under_which_basis(qtbot, protocol):
    dialog = ProtocolDialog(protocol, today=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    row = [c.id for c in protocol.categories].index("victim-health")
    column = [a.id for a in protocol.agencies].index("gp")
    assert dialog.table.item(row, column).text() == "A|C"  # rule 6 always, rule 7 with consent
    housing = [a.id for a in protocol.agencies].index("housing")
    assert dialog.table.item(row, housing).text() == "C"  # rule 7 only
    dialog.table.setCurrentCell(row, housing)
    assert (
        "with the consent of the victim, or of the other adult it is about" in dialog.detail.text()
    )
    assert "Lawful basis:" in dialog.detail.text()
    immigration = [c.id for c in protocol.categories].index("immigration")
    dialog.table.setCurrentCell(immigration, housing)
    assert "never shared with Housing" in dialog.detail.text()


def test_a_protocol_past_its_review_date_says_so(qtbot, protocol):
    dialog = ProtocolDialog(protocol, today=date(2030, 1, 1))
    qtbot.addWidget(dialog)
    assert not dialog.review_warning.isHidden()
    assert "due for review by 31 March 2027" in dialog.review_warning.text()


def test_the_audit_log_is_shown_and_verifies(qtbot, demo_session):
    dialog = AuditDialog(demo_session)
    qtbot.addWidget(dialog)
    rows = dialog.table.rowCount()
    assert dialog.table.item(0, 3).text().startswith("Created the case file")
    qtbot.mouseClick(dialog.verify_button, Qt.MouseButton.LeftButton)
    assert dialog.result_line.text().startswith("Verified: every page of the file is intact")
    assert dialog.table.rowCount() == rows  # checking writes nothing, not even its own record


def test_a_broken_chain_is_named(qtbot, demo_session, monkeypatch):
    broken = VerifyReport(["audit chain: audit record 5 has been altered"], 9)
    monkeypatch.setattr(demo_session, "verify", lambda: broken)
    dialog = AuditDialog(demo_session)
    qtbot.addWidget(dialog)
    dialog.verify()
    assert "The check failed: audit chain: audit record 5 has been altered." in (
        dialog.result_line.text()
    )
    assert "restore your latest backup" in dialog.result_line.text()


def test_what_is_done_at_the_meeting_is_named_in_words(qtbot, demo_session):
    item_id = demo_session.new_entry_id("case-01", "i")
    demo_session.record_item("case-01", Item(item_id, "risk-summary", "police", Subject.CASE, "x"))
    conference = demo_session.conference("ns-2026-11-26")
    demo_session.set_attendance(conference.id, list(conference.attendance))
    dialog = AuditDialog(demo_session)
    qtbot.addWidget(dialog)
    last = [dialog.table.item(dialog.table.rowCount() - n, 3).text() for n in (2, 1)]
    assert last[0].startswith("Recorded information shared at the meeting (case: case-01")
    assert last[1].startswith("Corrected the attendance (")


def test_a_cell_reached_through_a_group_names_the_group(qtbot):
    from tests.support.builders import make_protocol, rule
    from tests.unit.protocol.test_groups import HEALTH

    protocol = make_protocol(HEALTH + rule(["health"], ["health-bodies"], ["children"]))
    dialog = ProtocolDialog(protocol, today=date(2026, 11, 27))
    qtbot.addWidget(dialog)
    row = [c.id for c in protocol.categories].index("health")
    column = [a.id for a in protocol.agencies].index("csc")
    assert dialog.table.item(row, column).text() == "K"
    dialog.table.setCurrentCell(row, column)
    assert dialog.detail.text().startswith(
        "Health for Csc:\nRule 1 (to All health bodies): only when children are involved "
        "(or the victim is pregnant)."
    )
