"""Test-wide setup: headless Qt, a throwaway HOME, an in-memory keychain.

The environment is set at import time, before anything can import Qt (which aborts the
interpreter without a display) or read the real HOME (which tests must never touch).
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
_HOME = Path(tempfile.mkdtemp(prefix="mara-test-home-"))
atexit.register(shutil.rmtree, _HOME, ignore_errors=True)
for _name, _sub in (
    ("HOME", ""),
    ("XDG_CONFIG_HOME", ".config"),
    ("XDG_DATA_HOME", ".local/share"),
    ("XDG_CACHE_HOME", ".cache"),
    ("XDG_RUNTIME_DIR", "runtime"),
):
    (_HOME / _sub).mkdir(parents=True, exist_ok=True, mode=0o700)
    os.environ[_name] = str(_HOME / _sub) if _sub else str(_HOME)
for _name in ("MARA_PASSPHRASE", "MARA_NEW_PASSPHRASE", "PYTHON_KEYRING_BACKEND"):
    os.environ.pop(_name, None)

import keyring  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402

from mara_desktop.demo import DEMO_PASSPHRASE, create_demo  # noqa: E402
from mara_desktop.protocol.loader import load_protocol  # noqa: E402
from mara_desktop.protocol.model import Protocol  # noqa: E402
from mara_desktop.resources import default_protocol_path  # noqa: E402
from mara_desktop.session import Session  # noqa: E402
from mara_desktop.store.casefile import CaseFile  # noqa: E402
from tests.support.files import private_copy  # noqa: E402

settings.register_profile("timeless", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("timeless")
"""Hypothesis's deadline and "input generation is slow" check time the machine: on a busy
2-core CI runner they failed tests that were right. Tests here never judge a wall-clock time
(benchmarks/ measures speed), so neither may Hypothesis."""
from tests.support.memory_keyring import MemoryKeyring  # noqa: E402

hashlib.pbkdf2_hmac = functools.cache(hashlib.pbkdf2_hmac)
"""Key derivation remembered per (passphrase, salt) in the test process: the demo template's
copies share one salt, and every test that reopens a file derived its key again, 0.25 s each
on a slow core. The derivation is the real one and a different passphrase or salt is still
derived afresh, so a wrong passphrase still fails as it must. Commands run as separate
processes (tests/support/cli.py) derive as a user's would."""

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(scope="session")
def test_home() -> Path:
    return _HOME


@pytest.fixture(autouse=True)
def memory_keychain() -> Iterator[MemoryKeyring]:
    """A fresh in-memory keychain for every test; the real one is never touched."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session")
def protocol() -> Protocol:
    return load_protocol(default_protocol_path())


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo-template") / "demo.mara"
    create_demo(path).close()
    return path


@pytest.fixture
def demo_path(_demo_template: Path, tmp_path: Path) -> Path:
    """A private copy of the demo case file (same key; copying is cheaper than building)."""
    path = tmp_path / "demo.mara"
    private_copy(_demo_template, path)
    return path


@pytest.fixture
def demo_file(demo_path: Path) -> Iterator[CaseFile]:
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as case_file:
        yield case_file


@pytest.fixture
def demo_session(demo_path: Path) -> Iterator[Session]:
    """The demo open as screens, minutes and commands open it."""
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as session:
        yield session


@pytest.fixture
def new_file(tmp_path: Path) -> Iterator[CaseFile]:
    """An empty case file under the default protocol."""
    path = tmp_path / "new.mara"
    with CaseFile.create(path, PASSPHRASE, default_protocol_path().read_text("utf-8")) as cf:
        yield cf
