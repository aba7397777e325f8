"""`mara-desktop sar` as a data protection officer runs it: a PDF and a JSON of the same
release, owner-only; a perpetrator's never holding the victim's address, whereabouts or
safe contacts (planted in entries he would otherwise get); withheld entries absent; bad
input refused in one sentence with nothing written."""

from __future__ import annotations

import io
import json
import re
import stat
from datetime import UTC, datetime

import pytest
from pypdf import PdfReader

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import Item, Person, PersonRole, Subject
from mara_desktop.session import Session
from tests.support.cli import one_clear_line, run
from tests.support.files import private_copy

AT = datetime(2026, 11, 21, 9, tzinfo=UTC)
SAFE_ADDRESS = "Flat 4, 12 Example Row"
PLANTED = (
    "27 Sample Road",
    "ZZ1 2CD",
    "12 Example Row",
    "ZZ1 4AB",
    "07700 900123",
    "Helena Bezpieczna",
    "Bezpieczna",
    "Anna Przykładowa",
    "1991-03-14",
    "Zofia Przykładowa",
)
"""The victim's address, whereabouts and safe number (the demo's), a friend safe to
contact, the victim's and the child's names and the victim's date of birth."""
WITHHELD = "Two previous partners reported him for assault"


def pdf_text(path) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def plant(path) -> None:
    """Entries about the perpetrator, the household or the case that repeat the victim's
    whereabouts or name the friend safe to contact; one entry withheld by the chair."""
    with Session.open(path, passphrase=DEMO_PASSPHRASE) as session:
        friend = Person("f", PersonRole.OTHER_ADULT, "Helena Bezpieczna", safe_contact=True)
        session.add_person("case-01", friend)
        for item in (
            Item("x1", "risk-summary", "police", Subject.CASE,
                 f"He was seen outside {SAFE_ADDRESS} on 19 November.", recorded_at=AT),
            Item("x2", "perpetrator-history", "police", Subject.PERPETRATOR,
                 "He phoned Helena Bezpieczna asking where she was.", person="p", recorded_at=AT),
            Item("x3", "housing", "housing", Subject.HOUSEHOLD,
                 "Moved by the council; tenancy at 27 Sample Road ended.", recorded_at=AT),
            Item("x4", "criminal-justice", "police", Subject.PERPETRATOR,
                 "Bail: not to enter Northtown ZZ1 4AB.", person="p", recorded_at=AT),
        ):  # fmt: skip
            session.record_item("case-01", item)
        session.withhold_from_subject("case-01", "p", "i06", "investigation")


@pytest.fixture(scope="module")
def written(_demo_template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("sar")
    path = private_copy(_demo_template, folder / "demo.mara")
    plant(path)
    out = folder / "new" / "perpetrator"
    result = run(
        "sar", path, "--case", "case-01", "--person", "p", "--out", out,
        passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return path, out, result


def test_it_prints_the_two_files_it_wrote_owner_only_in_a_private_folder(written):
    _, out, result = written
    paths = [line for line in result.stdout.splitlines() if line]
    assert len(paths) == 2 and paths[0].endswith(".pdf") and paths[1].endswith(".json")
    assert sorted(p.name for p in out.iterdir()) == sorted(p.rsplit("/", 1)[1] for p in paths)
    for made in out.iterdir():
        assert stat.S_IMODE(made.stat().st_mode) == 0o600
        assert re.fullmatch(r"subject-access-\d{4}-\d\d-\d\d-[0-9a-f]{8}\.(pdf|json)", made.name)
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    assert stat.S_IMODE(out.parent.stat().st_mode) == 0o700


def test_a_perpetrators_release_never_holds_the_victims_whereabouts_or_safe_contacts(written):
    _, out, _ = written
    pdf = next(out.glob("*.pdf"))
    data = next(out.glob("*.json")).read_text("utf-8")
    for text in (pdf_text(pdf), data):
        for value in PLANTED:
            assert value not in text, value
    held = [e["id"] for g in json.loads(data)["held"] for e in g["entries"]]
    assert "i07" in held and not {"x1", "x2", "x3", "x4", "i02", "i03", "i09"} & set(held)


def test_a_withheld_entry_is_absent_and_the_reviewer_reads_only_its_reason(written):
    _, out, _ = written
    text = pdf_text(next(out.glob("*.pdf")))
    data = json.loads(next(out.glob("*.json")).read_text("utf-8"))
    assert WITHHELD not in text and WITHHELD not in json.dumps(data, ensure_ascii=False)
    assert "withheld: Police investigation or prosecution" in text
    assert data["reviewer"]["withheld"][0]["entry"] == "i06"
    assert "names other people: review before release" in text
    assert data["reviewer"]["review_before_release"] == ["i01", "a01", "a02", "a03"]


def test_the_pdf_metadata_and_the_audit_name_no_one(written):
    path, out, _ = written
    info = PdfReader(next(out.glob("*.pdf"))).metadata
    said = " ".join(str(v) for v in info.values())
    assert "Jan" not in said and "NS-2026" not in said and "case-01" not in said
    with Session.open(path, passphrase=DEMO_PASSPHRASE) as session:
        records = [r for r in session.audit_records() if r.action.startswith("s")]
    written_record = next(r for r in records if r.action == "subject-access-written")
    assert written_record.details["person"] == "p" and written_record.details["withheld"] == 1
    assert "Przyk" not in json.dumps([r.details for r in records], ensure_ascii=False)


@pytest.mark.parametrize(
    ("case", "person", "says"),
    [("case-01", "nobody", 'no person "nobody"'), ("case-99", "v", 'no case "case-99"')],
)
def test_a_person_or_case_not_in_the_file_is_refused_and_nothing_written(
    demo_path, tmp_path, case, person, says
):
    out = tmp_path / "out"
    result = run(
        "sar", demo_path, "--case", case, "--person", person, "--out", out,
        passphrase=DEMO_PASSPHRASE,
    )  # fmt: skip
    assert result.returncode == 4
    assert says in one_clear_line(result)
    assert not out.exists()
