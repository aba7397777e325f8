"""Running the command line as a user does: a separate process, the passphrase from the
environment, and only stdout, stderr and the exit code to go by."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def environment(passphrase: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO)
    env.pop("MARA_DEBUG", None)
    if passphrase is None:
        env.pop("MARA_PASSPHRASE", None)
    else:
        env["MARA_PASSPHRASE"] = passphrase
    return env


def run(
    *args: object, passphrase: str | None = None, **extra_env: str
) -> subprocess.CompletedProcess[str]:
    env = environment(passphrase)
    env.update(extra_env)
    return subprocess.run(
        [sys.executable, "-m", "mara_desktop", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )


def popen(*args: object, passphrase: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "mara_desktop", *map(str, args)],
        env=environment(passphrase),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )


def one_clear_line(result: subprocess.CompletedProcess[str]) -> str:
    """A refusal's one line on stderr, and no traceback: what every command owes bad input."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]
