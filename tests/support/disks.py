"""Real small and read-only disks for tests: a tmpfs mounted for the test, where the
machine allows it (root, as in CI); otherwise the test is skipped and an injected failure
covers the same code elsewhere."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


def _mount(*args: str) -> bool:
    done = subprocess.run(["mount", *args], capture_output=True, check=False)
    return done.returncode == 0


@contextmanager
def tmpfs(folder: Path, size: str) -> Iterator[Path]:
    """`folder` as a fresh tmpfs of `size` bytes (k, m suffixes), unmounted afterwards."""
    folder.mkdir(exist_ok=True)
    if (
        os.name != "posix"
        or os.geteuid() != 0
        or not _mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder))
    ):
        pytest.skip("mounting a small disk needs root on Linux")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def make_read_only(folder: Path) -> None:
    """Remount a tmpfs from `tmpfs` read-only, as a backup disk with its write tab set."""
    if not _mount("-o", "remount,ro", str(folder)):
        pytest.skip("this machine cannot remount a disk read-only")


def fill(folder: Path, leave: int) -> None:
    """Fill the disk until about `leave` bytes remain."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    (folder / "filler").write_bytes(b"\0" * max(0, free - leave))
