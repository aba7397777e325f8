"""A case transferred to another area: a pack of its own, opening only with its own
passphrase, holding that case alone with its history and the audit records about it; the
sending file shows the case transferred; the receiving file keeps the history and the
received audit records, which match the sender's. Real SQLCipher files throughout."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import ActionStatus, Audience, CaseStatus
from mara_desktop.errors import ExitCode, MaraError
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import (
    CaseFileError,
    Session,
    TransferRefused,
    WeakPassphrase,
    WrongPassphrase,
)
from mara_desktop.store.connection import DatabaseError
from mara_desktop.store.schema import CASE_HISTORY_TABLES
from tests.support.disks import fill, tmpfs

PACK_PASSPHRASE = "a passphrase for the pack alone"
RECEIVER_PASSPHRASE = "the receiving area's own passphrase"
CASE = "case-02"
TODAY = date(2026, 12, 2)


def _history_rows(session: Session, case_id: str) -> dict[str, list[tuple[object, ...]]]:
    """Every history row of the case, table by table, without the file's own numbers."""
    conn = session._file.connection
    found = {}
    for table in CASE_HISTORY_TABLES:
        columns = [c[1] for c in conn.execute(f"PRAGMA table_info({table})") if c[1] != "seq"]
        select = f"SELECT {', '.join(columns)} FROM {table} WHERE case_id = ? ORDER BY seq"
        found[table] = [tuple(r) for r in conn.execute(select, (case_id,))]
    return found


def _with_history(session: Session) -> None:
    """Rows in history tables the demo leaves empty: a person corrected, an action's report."""
    victim = session.person_for_chair(CASE, "v")
    assert victim is not None
    session.correct_person(CASE, dataclasses.replace(victim, name=victim.name + " Jones"))
    action = session.case_view(CASE, Audience.chair()).actions[0]
    session.record_typed_update(
        f"{CASE}/{action.id}", ActionStatus.DONE, "done", "J. Smith", date(2026, 11, 30)
    )


@pytest.fixture
def sent(demo_session: Session, tmp_path: Path) -> tuple[Session, Path]:
    _with_history(demo_session)
    pack = tmp_path / "transfer-2026-12-02.mara"
    demo_session.transfer_case(CASE, pack, PACK_PASSPHRASE, to_area="Leeds MARAC", today=TODAY)
    return demo_session, pack


def test_a_pack_opens_with_its_own_passphrase_and_not_the_senders(sent):
    _, pack = sent
    with pytest.raises(WrongPassphrase):
        Session.open(pack, passphrase=DEMO_PASSPHRASE)
    with Session.open(pack, passphrase=PACK_PASSPHRASE, read_only=True) as opened:
        assert opened.case_ids() == {CASE}
    assert pack.stat().st_mode & 0o777 == 0o600


def test_a_pack_holds_the_case_alone_with_its_history_and_its_audit_records(sent):
    sender, pack = sent
    before = sender._file.case(CASE)
    assert before is not None
    with Session.open(pack, passphrase=PACK_PASSPHRASE, read_only=True) as opened:
        assert opened.conferences() == []
        case = opened._file.case(CASE)
        assert case is not None
        assert (case.people, case.items, case.actions) == (
            before.people,
            before.items,
            before.actions,
        )
        assert case.status is CaseStatus.OPEN  # the receiving area's case, as it was sent
        assert opened.protocol.sha256 == sender.protocol.sha256
        held = _history_rows(opened, CASE)
        sent_rows = _history_rows(sender, CASE)
        for table in ("consent", "override", "person_history", "action_update"):
            assert held[table] == sent_rows[table] != [], table
        received = held["received_audit"]
        own = [r.action for r in opened.audit_records()]
    senders = {r.seq: r for r in sender.audit_records()}
    assert [senders[r[2]].action for r in received] == [
        "import",
        "person-corrected",
        "action-update",
        "transfer-out",
    ]
    assert all((senders[r[2]].at, senders[r[2]].hash) == (r[3], r[7]) for r in received)
    assert {r[1] for r in received} == {sender.file_id}
    assert own == ["create", "transfer-out"]


def test_the_sender_shows_the_case_transferred_and_audits_ids_only(sent):
    sender, pack = sent
    chair = sender.case_view(CASE, Audience.chair()).header
    police = sender.case_view(CASE, Audience.of(["police"])).header
    assert chair is not None and police is not None
    assert (chair.status, chair.closed_on, chair.transferred_to) == (
        CaseStatus.TRANSFERRED,
        TODAY,
        "Leeds MARAC",
    )
    assert (police.status, police.transferred_to) == (CaseStatus.TRANSFERRED, "")
    last = sender.audit_records()[-1]
    with Session.open(pack, passphrase=PACK_PASSPHRASE, read_only=True) as opened:
        pack_id = opened.file_id
    assert (last.action, last.details) == (
        "transfer-out",
        {"case": CASE, "pack": pack_id, "on": "2026-12-02"},
    )


def test_the_area_goes_out_with_an_export_and_comes_back_in(sent, tmp_path):
    sender, _ = sent
    out = tmp_path / "all.json"
    sender.export_interchange(out)
    case = next(c for c in json.loads(out.read_text("utf-8"))["cases"] if c["id"] == CASE)
    assert (case["status"], case["closed_on"], case["transferred_to"]) == (
        "transferred",
        "2026-12-02",
        "Leeds MARAC",
    )
    with Session.create(tmp_path / "copy.mara", RECEIVER_PASSPHRASE, _protocol()) as copy:
        copy.import_interchange(out, update=False)
        header = copy.case_view(CASE, Audience.chair()).header
        assert header is not None and header.transferred_to == "Leeds MARAC"


def test_an_open_case_with_an_area_is_refused_on_import(tmp_path, demo_session):
    out = tmp_path / "all.json"
    demo_session.export_interchange(out)
    data = json.loads(out.read_text("utf-8"))
    data["cases"][0]["transferred_to"] = "Leeds MARAC"
    out.write_text(json.dumps(data), "utf-8")
    with (
        Session.create(tmp_path / "copy.mara", RECEIVER_PASSPHRASE, _protocol()) as copy,
        pytest.raises(MaraError, match=r"cases\[0\].transferred_to: only a transferred case"),
    ):
        copy.import_interchange(out, update=False)


def _protocol(extra: str = "") -> str:
    return default_protocol_path().read_text("utf-8") + extra


def test_a_pack_imported_into_another_area_keeps_history_and_audit_ids(sent, tmp_path):
    sender, pack = sent
    other = "\n# the receiving area's own copy of the protocol\n"
    with Session.create(tmp_path / "leeds.mara", RECEIVER_PASSPHRASE, _protocol(other)) as leeds:
        received = leeds.import_pack(pack, PACK_PASSPHRASE)
        assert received.protocol_differs
        assert leeds.case_ids() == {CASE}
        held = _history_rows(leeds, CASE)
        assert leeds.case_view(CASE, Audience.chair()).header is not None
        last = leeds.audit_records()[-1]
        with Session.open(pack, passphrase=PACK_PASSPHRASE, read_only=True) as opened:
            pack_id = opened.file_id
            pack_audit = [(r.seq, r.hash) for r in opened.audit_records()]
    sent_rows = _history_rows(sender, CASE)
    for table in ("consent", "override", "person_history", "action_update"):
        assert held[table] == sent_rows[table], table
    from_sender = [(r[2], r[7]) for r in held["received_audit"] if r[1] == sender.file_id]
    senders = {r.seq: r.hash for r in sender.audit_records()}
    assert from_sender and all(senders[seq] == digest for seq, digest in from_sender)
    assert [(r[2], r[7]) for r in held["received_audit"] if r[1] == pack_id] == pack_audit
    assert last.action == "transfer-in"
    assert last.details == {
        "case": CASE,
        "source_file": sender.file_id,
        "pack": pack_id,
        "protocol_differs": True,
    }


def test_a_case_already_in_the_receiving_file_is_refused_and_nothing_changes(sent, tmp_path):
    _, pack = sent
    with Session.create(tmp_path / "leeds.mara", RECEIVER_PASSPHRASE, _protocol()) as leeds:
        leeds.import_pack(pack, PACK_PASSPHRASE)
        records = len(leeds.audit_records())
        with pytest.raises(TransferRefused, match='already holds a case "case-02"') as caught:
            leeds.import_pack(pack, PACK_PASSPHRASE)
        assert caught.value.exit_code == ExitCode.INPUT
        assert len(leeds.audit_records()) == records
        assert len(_history_rows(leeds, CASE)["received_audit"]) == 6


def test_a_case_file_that_is_no_pack_is_refused(demo_path, tmp_path):
    with Session.create(tmp_path / "leeds.mara", RECEIVER_PASSPHRASE, _protocol()) as leeds:
        with pytest.raises(TransferRefused, match="not a transfer pack"):
            leeds.import_pack(demo_path, DEMO_PASSPHRASE)
        assert leeds.case_ids() == set()


def test_a_pack_whose_agencies_the_receiving_protocol_lacks_is_refused(sent, tmp_path):
    _, pack = sent
    text = _protocol().replace('id = "idva"', 'id = "idva-service"')
    text = text.replace('"idva"', '"idva-service"')
    with Session.create(tmp_path / "leeds.mara", RECEIVER_PASSPHRASE, text) as leeds:
        with pytest.raises(TransferRefused, match='agency "idva" is used'):
            leeds.import_pack(pack, PACK_PASSPHRASE)
        assert leeds.case_ids() == set()


@pytest.mark.parametrize(
    ("case_id", "exists", "message"),
    [
        ("case-02", True, "already exists; a transfer pack needs a new name"),
        ("case-99", False, 'no case "case-99" in this case file'),
    ],
)
def test_bad_input_is_one_sentence_and_changes_nothing(
    demo_session, tmp_path, case_id, exists, message
):
    out = tmp_path / "pack.mara"
    if exists:
        out.write_bytes(b"someone else's file")
    records = len(demo_session.audit_records())
    with pytest.raises(TransferRefused, match=message) as caught:
        demo_session.transfer_case(case_id, out, PACK_PASSPHRASE)
    assert caught.value.exit_code == ExitCode.INPUT
    assert out.exists() == exists and (not exists or out.read_bytes() == b"someone else's file")
    assert len(demo_session.audit_records()) == records
    assert demo_session.case_view("case-02", Audience.chair()).header.status is CaseStatus.OPEN


def test_a_case_is_transferred_once(sent, tmp_path):
    sender, _ = sent
    with pytest.raises(TransferRefused, match="already transferred on 2026-12-02"):
        sender.transfer_case(CASE, tmp_path / "again.mara", PACK_PASSPHRASE)
    assert not (tmp_path / "again.mara").exists()


@pytest.mark.parametrize(
    ("passphrase", "error"),
    [(DEMO_PASSPHRASE, TransferRefused), ("short", WeakPassphrase)],
    ids=["the sender's", "weak"],
)
def test_the_pack_needs_a_strong_passphrase_of_its_own(demo_session, tmp_path, passphrase, error):
    with pytest.raises(error):
        demo_session.transfer_case(CASE, tmp_path / "pack.mara", passphrase)
    assert not (tmp_path / "pack.mara").exists()
    assert demo_session.case_view(CASE, Audience.chair()).header.status is CaseStatus.OPEN


def test_a_full_disk_leaves_no_pack_and_the_sending_file_unchanged(demo_session, tmp_path):
    with tmpfs(tmp_path / "usb", "256k") as usb:
        fill(usb, leave=60_000)
        demo_session.ensure_sound()  # the opening's record is written before, as always
        records = len(demo_session.audit_records())
        with pytest.raises(CaseFileError, match="disk is full; no pack was written"):
            demo_session.transfer_case(CASE, usb / "pack.mara", PACK_PASSPHRASE)
        assert sorted(p.name for p in usb.iterdir()) == ["filler"]
    assert len(demo_session.audit_records()) == records
    header = demo_session.case_view(CASE, Audience.chair()).header
    assert header is not None and header.status is CaseStatus.OPEN


class _CommitFails:
    """The sending file's connection, failing to commit once the pack is written."""

    def __init__(self, conn: Any, pack: Path) -> None:
        self._conn, self._pack = conn, pack

    def execute(self, sql: str, *args: Any) -> Any:
        if sql == "COMMIT" and self._pack.exists():
            raise DatabaseError("database or disk is full")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._conn, name)


def test_a_sending_file_that_cannot_take_the_change_leaves_no_pack(demo_session, tmp_path):
    """The pack is written inside the sending file's transaction: when that transaction
    fails to commit, the pack goes too. Injected: no disk fails on cue."""
    demo_session.ensure_sound()
    records = len(demo_session.audit_records())
    pack = tmp_path / "pack.mara"
    real = demo_session._file._conn
    demo_session._file._conn = _CommitFails(real, pack)
    try:
        with pytest.raises(CaseFileError, match="disk is full; nothing was changed"):
            demo_session.transfer_case(CASE, pack, PACK_PASSPHRASE)
    finally:
        demo_session._file._conn = real
    assert not pack.exists()
    assert not [p for p in tmp_path.iterdir() if not p.name.startswith("demo.mara")]
    assert len(demo_session.audit_records()) == records
    header = demo_session.case_view(CASE, Audience.chair()).header
    assert header is not None and header.status is CaseStatus.OPEN


def test_a_case_set_back_to_open_by_hand_went_nowhere(sent):
    """Edit referral… may correct the status: the area goes with the transfer."""
    sender, _ = sent
    sender.edit_header(CASE, status=CaseStatus.OPEN, closed_on=None)
    header = sender.case_view(CASE, Audience.chair()).header
    assert header is not None
    assert (header.status, header.transferred_to) == (CaseStatus.OPEN, "")
    assert sender.audit_records()[-1].details["fields"] == ["status", "closed_on", "transferred_to"]
