"""A crash mid-import loses nothing and writes nothing half; case data leaves no plaintext
trace in the case file's companions or anywhere under HOME."""

from __future__ import annotations

import json
import os
import signal
import time
from pathlib import Path

from mara_desktop.interchange.document import read_interchange
from mara_desktop.interchange.reader import Existing
from mara_desktop.resources import default_protocol_path
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.importer import import_content
from tests.conftest import PASSPHRASE
from tests.support.bulk import bulk_document
from tests.support.cli import popen, run


def test_sigkill_in_the_middle_of_a_large_import_leaves_a_whole_file(tmp_path):
    path = tmp_path / "case.mara"
    assert run("create", path, passphrase=PASSPHRASE).returncode == 0
    data = tmp_path / "big.json"
    data.write_text(json.dumps(bulk_document(1000, 40)), encoding="utf-8")
    wal = Path(f"{path}-wal")
    process = popen("import", path, data, passphrase=PASSPHRASE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if wal.exists() and wal.stat().st_size > 2_000_000:
            break
        time.sleep(0.002)
    assert process.poll() is None, "the import finished before it could be interrupted"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert run("verify", path, passphrase=PASSPHRASE).returncode == 0
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        assert case_file.case_ids() == set()
        assert case_file.verify().ok


def test_no_canary_in_the_file_its_companions_or_home(tmp_path, test_home):
    canary = "Q7XJ-CANARY-ZEBRA"
    path = tmp_path / "case.mara"
    with CaseFile.create(path, PASSPHRASE, default_protocol_path().read_text("utf-8")) as case_file:
        document = bulk_document(20, 10, canary=canary)
        content = read_interchange(document, case_file.protocol, Existing())
        import_content(case_file, content, update=False)
        companions = [path, Path(f"{path}-wal"), Path(f"{path}-shm")]
        assert all(p.exists() for p in companions)
        for companion in companions:
            assert canary.encode() not in companion.read_bytes(), companion.name
    assert canary.encode() not in path.read_bytes()
    for file in test_home.rglob("*"):
        if file.is_file():
            assert canary.encode() not in file.read_bytes(), file
