"""On a Linux desktop the key is kept in the Secret Service without loading keyring, in
entries keyring's own Secret Service backend reads and writes alike.

The Secret Service is a D-Bus daemon, outside the process: it is stood in for at that edge
(secretstorage's connection and default collection), and both our code and keyring's
backend talk to the same stand-in."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring.core
import pytest
from keyring.backends.SecretService import Keyring as KeyringsSecretService

from mara_desktop.store import keychain
from mara_desktop.store.errors import KeyUnavailable

secretstorage = pytest.importorskip("secretstorage", reason="installed on Linux only")

SALT = bytes(range(16))
KEY = bytes(range(32))


class Item:
    def __init__(
        self, collection: Collection, label: str, attributes: dict[str, str], secret: bytes
    ):
        self.collection, self.label = collection, label
        self.attributes, self.secret = dict(attributes), secret
        self.locked = False

    def is_locked(self) -> bool:
        return self.locked

    def unlock(self) -> bool:
        self.locked = self.collection.stays_locked
        return self.locked

    def get_secret(self) -> bytes:
        assert not self.locked
        return self.secret

    def get_attributes(self) -> dict[str, str]:
        return dict(self.attributes)

    def delete(self) -> None:
        self.collection.items.remove(self)


class Collection:
    """The default collection of a Secret Service daemon, in memory."""

    def __init__(self) -> None:
        self.items: list[Item] = []
        self.locked = self.stays_locked = False
        self.connection = Connection()

    def is_locked(self) -> bool:
        return self.locked

    def unlock(self) -> bool:
        self.locked = self.stays_locked
        return self.locked

    def search_items(self, attributes: dict[str, str]) -> Iterator[Item]:
        return iter([i for i in self.items if attributes.items() <= i.attributes.items()])

    def create_item(
        self, label: str, attributes: dict[str, str], secret: Any, replace: bool = False
    ) -> Item:
        assert not self.locked
        if replace:
            self.items = [i for i in self.items if i.attributes != attributes]
        secret = secret.encode("utf-8") if isinstance(secret, str) else secret  # as secretstorage
        item = Item(self, label, attributes, secret)
        self.items.append(item)
        return item


class Connection:
    def close(self) -> None:
        pass


@pytest.fixture
def secret_service(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Collection:
    """A desktop session whose Secret Service answers, nothing configured for keyring, and
    no keychain chosen yet in this process (the tests' in-memory one set aside)."""
    collection = Collection()
    monkeypatch.setattr(secretstorage, "dbus_init", Connection)
    monkeypatch.setattr(secretstorage, "check_service_availability", lambda _c: True)
    monkeypatch.setattr(secretstorage, "get_default_collection", lambda _c: collection)
    monkeypatch.setattr(keyring.core, "_keyring_backend", None)
    monkeypatch.setattr(keychain, "_secret_service", None)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return collection


def test_the_key_is_kept_recalled_and_forgotten_without_asking_keyring(secret_service):
    keychain.remember(SALT, KEY, None)
    assert keychain.recall(SALT).key == KEY
    assert keychain.status().sentence.endswith("keychain (SecretService Keyring).")
    assert keychain.forget(SALT)
    assert keychain.recall(SALT) is None and not keychain.forget(SALT)
    assert keyring.core._keyring_backend is None  # keyring was never asked to choose


def test_an_entry_is_kept_exactly_as_keyrings_secret_service_backend_keeps_it(secret_service):
    keychain.keep_password("MARA Desktop minutes", "copy-1", "first")
    ours = secret_service.items.pop()
    KeyringsSecretService().set_password("MARA Desktop minutes", "copy-1", "first")
    theirs = secret_service.items.pop()
    assert (ours.label, ours.attributes, ours.secret) == (
        theirs.label,
        theirs.attributes,
        theirs.secret,
    )


def test_a_key_kept_through_either_is_found_through_the_other(secret_service):
    keychain.remember(SALT, KEY, None)
    stored = KeyringsSecretService().get_password(keychain.SERVICE, f"case-file-{SALT.hex()}")
    assert stored is not None and KEY.hex() in stored
    keychain.forget(SALT)
    KeyringsSecretService().set_password(keychain.SERVICE, f"case-file-{SALT.hex()}", KEY.hex())
    assert keychain.recall(SALT).key == KEY


def test_a_keychain_left_locked_is_one_sentence_and_no_key(secret_service):
    keychain.remember(SALT, KEY, None)
    secret_service.locked = secret_service.stays_locked = True
    assert keychain.recall(SALT) is None
    with pytest.raises(KeyUnavailable, match="did not answer when asked to keep"):
        keychain.remember(SALT, KEY, None)


def test_a_backend_configured_for_keyring_is_used_instead(secret_service, tmp_path):
    config = tmp_path / "config" / "python_keyring"
    config.mkdir(parents=True)
    (config / "keyringrc.cfg").write_text(
        "[backend]\ndefault-keyring=keyring.backends.null.Keyring\n"
    )
    assert not keychain.status().available  # the null backend keeps nothing
    assert secret_service.items == []
