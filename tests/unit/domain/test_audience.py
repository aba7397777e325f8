"""An audience reads the same in every process."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.cli import REPO

AGENCIES = ["police", "idva", "gp", "housing", "probation", "hospital", "csc", "asc", "fire"]
PRINT = f"""
from mara_desktop.domain import Audience
print(repr(Audience.of({AGENCIES!r})))
"""


def test_an_audiences_repr_does_not_follow_the_processs_string_hashing():
    """A reproducible copy of the minutes takes its id from its view's repr: the common
    copy's audience is the whole room, and its id changed from run to run."""
    seen = {
        subprocess.run(
            [sys.executable, "-c", PRINT],
            env={**os.environ, "PYTHONPATH": str(REPO), "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert seen == {f"Audience(agencies={sorted(AGENCIES)!r}, is_chair=False)\n"}
