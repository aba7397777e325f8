"""`mara-desktop actions` as a user runs it: the chair's log and an agency's, as a listing,
a CSV and a PDF (owner-only, neutral metadata, nothing withheld), audited; bad input gets
one line and the pinned exit code."""

from __future__ import annotations

import csv
import io

import pytest
from pypdf import PdfReader

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.session import Session
from tests.support.cli import one_clear_line, run
from tests.support.files import private_copy
from tests.support.pdf_text import normalised, page_texts

RESTRICTED = "Threats-to-life assessment."
"""case-10's action that police restricted to police, the IDVA and probation."""


def actions(path, *args: object):
    return run("actions", path, *args, passphrase=DEMO_PASSPHRASE)


@pytest.fixture(scope="module")
def demo(_demo_template, tmp_path_factory):
    path = tmp_path_factory.mktemp("actions-cli") / "demo.mara"
    private_copy(_demo_template, path)
    return path


def test_the_chairs_listing_holds_every_action_and_an_agencys_what_it_may_see(demo):
    chair = actions(demo, "--on", "2026-12-20")
    assert chair.returncode == 0, chair.stderr
    assert "the chair, as of 20 December 2026: 32 action(s)" in chair.stdout
    assert RESTRICTED in chair.stdout
    housing = actions(demo, "--agency", "housing", "--on", "2026-12-20")
    assert housing.returncode == 0, housing.stderr
    assert ": 31 action(s)" in housing.stdout and RESTRICTED not in housing.stdout
    police = actions(demo, "--agency", "police", "--on", "2026-12-20")
    assert ": 32 action(s)" in police.stdout and RESTRICTED in police.stdout


def test_the_csv_is_owner_only_and_names_actions_by_reference(demo, tmp_path):
    out = tmp_path / "log.csv"
    result = actions(demo, "--agency", "housing", "--overdue", "--on", "2026-12-20", "--csv", out)
    assert result.returncode == 0, result.stderr
    assert out.stat().st_mode & 0o777 == 0o600
    rows = list(csv.DictReader(io.StringIO(out.read_text("utf-8"))))
    assert (
        rows and {r["status"] for r in rows} == {"open"} and {r["overdue"] for r in rows} == {"yes"}
    )
    assert all(r["action"].startswith("A-") for r in rows)
    assert RESTRICTED not in out.read_text("utf-8")
    done = tmp_path / "done.csv"
    assert actions(demo, "--status", "not-done", "--csv", done).returncode == 0
    statuses = {r["status"] for r in csv.DictReader(io.StringIO(done.read_text("utf-8")))}
    assert statuses == {"not-done"}


def test_the_pdf_is_owner_only_neutral_checked_and_audited(demo, tmp_path):
    out = tmp_path / "log.pdf"
    result = actions(demo, "--agency", "housing", "--on", "2026-12-20", "--pdf", out)
    assert result.returncode == 0, result.stderr
    assert "passed the leak check" in result.stdout
    assert out.stat().st_mode & 0o777 == 0o600
    pdf = out.read_bytes()
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert (info.title, info.author, info.subject or "") == ("MARAC action log", "MARA Desktop", "")
    text = normalised(" ".join(page_texts(pdf)))
    assert "Prepared for: Housing" in text and RESTRICTED not in text
    listing = actions(demo, "--agency", "housing", "--on", "2026-12-20").stdout
    references = {line.split()[0] for line in listing.splitlines() if line.startswith("A-")}
    assert len(references) == 31 and all(r in text for r in references)
    with Session.open(demo, passphrase=DEMO_PASSPHRASE) as session:
        logs = [r.details for r in session.audit_records() if r.action == "action-log"]
    assert {"agency": "housing", "file": "log.pdf", "actions": 31}.items() <= logs[-2].items()


def test_bad_input_gets_one_line_and_the_pinned_exit_code(demo, tmp_path):
    unknown = actions(demo, "--agency", "housng")
    assert unknown.returncode == 4 and "did you mean" in one_clear_line(unknown)
    group = actions(demo, "--agency", "health")
    assert group.returncode == 4 and "is a group" in one_clear_line(group)
    status = actions(demo, "--status", "finished")
    assert status.returncode == 1 and "not-done" in one_clear_line(status)
    day = actions(demo, "--on", "26/11/2026")
    assert day.returncode == 1 and "YYYY-MM-DD" in day.stderr and "Traceback" not in day.stderr
    both = actions(demo, "--csv", tmp_path / "a.csv", "--pdf", tmp_path / "a.pdf")
    assert both.returncode == 1 and not (tmp_path / "a.csv").exists()
    wrong = run("actions", demo, passphrase="not the passphrase at all")
    assert wrong.returncode == 2


def test_an_agencys_update_file_is_recorded_all_or_nothing(demo_path, tmp_path):
    listing = actions(demo_path, "--agency", "housing").stdout
    own = [
        line.split()[0]
        for line in listing.splitlines()
        if line.startswith("A-") and line.split("  ")[2].startswith("Housing and")
    ]
    assert own
    good = tmp_path / "good.csv"
    good.write_text(
        "action,status,note,updated_by,updated_on\n"
        f"{own[0]},not-possible,Moved out of the area,J. Smith,2026-12-01\n",
        "utf-8",
    )
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "action,status,note,updated_by,updated_on\n"
        f"{own[0]},done,Done,J. Smith,2026-12-01\n"
        "case-10/a02,done,Done,J. Smith,2026-12-01\n",
        "utf-8",
    )
    refused = actions(demo_path, "--agency", "housing", "--update", bad)
    assert refused.returncode == 4
    line = one_clear_line(refused)
    assert line.startswith("bad.csv, row 3: ") and "nothing was recorded" in line
    recorded = actions(demo_path, "--agency", "housing", "--update", good)
    assert recorded.returncode == 0, recorded.stderr
    assert "Recorded 1 update(s) from good.csv" in recorded.stdout
    after = actions(demo_path, "--agency", "housing", "--status", "not-possible").stdout
    assert own[0] in after and "Latest update 1 Dec 2026, J. Smith: Moved out of the area" in after
    misuse = actions(demo_path, "--update", good, "--overdue")
    assert misuse.returncode == 1 and "--update" in one_clear_line(misuse)
