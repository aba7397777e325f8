"""Exporting minutes: written once and whole, never over an old copy, reproducible when
asked, encrypted when asked, and deleted and audited when the leak check finds anything."""

from __future__ import annotations

import io
import json
from pathlib import Path

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring
from pypdf import PasswordType, PdfReader
from pypdf.constants import UserAccessPermissions as P

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.minutes import worker as worker_module
from mara_desktop.minutes.export import LeakFound, MinutesError, MinutesRequest, export_minutes
from mara_desktop.minutes.free_text import MentionsFound
from mara_desktop.minutes.leak_check import LeakCheckError
from mara_desktop.minutes.passwords import KEYCHAIN_SERVICE
from mara_desktop.session import ConferenceViews, Session
from tests.support.documents import full_document
from tests.support.importing import load
from tests.support.pdf_text import normalised, page_texts


def request(out, *agencies, **options) -> MinutesRequest:
    """The demo's action naming a withheld person is kept as written (the free-text check
    is tested in tests/end2end/test_minutes_command.py and tests/ui/test_export_dialog.py)."""
    options.setdefault("kept_mentions", None)
    return MinutesRequest(DEMO_CONFERENCE, agencies or ("police",), out, **options)


def test_reproducible_minutes_are_identical_bytes(demo_session, tmp_path):
    export_minutes(demo_session, request(tmp_path / "a", "housing", "chair", reproducible=True))
    export_minutes(demo_session, request(tmp_path / "b", "housing", "chair", reproducible=True))
    for name in ("2026-11-26-minutes-housing.pdf", "2026-11-26-minutes-chair.pdf"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert same_but_the_audit_record(tmp_path / "a", tmp_path / "b")


def same_but_the_audit_record(first: Path, second: Path) -> bool:
    """Manifests of two reproducible exports: the same, but each names its own record."""
    one, two = (json.loads((folder / "manifest.json").read_text()) for folder in (first, second))
    return one.pop("audit")["record"] != two.pop("audit")["record"] and one == two


def test_copies_made_without_reproducible_have_their_own_ids(demo_session, tmp_path):
    first = export_minutes(demo_session, request(tmp_path / "a"))
    second = export_minutes(demo_session, request(tmp_path / "b"))
    assert first.copies[0].entry.copy_id != second.copies[0].entry.copy_id


def test_an_existing_copy_is_never_overwritten_and_nothing_is_written(demo_session, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "2026-11-26-minutes-idva.pdf").write_bytes(b"an earlier copy")
    with pytest.raises(MinutesError, match="already exists"):
        export_minutes(demo_session, request(out, "police", "idva"))
    assert sorted(p.name for p in out.iterdir()) == ["2026-11-26-minutes-idva.pdf"]
    assert (out / "2026-11-26-minutes-idva.pdf").read_bytes() == b"an earlier copy"


def test_unknown_conference_and_agency_are_refused_by_name(demo_session, tmp_path):
    out = tmp_path / "out"
    with pytest.raises(MinutesError, match='no conference "ns-2026-11-27"'):
        export_minutes(demo_session, MinutesRequest("ns-2026-11-27", ("police",), out))
    with pytest.raises(MinutesError, match='unknown agency "polise" \\(did you mean "police"'):
        export_minutes(demo_session, request(out, "polise"))
    assert not out.exists()


def withhold_the_venue_from(agency: str, monkeypatch) -> str:
    """Say the venue, printed in every copy, is withheld from `agency`: its copy's check must
    then find it. Returns the venue."""
    venue = "Northtown Civic Centre"
    monkeypatch.setattr(
        ConferenceViews,
        "withheld_values",
        lambda _views, view: [venue] if view.audience.agencies == {agency} else [],
    )
    return venue


def test_a_leak_deletes_every_copy_of_the_export_and_is_audited(
    demo_session, tmp_path, monkeypatch
):
    venue = withhold_the_venue_from("idva", monkeypatch)
    out = tmp_path / "out"
    with pytest.raises(LeakFound) as raised:
        export_minutes(demo_session, request(out, "police", "idva", "housing"))
    assert venue not in str(raised.value)
    assert not list(out.iterdir())
    records = demo_session.audit_records()
    leak = next(r for r in records if r.action == "minutes-leak")
    assert leak.details["agency"] == "idva" and leak.details["values"] == 1
    assert venue not in str(leak.details)
    assert not [r for r in records if r.action == "minutes"]


def test_an_export_is_audited_with_ids_only(demo_session, tmp_path):
    export_minutes(demo_session, request(tmp_path, "gp", "chair"))
    record = demo_session.audit_records()[-1]
    assert record.action == "minutes"
    assert record.details == {
        "conference": DEMO_CONFERENCE,
        "agencies": ["gp", "chair"],
        "files": ["2026-11-26-minutes-gp.pdf", "2026-11-26-minutes-chair.pdf"],
        "reproducible": False,
        "encrypted": False,
    }


def test_password_protected_copies_use_aes_256_and_the_keychain(
    demo_session, tmp_path, memory_keychain
):
    result = export_minutes(demo_session, request(tmp_path, "police", "gp", password=True))
    passwords = set()
    for written in result.copies:
        assert written.in_keychain and written.password
        account = f"{DEMO_CONFERENCE}/{written.entry.agency}/{written.entry.copy_id}"
        assert memory_keychain.entries[(KEYCHAIN_SERVICE, account)] == written.password
        pdf = written.path.read_bytes()
        reader = PdfReader(io.BytesIO(pdf))
        assert reader.is_encrypted
        assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
        assert not reader.decrypt("not the password")
        assert "Prepared for" in page_texts(pdf, written.password)[0]
        assert pdf.count(b"%%EOF") == 1
        passwords.add(written.password)
    assert len(passwords) == 2


def test_a_protected_copy_may_be_printed_and_copied_from_but_not_changed_and_says_pdf_2(
    demo_session, tmp_path, memory_keychain
):
    """The agency's password opens the copy as its user, never as its owner: the limits
    hold, and an owner password nobody knows keeps them. AES-256 (revision 6) is PDF 2.0."""
    result = export_minutes(demo_session, request(tmp_path, "housing", password=True))
    written = result.copies[0]
    pdf = written.path.read_bytes()
    assert pdf.startswith(b"%PDF-2.0\n")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Encrypt"]["/R"] == 6
    assert reader.decrypt(written.password) == PasswordType.USER_PASSWORD
    granted = reader.user_access_permissions
    assert granted is not None
    for allowed in (P.PRINT, P.PRINT_TO_REPRESENTATION, P.EXTRACT, P.EXTRACT_TEXT_AND_GRAPHICS):
        assert allowed in granted, allowed
    for refused in (P.MODIFY, P.ADD_OR_MODIFY, P.FILL_FORM_FIELDS, P.ASSEMBLE_DOC):
        assert refused not in granted, refused
    assert reader.trailer["/Encrypt"]["/P"] != -4  # pypdf's default: everything allowed


def test_without_a_secure_keychain_the_password_is_returned_once(demo_session, tmp_path):
    keyring.set_keyring(FailKeyring())
    result = export_minutes(demo_session, request(tmp_path, "police", password=True))
    assert not result.copies[0].in_keychain
    assert page_texts(result.copies[0].path.read_bytes(), result.copies[0].password)


def test_markup_typed_into_a_note_prints_as_written(new_file, tmp_path):
    load(new_file, full_document(cases=1))
    result = export_minutes(Session(new_file), MinutesRequest("conf-1", ("gp",), tmp_path))
    text = normalised(" ".join(page_texts(result.copies[0].path.read_bytes())))
    assert "Health note 1 <b>& more</b>" in text


def test_a_long_actions_table_repeats_its_header_on_every_page(new_file, tmp_path):
    document = full_document(cases=1)
    case = document["cases"][0]
    case["actions"] = [
        {**case["actions"][0], "id": f"a{n}", "text": f"Numbered action {n} of the plan."}
        for n in range(70)
    ]
    load(new_file, document)
    result = export_minutes(
        Session(new_file), MinutesRequest("conf-1", ("housing",), tmp_path / "out")
    )
    pages = page_texts(result.copies[0].path.read_bytes())
    holding = [p for p in pages if "Numbered action" in p]
    assert len(holding) >= 2
    for page in holding:
        assert "Ref. Action Agency Owner Due Status" in normalised(page), page
    text = normalised(" ".join(pages))
    assert all(f"Numbered action {n} of the plan." in text for n in range(70))


def test_a_copy_the_check_cannot_read_is_deleted_and_audited(demo_session, tmp_path, monkeypatch):
    def unreadable(pdf, withheld, *, password=None):
        raise LeakCheckError("The PDF cannot be read back, so it cannot be checked for leaks.")

    monkeypatch.setattr(worker_module, "find_leaks", unreadable)
    out = tmp_path / "out"
    with pytest.raises(LeakCheckError):
        export_minutes(demo_session, request(out, "police", "gp"))
    assert not list(out.iterdir())
    assert demo_session.audit_records()[-1].action == "minutes-leak"


def test_progress_is_told_after_each_copy(demo_session, tmp_path):
    told: list[tuple[int, int]] = []
    export_minutes(
        demo_session,
        request(tmp_path / "out", "police", "gp", "chair"),
        progress=lambda done, total: told.append((done, total)),
    )
    assert told == [(1, 3), (2, 3), (3, 3)]


def test_minutes_of_an_earlier_meeting_hold_none_of_the_later_meetings_actions(
    demo_session, tmp_path
):
    result = export_minutes(
        demo_session,
        MinutesRequest("ns-2026-10-29", ("police",), tmp_path / "o", kept_mentions=None),
    )
    text = normalised(" ".join(page_texts(result.copies[0].path.read_bytes())))
    assert "Arrest for breach of bail and oppose bail." in text  # agreed on 29 October
    assert "Child protection conference for Ruby." not in text  # agreed on 26 November
    assert "No actions from earlier meetings to review." in text


def test_an_action_longer_than_a_page_breaks_across_pages(new_file, tmp_path):
    document = full_document(cases=1)
    long_text = " ".join(f"Step {n} of a very long safety plan." for n in range(400))
    document["cases"][0]["actions"][0]["text"] = long_text
    load(new_file, document)
    result = export_minutes(
        Session(new_file), MinutesRequest("conf-1", ("housing",), tmp_path / "out")
    )
    assert result.copies[0].entry.pages >= 3
    text = normalised(" ".join(page_texts(result.copies[0].path.read_bytes())))
    assert all(f"Step {n} of a very long safety plan." in text for n in (0, 199, 399))


def test_copies_made_in_worker_processes_are_the_same_bytes(demo_session, tmp_path):
    agencies = ("police", "housing", "chair")
    export_minutes(demo_session, request(tmp_path / "a", *agencies, reproducible=True), workers=0)
    told: list[tuple[int, int]] = []
    export_minutes(
        demo_session,
        request(tmp_path / "b", *agencies, reproducible=True),
        workers=2,
        progress=lambda done, total: told.append((done, total)),
    )
    assert told == [(1, 3), (2, 3), (3, 3)]
    names = sorted(p.name for p in (tmp_path / "a").iterdir())
    assert names == sorted(p.name for p in (tmp_path / "b").iterdir())
    for name in names:
        if name != "manifest.json":
            assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert same_but_the_audit_record(tmp_path / "a", tmp_path / "b")


def test_a_leak_found_in_a_worker_deletes_every_copy_and_is_audited(
    demo_session, tmp_path, monkeypatch
):
    venue = withhold_the_venue_from("gp", monkeypatch)
    out = tmp_path / "out"
    with pytest.raises(LeakFound) as raised:
        export_minutes(demo_session, request(out, "police", "gp", "housing", "idva"), workers=2)
    assert venue not in str(raised.value)
    assert not list(out.iterdir())
    records = demo_session.audit_records()
    leak = next(r for r in records if r.action == "minutes-leak")
    assert leak.details["agency"] == "gp" and leak.details["values"] == 1
    assert not [r for r in records if r.action == "minutes"]


def test_a_mention_not_kept_stops_the_export_before_anything_is_written(demo_session, tmp_path):
    out = tmp_path / "out"
    before = len(demo_session.audit_records())
    with pytest.raises(MentionsFound) as found:
        export_minutes(demo_session, request(out, "police", "asc", kept_mentions=frozenset()))
    assert [(m.audience, m.entry_id, m.mentioned) for m in found.value.mentions] == [
        (("police",), "a01", ("Susan",))
    ]
    assert "Susan" not in str(found.value)
    assert not any(out.iterdir()) and len(demo_session.audit_records()) == before
    kept = frozenset(m.key for m in found.value.mentions)
    result = export_minutes(demo_session, request(out, "police", "asc", kept_mentions=kept))
    assert [c.entry.free_text_check for c in result.copies] == ["accepted 1", "passed"]


def test_mentions_kept_as_written_are_audited_in_one_transaction(
    demo_session, tmp_path, monkeypatch
):
    """Each kept mention has its own audit record, but they are written together: a
    transaction apiece cost an export keeping 14,000 mentions 5 s."""
    opened = []
    transaction = type(demo_session._file).transaction

    def counted(self):
        opened.append(1)
        return transaction(self)

    monkeypatch.setattr(type(demo_session._file), "transaction", counted)
    export_minutes(demo_session, request(tmp_path / "out", "police", "gp", "housing"), workers=0)
    kept = [r for r in demo_session.audit_records() if r.action == "minutes-mention"]
    assert len(kept) >= 2
    assert len(opened) <= 2  # the kept mentions, then the export's own record with the manifest
