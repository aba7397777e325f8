"""The Secret Service (GNOME Keyring, KWallet and KeePassXC answer it): the keychain of a
Linux desktop, spoken to through `secretstorage`, the library `keyring` itself uses for it.

Loading `keyring` costs 26 ms more than loading `secretstorage` alone (its dependency
jaraco.context loads urllib, http.client, email and ssl): two fifths of the first
keychain open of a command (benchmarks/startup.py). So when keyring would use the Secret
Service anyway and nothing was configured for keyring, store/keychain.py asks it here.
Entries are kept exactly as keyring's Secret Service backend keeps them (the same
attributes, label and collection), so a key remembered through either is found through
the other, and a version of the app that goes through keyring still finds it
(tests/unit/store/test_secret_service.py checks it both ways).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from secretstorage import Collection

APPLICATION = "Python keyring library"
"""What keyring writes as an entry's "application": written the same, for the same entries."""


class KeychainLocked(Exception):
    """The keychain stayed locked: the user dismissed its prompt."""


class SecretService:
    """The session's Secret Service, as keyring's backend would use it: the default
    collection, unlocked on first use (the desktop may prompt), a connection per question."""

    name = "SecretService Keyring"
    """As keyring names it: the chair reads the same name whichever way it was asked."""

    @classmethod
    def if_available(cls) -> SecretService | None:
        """The Secret Service, when one answers on the session bus; None otherwise (the
        caller then leaves the choice to keyring, which also knows KWallet's own API)."""
        try:
            import secretstorage  # noqa: PLC0415  (loaded only when a keychain is asked)

            with contextlib.closing(secretstorage.dbus_init()) as connection:
                if not secretstorage.check_service_availability(connection):
                    return None
        except Exception:  # not installed, no bus, no daemon: each says so its own way
            return None
        return cls()

    def get(self, service: str, account: str) -> str | None:
        with self._collection() as collection:
            for item in collection.search_items(_attributes(service, account)):
                _unlock(item)
                return bytes(item.get_secret()).decode("utf-8")
        return None

    def keep(self, service: str, account: str, secret: str) -> None:
        attributes = {**_attributes(service, account), "application": APPLICATION}
        label = f"Password for '{account}' on '{service}'"
        with self._collection() as collection:
            collection.create_item(label, attributes, secret.encode("utf-8"), replace=True)

    def remove(self, service: str, account: str) -> bool:
        """Remove the entry (the first, as keyring does); False when there was none."""
        with self._collection() as collection:
            for item in collection.search_items(_attributes(service, account)):
                item.delete()
                return True
        return False

    @contextlib.contextmanager
    def _collection(self) -> Iterator[Collection]:
        import secretstorage  # noqa: PLC0415

        connection = secretstorage.dbus_init()
        with contextlib.closing(connection):
            collection = secretstorage.get_default_collection(connection)
            if collection.is_locked():
                collection.unlock()
                if collection.is_locked():
                    raise KeychainLocked
            yield collection


def _attributes(service: str, account: str) -> dict[str, str]:
    """keyring's default scheme: how its Secret Service backend finds an entry."""
    return {"username": account, "service": service}


def _unlock(item: Any) -> None:
    item.unlock()
    if item.is_locked():
        raise KeychainLocked
