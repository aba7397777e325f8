"""The app's settings file is owner-only, however it was left and whatever the umask."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import environment

START = """
import os
os.umask(0o022)
from PySide6.QtCore import QSettings
from mara_desktop.ui.appearance import application
application()
settings = QSettings()
settings.setValue("lock/idle_minutes", 7)
settings.sync()
print(settings.fileName())
"""


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize("left_open", [True, False], ids=["left open before", "new"])
def test_the_settings_file_is_owner_only_in_a_private_folder(
    tmp_path: Path, left_open: bool
) -> None:
    folder = tmp_path / "config" / "MARA Desktop"
    if left_open:
        folder.mkdir(parents=True, mode=0o755)
        os.chmod(folder, 0o755)
        (folder / "MARA Desktop.conf").write_text("[appearance]\ncolour_scheme=dark\n")
        os.chmod(folder / "MARA Desktop.conf", 0o644)
    env = environment(None) | {"XDG_CONFIG_HOME": str(tmp_path / "config")}
    done = subprocess.run(
        [sys.executable, "-c", START], env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    settings = Path(done.stdout.strip())
    assert settings == folder / "MARA Desktop.conf"
    assert "idle_minutes=7" in settings.read_text()
    assert (mode(folder), mode(settings)) == (0o700, 0o600)
