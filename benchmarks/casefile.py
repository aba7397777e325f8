"""How fast the encrypted case file is, against the goals of issue 2.

Prints: open with the passphrase (ms), open through the keychain (ms), import of 1,000 cases
x 40 items (s) through the real importer, export (s), the file's size, and the same import
into plain SQLite (same schema, same statements, no encryption) as a ratio. Goals: keychain
open under 50 ms, that import under 2 s, encryption at most 1.5x plain SQLite.

Python's sqlite3 links the system's SQLite, older than the one SQLCipher bundles, so the
import is also run through sqlcipher3 with no key: the same engine, only the cipher removed.
The keychain is the machine's own when it is a secure one, else an in-memory stand-in (the
output says which); for a real Secret Service on a headless machine, run the script under
`dbus-run-session` with `gnome-keyring-daemon --unlock` (see benchmarks/README.md).

Figures only: nothing here asserts a time, because timings depend on the machine. Run it
from the project folder: `.venv/bin/python benchmarks/casefile.py`.
"""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import keyring
import sqlcipher3
from keyring.backend import KeyringBackend

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from mara_desktop.interchange.document import read_interchange
from mara_desktop.interchange.reader import Existing
from mara_desktop.interchange.writer import write_interchange
from mara_desktop.protocol.loader import parse_protocol
from mara_desktop.resources import default_protocol_path
from mara_desktop.store import keychain, schema
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.connection import configure
from mara_desktop.store.importer import import_content

PASSPHRASE = "benchmark passphrase only"
GOAL_KEYCHAIN_MS = 50.0
GOAL_IMPORT_S = 2.0
GOAL_RATIO = 1.5

CATEGORIES = (
    ("risk-summary", "case"), ("victim-location", "victim"), ("victim-contact", "victim"),
    ("victim-health", "victim"), ("substance-use", "household"), ("victim-views", "victim"),
    ("perpetrator-history", "perpetrator"), ("perpetrator-location", "perpetrator"),
    ("criminal-justice", "perpetrator"), ("housing", "household"),
)  # fmt: skip
SOURCES = ("police", "idva", "gp", "housing", "probation", "hospital", "mental-health", "asc")


def memory_keyring() -> KeyringBackend:
    """A keychain in memory, standing in for the OS keychain where none is secure (a headless
    machine): it measures the app's own cost of a keychain open, not a keychain daemon's.

    The class is made only when needed: keyring adopts, as its default, any KeyringBackend
    subclass that exists when it first picks a backend, and would then report this one as
    the machine's real keychain.
    """

    class MemoryKeyring(KeyringBackend):
        priority = 1  # type: ignore[assignment]

        def __init__(self) -> None:
            super().__init__()
            self.entries: dict[tuple[str, str], str] = {}

        def get_password(self, service: str, username: str) -> str | None:
            return self.entries.get((service, username))

        def set_password(self, service: str, username: str, password: str) -> None:
            self.entries[(service, username)] = password

        def delete_password(self, service: str, username: str) -> None:
            self.entries.pop((service, username), None)

    return MemoryKeyring()


def bulk_document(cases: int, items: int) -> dict[str, Any]:
    """A valid interchange document of `cases` cases with `items` items each, with the
    people, consent and actions a real case carries."""

    def item(c: int, n: int) -> dict[str, Any]:
        category, subject = CATEGORIES[n % len(CATEGORIES)]
        return {
            "id": f"i{n:02d}",
            "category": category,
            "source": SOURCES[(c + n) % len(SOURCES)],
            "subject": subject,
            "text": f"Case {c} item {n}: seen at 14 Sample Road, Sampletown ZZ1 {c % 9}AB on "
            "a weekday evening; contact only on the safe number between 10:00 and 12:00.",
            "restricted_to": ["police", "probation"] if n % 13 == 0 else [],
            "recorded_at": "2026-11-20T09:00:00Z",
        }

    return {
        "format": "mara-interchange/1",
        "conferences": [],
        "cases": [
            {
                "id": f"bench-{c:05d}",
                "reference": f"NS-2026-{c:05d}",
                "children_involved": c % 2 == 0,
                "referral": {
                    "date": "2026-10-01",
                    "agency": "police",
                    "criterion": "visible_high_risk",
                    "dash_score": 15,
                },
                "people": [
                    {"id": "v", "role": "victim", "name": f"Victim {c}", "born": "1990-01-01"},
                    {"id": "p", "role": "perpetrator", "name": f"Perpetrator {c}"},
                ],
                "consents": [
                    {
                        "state": "given",
                        "agencies": ["*"],
                        "categories": ["*"],
                        "recorded_at": "2026-10-02T10:00:00Z",
                        "recorded_by": "IDVA",
                    }
                ],
                "items": [item(c, n) for n in range(items)],
                "actions": [
                    {
                        "id": f"a{n}",
                        "owner": SOURCES[n],
                        "category": "actions",
                        "text": "Safety plan review with the victim.",
                        "due": "2026-12-01",
                        "status": "open",
                    }
                    for n in range(2)
                ],
            }
            for c in range(cases)
        ],
    }


def seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def median_of(repeat: int, work: Callable[[], object]) -> float:
    return statistics.median(seconds(work) for _ in range(repeat))


@contextmanager
def keychain_for_benchmark() -> Iterator[str]:
    """The real keychain when it is secure, else an in-memory one; yields which."""
    if keychain.status().available:
        backend = keyring.get_keyring()
        yield f"real keychain: {getattr(backend, 'name', type(backend).__name__)}"
        return
    previous = keyring.get_keyring()
    keyring.set_keyring(memory_keyring())
    try:
        yield "in-memory keyring (no secure keychain on this machine)"
    finally:
        keyring.set_keyring(previous)


def unencrypted_file(path: Path, protocol_text: str, driver: ModuleType) -> CaseFile:
    """A case file without encryption (`driver` is stdlib sqlite3, or sqlcipher3 given no
    key): the same pragmas, schema and first rows, wrapped in the real CaseFile so the
    importer runs unchanged."""
    conn = driver.connect(path, isolation_level=None, check_same_thread=False)
    configure(conn)
    conn.execute("BEGIN IMMEDIATE")
    schema.migrate(conn, 0)
    conn.execute("INSERT INTO meta VALUES ('format', ?)", (schema.FORMAT_NAME,))
    conn.execute(
        "INSERT INTO protocol (text, sha256, set_at, set_by) VALUES (?, '', '', 'benchmark')",
        (protocol_text,),
    )
    conn.execute("COMMIT")
    return CaseFile(path, conn, b"", b"", "benchmark")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1000)
    parser.add_argument("--items", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=5, help="imports per kind (median)")
    args = parser.parse_args()
    protocol_text = default_protocol_path().read_text("utf-8")
    with tempfile.TemporaryDirectory(prefix="mara-bench-") as folder:
        run(Path(folder), protocol_text, args.cases, args.items, args.repeat)


def run(folder: Path, protocol_text: str, cases: int, items: int, repeat: int) -> None:
    small = folder / "small.mara"
    CaseFile.create(small, PASSPHRASE, protocol_text).close()
    passphrase_open = median_of(5, lambda: CaseFile.open(small, passphrase=PASSPHRASE).close())
    with keychain_for_benchmark() as which:
        with CaseFile.open(small, passphrase=PASSPHRASE) as case_file:
            case_file.remember_on_this_device()
        keychain_open = median_of(20, lambda: CaseFile.open(small).close())
        with CaseFile.open(small, passphrase=PASSPHRASE) as case_file:
            case_file.forget_on_this_device()

    print(f"Case file benchmark: {cases:,} cases x {items} items")
    print(f"  open with passphrase      {passphrase_open * 1000:8.1f} ms")
    print(
        f"  open through keychain     {keychain_open * 1000:8.1f} ms   "
        f"goal < {GOAL_KEYCHAIN_MS:.0f} ms  [{which}]"
    )

    data = bulk_document(cases, items)
    protocol = parse_protocol(protocol_text, "default protocol")
    start = time.perf_counter()
    content = read_interchange(data, protocol, Existing())
    checking = time.perf_counter() - start

    timings: dict[str, list[float]] = {"encrypted": [], "sqlite3": [], "sqlcipher3": []}
    for n in range(repeat):
        with CaseFile.create(folder / f"big-{n}.mara", PASSPHRASE, protocol_text) as case_file:
            timings["encrypted"].append(
                seconds(lambda: import_content(case_file, content, update=False))
            )
        for driver in (sqlite3, sqlcipher3):
            name = driver.__name__
            with unencrypted_file(folder / f"{name}-{n}.db", protocol_text, driver) as case_file:
                timings[name].append(
                    seconds(lambda: import_content(case_file, content, update=False))
                )
    imported, plain, unkeyed = (statistics.median(t) for t in timings.values())
    print(f"  import (encrypted)        {imported:8.2f} s    goal < {GOAL_IMPORT_S:.0f} s")
    print(f"  + checking the JSON first {checking + imported:8.2f} s    (what `import` does)")
    print(
        f"  import (plain SQLite)     {plain:8.2f} s    "
        f"(stdlib sqlite3, SQLite {sqlite3.sqlite_version})"
    )
    print(
        f"  encryption cost           {imported / plain:8.2f} x    goal <= {GOAL_RATIO} x "
        f"(medians of {repeat})"
    )
    print(
        f"  the same, one SQLite      {imported / unkeyed:8.2f} x    "
        f"(against sqlcipher3 with no key: {unkeyed:.2f} s)"
    )

    big = folder / "big-0.mara"
    with CaseFile.open(big, passphrase=PASSPHRASE) as case_file:
        read = seconds(case_file.content)
        export = seconds(
            lambda: write_interchange(
                folder / "out.json", case_file.conferences(), case_file.cases()
            )
        )
    print(f"  export (read + write JSON){export:8.2f} s    (reading alone {read:.2f} s)")
    size = big.stat().st_size
    plain_size = (folder / "sqlite3-0.db").stat().st_size
    json_size = (folder / "out.json").stat().st_size
    print(
        f"  file size                 {size / 1e6:8.1f} MB   "
        f"(plain SQLite {plain_size / 1e6:.1f} MB, JSON {json_size / 1e6:.1f} MB)"
    )


if __name__ == "__main__":
    main()
