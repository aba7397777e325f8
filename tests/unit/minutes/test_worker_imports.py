"""What each side of a minutes export loads: a worker process never the way to the case
file, and the app's process never the layout or the leak check when workers make the
copies (each would cost a spawned process or the export's start nearly half a second of
processor time on a slow machine)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from mara_desktop.minutes import export
from tests.support.cli import REPO

PROBE = """
import importlib, sys
importlib.import_module(sys.argv[1])
tops = {m.split(".")[0] for m in sys.modules}
ours = {m for m in sys.modules if m.startswith("mara_desktop.")}
print(*sorted(tops & {"reportlab", "pypdf", "sqlcipher3", "keyring", "PySide6"}))
print(*sorted(m for m in ours if m.split(".")[1] in {"store", "session"}))
"""


def loaded(module: str) -> tuple[set[str], set[str]]:
    """Third-party packages and our store and session modules loaded by importing `module`
    in a new process."""
    done = subprocess.run(
        [sys.executable, "-c", PROBE, module],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    libraries, ours = done.stdout.split("\n")[:2]
    return set(libraries.split()), set(ours.split())


def test_a_worker_loads_the_layout_and_the_check_but_no_way_to_the_case_file():
    libraries, ours = loaded("mara_desktop.minutes.worker")
    assert libraries == {"reportlab", "pypdf"}
    assert ours == set()


def test_the_export_itself_loads_no_layout_or_leak_check():
    libraries, _ = loaded("mara_desktop.minutes.export")
    assert "reportlab" not in libraries
    assert "pypdf" not in libraries


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads /proc (Linux)")
def test_workers_are_forked_from_a_server_that_loaded_the_layout_never_from_the_app():
    """Workers come from multiprocessing's fork server, a new interpreter that loaded the
    layout and the check once (its command line names what it preloads): never a copy of
    the process that holds the case file's key."""
    with export._pool(2) as pool:
        assert pool is not None
        parents = {pool.submit(os.getppid).result() for _ in range(4)}
    assert os.getpid() not in parents
    for parent in parents:
        command = Path(f"/proc/{parent}/cmdline").read_bytes().decode()
        assert "multiprocessing.forkserver" in command
        assert export.WORKER_MODULE in command
