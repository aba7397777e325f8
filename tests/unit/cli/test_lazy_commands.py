"""A command loads only what it uses: `view` and `verify` start without reportlab, pypdf
or Pillow, which only minutes and notices need."""

from __future__ import annotations

import subprocess
import sys

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE
from tests.support.cli import REPO, environment

PROBE = """
import sys
from mara_desktop.cli import main
code = main(sys.argv[1:])
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"reportlab", "pypdf", "PIL", "PySide6"})
print(code, *heavy, file=sys.stderr)
"""


@pytest.mark.parametrize(
    "command",
    [["view", "--case", "case-01", "--as", "police"], ["verify"]],
    ids=["view", "verify"],
)
def test_a_command_that_lays_out_nothing_loads_no_pdf_library(demo_path, command):
    done = subprocess.run(
        [sys.executable, "-c", PROBE, command[0], str(demo_path), *command[1:]],
        env=environment(DEMO_PASSPHRASE),
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.split() == ["0"]


def test_opening_a_case_file_loads_the_keychain_library_only_when_it_asks():
    """keyring costs 0.1 s to import; its first question comes while the key is derived in
    another thread (store/casefile.py), so it must not be imported before."""
    probe = "import sys, mara_desktop.session; print('keyring' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_the_commands_load_no_cipher_library_nor_minutes_manifests_at_start():
    """The AES of `cryptography` (a tenth of `view`'s imports) is read only for a file that
    will not open (store/connection.py), a minutes manifest only by `verify --against`."""
    probe = (
        "import sys, mara_desktop.cli.casefile_commands, mara_desktop.cli.disclosure_commands;"
        "print(sorted({'cryptography', 'mara_desktop.minutes.manifest'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


AHEAD_PROBE = """
import sys
from mara_desktop.store import passphrase
began, derived = [], []
derive_ahead, derive = passphrase.derive_ahead, passphrase._derive

def ahead(*args):
    began.append(sorted(m for m in sys.modules if m.startswith("mara_desktop.session")))
    derive_ahead(*args)

def counted(*args):
    derived.append(1)
    return derive(*args)

passphrase.derive_ahead, passphrase._derive = ahead, counted
from mara_desktop.cli import main
code = main(sys.argv[1:])
print(code, began, len(derived), file=sys.stderr)
"""


@pytest.mark.parametrize("given", ["environment", "file"])
def test_a_given_passphrase_is_derived_before_the_session_layer_loads(demo_path, tmp_path, given):
    """The key derivation (a fifth of a second) runs beside the command's imports
    (cli/key_ahead.py): it begins before any module of the session layer is loaded, and
    the open takes its key rather than deriving it again."""
    args = ["view", str(demo_path), "--case", "case-01", "--as", "police"]
    env = environment(DEMO_PASSPHRASE)
    if given == "file":
        secret = tmp_path / "passphrase.txt"
        secret.write_text(DEMO_PASSPHRASE + "\n", "utf-8")
        secret.chmod(0o600)
        args += ["--passphrase-file", str(secret)]
        env.pop("MARA_PASSPHRASE")
    done = subprocess.run(
        [sys.executable, "-c", AHEAD_PROBE, *args],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stderr.split() == ["0", "[[]]", "1"]
