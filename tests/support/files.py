"""Copying case files in tests the way the app keeps them: owner-only.

A plain copy takes the process umask (usually 0644), and the app rightly warns that such a
file could be read by other accounts; tests that are not about that copy privately.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path


def private_copy(source: Path, dest: Path) -> Path:
    shutil.copyfile(source, dest)
    os.chmod(dest, 0o600)
    return dest


def digest(path: Path) -> str:
    """The file's bytes, for saying that nothing changed them."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
