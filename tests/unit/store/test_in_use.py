"""A case file open in the app is claimed, so a second window or a restore is told."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

import pytest

from mara_desktop.store.in_use import CaseFileInUse, InUse, is_in_use, lock_path
from tests.support.cli import REPO

HOLD = """
import sys, time
from pathlib import Path
from mara_desktop.store.in_use import InUse
InUse.claim(Path(sys.argv[1]))
print("held", flush=True)
time.sleep(60)
"""


def test_a_second_claim_is_refused_until_the_first_is_released(demo_path):
    first = InUse.claim(demo_path)
    with pytest.raises(CaseFileInUse, match="already open in MARA Desktop"):
        InUse.claim(demo_path)
    assert is_in_use(demo_path)
    first.release()
    assert not is_in_use(demo_path)
    InUse.claim(demo_path).release()


def test_the_lock_file_is_owner_only_and_gone_after_release(demo_path):
    claim = InUse.claim(demo_path)
    assert stat.S_IMODE(lock_path(demo_path).stat().st_mode) == 0o600
    assert lock_path(demo_path).name == ".demo.mara.lock"
    claim.release()
    assert not lock_path(demo_path).exists()


def test_a_claim_held_by_another_program_is_seen_and_ends_with_it(demo_path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(demo_path)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        assert is_in_use(demo_path)
    finally:
        holder.kill()
        holder.wait()
    assert not is_in_use(demo_path)  # a program that died holds nothing
