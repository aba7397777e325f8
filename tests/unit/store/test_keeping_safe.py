"""Backups, passphrase changes and the keychain."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail, null
from keyring.backends.chainer import ChainerBackend

from mara_desktop.atomic import WriteError
from mara_desktop.minutes.passwords import keep_in_keychain
from mara_desktop.store import keychain
from mara_desktop.store.casefile import CaseFile, forget_without_opening
from mara_desktop.store.errors import KeyUnavailable, WrongPassphrase
from tests.conftest import PASSPHRASE

NEW = "a different long passphrase"


def test_a_backup_opens_with_the_same_passphrase(new_file, tmp_path):
    dest = tmp_path / "copy.mara"
    new_file.backup(dest)
    with CaseFile.open(dest, passphrase=PASSPHRASE) as copy:
        assert copy.protocol.id == new_file.protocol.id
        assert copy.verify().ok
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_a_backup_never_overwrites(new_file, tmp_path):
    dest = tmp_path / "taken.mara"
    dest.write_text("someone else's file")
    with pytest.raises(WriteError, match="already exists"):
        new_file.backup(dest)
    assert dest.read_text() == "someone else's file"


def test_a_backup_into_a_missing_folder_says_so(new_file, tmp_path):
    with pytest.raises(WriteError, match="no such folder"):
        new_file.backup(tmp_path / "nowhere" / "copy.mara")


def test_changing_the_passphrase(new_file):
    path = new_file.path
    new_file.change_passphrase(NEW)
    new_file.close()
    with pytest.raises(WrongPassphrase):
        CaseFile.open(path, passphrase=PASSPHRASE)
    with CaseFile.open(path, passphrase=NEW) as reopened:
        assert reopened.verify().ok


def test_remembered_key_opens_without_a_passphrase(new_file, memory_keychain):
    new_file.remember_on_this_device()
    path = new_file.path
    new_file.close()
    (stored,) = memory_keychain.entries.values()
    assert PASSPHRASE not in stored and str(path) not in str(memory_keychain.entries)
    with CaseFile.open(path) as reopened:
        assert reopened.is_open


def test_a_passphrase_change_keeps_the_remembered_key_working(new_file):
    new_file.remember_on_this_device()
    path = new_file.path
    new_file.change_passphrase(NEW)
    new_file.close()
    with CaseFile.open(path) as reopened:
        assert reopened.is_open


def test_nothing_remembered_means_key_unavailable(new_file):
    path = new_file.path
    new_file.close()
    with pytest.raises(KeyUnavailable, match="does not remember"):
        CaseFile.open(path)


def test_forget_removes_the_entry_without_the_passphrase(new_file, memory_keychain):
    new_file.remember_on_this_device()
    path = new_file.path
    new_file.close()
    assert forget_without_opening(path)
    assert memory_keychain.entries == {}
    assert not forget_without_opening(path)


@pytest.mark.parametrize("backend", [fail.Keyring, null.Keyring], ids=["fail", "null"])
def test_insecure_backends_make_the_option_unavailable(new_file, backend):
    keyring.set_keyring(backend())
    state = keychain.status()
    assert not state.available
    assert "No secure keychain" in state.sentence
    with pytest.raises(KeyUnavailable, match="No secure keychain"):
        new_file.remember_on_this_device()


def test_a_plaintext_backend_is_not_secure():
    class PlaintextKeyring(keyring.backend.KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def get_password(self, service, username):
            return None

        def set_password(self, service, username, password):
            raise AssertionError("must never be called")

        def delete_password(self, service, username):
            return None

    keyring.set_keyring(PlaintextKeyring())
    assert not keychain.status().available


def test_an_empty_chainer_is_not_secure():
    class EmptyChainer(ChainerBackend):
        backends = []  # type: ignore[assignment]

    keyring.set_keyring(EmptyChainer())
    assert not keychain.status().available


def test_a_chainer_with_a_real_backend_is_secure(memory_keychain):
    class Chainer(ChainerBackend):
        backends = [memory_keychain]  # type: ignore[assignment]

    keyring.set_keyring(Chainer())
    assert keychain.status().available


class BrokenKeyring(keyring.backend.KeyringBackend):
    """A real keychain that fails the way they do: a locked Secret Service, no D-Bus."""

    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        raise RuntimeError(f"D-Bus said no about {username}")

    def set_password(self, service, username, password):
        raise RuntimeError(f"D-Bus said no about {username}")

    def delete_password(self, service, username):
        raise RuntimeError(f"D-Bus said no about {username}")


def test_a_failing_keychain_is_one_sentence_never_its_own_exception(new_file):
    keyring.set_keyring(BrokenKeyring())
    with pytest.raises(KeyUnavailable, match=r"did not answer .*\(RuntimeError\)") as caught:
        new_file.remember_on_this_device()
    assert "case-file-" not in str(caught.value)  # the backend's message is not repeated
    assert keychain.recall(b"\0" * 16) is None
    with pytest.raises(KeyUnavailable):
        keychain.forget(b"\0" * 16)
    assert not keep_in_keychain("conference/police/1234", "password")


def test_forget_without_a_keychain_says_it_could_not_look(new_file):
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(KeyUnavailable, match="cannot be asked"):
        forget_without_opening(new_file.path)


def test_a_key_remembered_by_an_earlier_version_still_opens(new_file, memory_keychain):
    new_file.remember_on_this_device()
    path, key = new_file.path, new_file._key
    new_file.close()
    (account,) = memory_keychain.entries
    memory_keychain.entries[account] = key.hex()  # how entries were written before
    with CaseFile.open(path) as reopened:
        assert reopened.is_open
