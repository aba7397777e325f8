"""`mara-desktop dpia` as a user runs it: a PDF or Markdown draft by the name's ending,
owner-only, audited by its file name; never over an existing file."""

from __future__ import annotations

import os

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.session import Session
from tests.support.cli import one_clear_line, run
from tests.support.pdf_text import page_texts


def test_a_pdf_and_a_markdown_draft_are_written_and_audited(demo_path, tmp_path):
    for name in ("dpia.pdf", "dpia.md"):
        result = run("dpia", demo_path, "--out", tmp_path / name, passphrase=DEMO_PASSPHRASE)
        assert result.returncode == 0, result.stderr
        assert os.stat(tmp_path / name).st_mode & 0o777 == 0o600
    assert (tmp_path / "dpia.md").read_text("utf-8").startswith("# Data protection impact")
    first_page = page_texts((tmp_path / "dpia.pdf").read_bytes())[0]
    assert "Data protection impact assessment (draft)" in first_page
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE, read_only=True) as session:
        records = [r for r in session.audit_records() if r.action == "dpia"]
    assert [r.details["file"] for r in records] == ["dpia.pdf", "dpia.md"]


def test_an_existing_file_is_not_overwritten(demo_path, tmp_path):
    (tmp_path / "dpia.md").write_text("the DPO's own notes")
    result = run("dpia", demo_path, "--out", tmp_path / "dpia.md", passphrase=DEMO_PASSPHRASE)
    assert result.returncode == 4
    assert "already exists" in one_clear_line(result)
    assert (tmp_path / "dpia.md").read_text() == "the DPO's own notes"
