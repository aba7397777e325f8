"""What checking every page before the first write costs, on a file kept for six years.

    .venv/bin/python benchmarks/page_check.py [--cases 20000 --items 15 --repeat 5]

Builds a case file of 20,000 cases (15 items, 2 people, 2 actions and a consent record
each: about what a MARAC hearing 65 cases a month keeps for six years), then prints:

- the check alone: every page's HMAC read on a connection of its own (the median of
  `--repeat` runs, the file in the operating system's cache, as it is after opening);
- what a user pays: `mara-desktop view` on that file as a new process (the command reads
  one case, prints it and writes its audit record, which waits for the check), against the
  same command in which the check is replaced by one that answers "sound" at once. The
  difference is the check's cost as felt; it is less than the check alone because the
  check runs in its own thread while the command opens the file and builds the view.

Figures only: nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from casefile import bulk_document  # noqa: E402

from mara_desktop.interchange.document import read_interchange  # noqa: E402
from mara_desktop.interchange.reader import Existing  # noqa: E402
from mara_desktop.resources import default_protocol_path  # noqa: E402
from mara_desktop.store.casefile import CaseFile  # noqa: E402
from mara_desktop.store.connection import apply_key, connect, failing_pages  # noqa: E402
from mara_desktop.store.importer import import_content  # noqa: E402
from mara_desktop.store.passphrase import derive_key  # noqa: E402

PASSPHRASE = "benchmark passphrase only"
BATCH = 2000

VIEW = """
import sys
from mara_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""

VIEW_WITHOUT_CHECK = """
import sys
from mara_desktop.store import casefile, page_check

class Sound:
    def __init__(self, path, key): pass
    def state(self, *, wait): return page_check.Soundness.SOUND
    failing = 0
    def stop(self): pass

casefile.PageCheck = Sound
from mara_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def build(path: Path, cases: int, items: int) -> None:
    protocol_text = default_protocol_path().read_text("utf-8")
    with CaseFile.create(path, PASSPHRASE, protocol_text) as case_file:
        for start in range(0, cases, BATCH):
            data = bulk_document(min(BATCH, cases - start), items)
            for case in data["cases"]:
                number = int(case["id"].removeprefix("bench-")) + start
                case["id"], case["reference"] = f"bench-{number:05d}", f"NS-{number:05d}"
            content = read_interchange(data, case_file.protocol, Existing())
            import_content(case_file, content, update=False)


def check_alone(path: Path, repeat: int) -> float:
    key = derive_key(PASSPHRASE, path.read_bytes()[:16])
    times = []
    for _ in range(repeat):
        conn = connect(path, read_only=True)
        apply_key(conn, key)
        start = time.perf_counter()
        assert failing_pages(conn) == 0
        times.append(time.perf_counter() - start)
        conn.close()
    return statistics.median(times)


def command_seconds(script: str, path: Path, case_id: str, repeat: int) -> float:
    env = {**os.environ, "MARA_PASSPHRASE": PASSPHRASE, "PYTHONPATH": str(ROOT)}
    args = ["view", str(path), "--case", case_id, "--as", "police"]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", script, *args], env=env, check=True,
                       capture_output=True)  # fmt: skip
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--items", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mara-bench-") as folder:
        path = Path(folder) / "six-years.mara"
        start = time.perf_counter()
        build(path, args.cases, args.items)
        built = time.perf_counter() - start
        size = path.stat().st_size
        alone = check_alone(path, args.repeat)
        middle = f"bench-{args.cases // 2:05d}"
        without = command_seconds(VIEW_WITHOUT_CHECK, path, middle, args.repeat)
        with_check = command_seconds(VIEW, path, middle, args.repeat)
    print(f"Page check: {args.cases:,} cases x {args.items} items, {size / 1e6:.0f} MB "
          f"(built in {built:.0f} s)")  # fmt: skip
    print(f"  every page checked, alone     {alone:6.2f} s   ({size / 1e6 / alone:.0f} MB/s)")
    print(f"  `view` as a new process       {with_check:6.2f} s   (median of {args.repeat})")
    print(f"  the same without the check    {without:6.2f} s")
    print(f"  what the check costs the user {with_check - without:6.2f} s")


if __name__ == "__main__":
    main()
