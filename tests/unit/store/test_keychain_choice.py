"""The keychain is named by platform, not found by loading every keyring backend: the
first keychain question of a command costs no probe of other systems' keychains."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.support.cli import REPO

PROBE = """
import sys
from mara_desktop.store import keychain
state = keychain.status()
loaded = sorted(m for m in sys.modules if m.startswith("keyring.backends."))
print(state.available, *loaded)
"""


def probe(**env: str) -> list[str]:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DBUS_SESSION_BUS_ADDRESS", "PYTHON_KEYRING_BACKEND")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env={**clean, "PYTHONPATH": str(REPO), **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.split()


def test_without_a_session_bus_no_keychain_is_looked_for_and_no_backend_loaded():
    available, *loaded = probe()
    assert available == "False"
    assert loaded == ["keyring.backends.fail"]


def test_a_backend_the_user_configured_for_keyring_is_used():
    available, *loaded = probe(PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    assert available == "False"  # the null backend keeps nothing: not a keychain
    assert "keyring.backends.null" in loaded and "keyring.backends.macOS" not in loaded


def test_with_a_session_bus_only_the_desktop_keychains_are_tried():
    available, *loaded = probe(DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent/bus")
    assert available == "False"  # nothing answers on that bus
    assert "keyring.backends.kwallet" in loaded  # the Secret Service was asked without keyring
    assert "keyring.backends.macOS" not in loaded and "keyring.backends.Windows" not in loaded
