"""A window claims its file before opening it, keeps the claim across locking, and gives
it back when the file does not open."""

from __future__ import annotations

from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.session import (
    CaseFileError,
    CaseFileInUse,
    InUse,
    Session,
    WrongPassphrase,
    open_claimed,
    ready_to_open,
)
from mara_desktop.store.in_use import is_in_use


def test_a_file_that_does_not_open_is_not_kept_claimed(demo_path: Path) -> None:
    with pytest.raises(WrongPassphrase):
        open_claimed(demo_path, lambda: Session.open(demo_path, passphrase="wrong passphrase"))
    assert not is_in_use(demo_path)


def test_the_claim_held_across_locking_opens_its_own_file_again(demo_path: Path) -> None:
    held = InUse.claim(demo_path)
    try:
        ready_to_open(demo_path, held)
        session, claim = open_claimed(
            demo_path, lambda: Session.open(demo_path, passphrase=DEMO_PASSPHRASE), held
        )
        session.close()
        assert claim is held and is_in_use(demo_path)
    finally:
        held.release()


def test_a_file_claimed_by_another_window_is_refused_before_a_passphrase(
    demo_path: Path,
) -> None:
    other = InUse.claim(demo_path)
    try:
        with pytest.raises(CaseFileInUse, match="already open in MARA Desktop"):
            ready_to_open(demo_path)
    finally:
        other.release()
    with pytest.raises(CaseFileError, match="no such case file"):
        ready_to_open(demo_path.with_name("gone.mara"))
