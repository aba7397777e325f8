"""What a large case file costs the reads that should not feel its size, and how much memory
a whole-file import and export take.

    .venv/bin/python benchmarks/reads.py [--cases 20000 --items 15 --repeat 5 --folder DIR]

Builds two case files the same way (benchmarks/page_check.py's builder: 15 items, 2 people,
2 actions and a consent record a case), one of 25 cases and one of `--cases`, each with a
conference of 25 cases (in the large file, cases spread across the whole file, so that no
two share a page). Then prints:

- reading that conference's cases (`CaseFile.cases(agenda)`, what the console does after
  every edit) in each file: the median of 5 x `--repeat` reads on a file already open;
- importing 25 new cases into each file, as the whole `mara-desktop import` process (start-up
  and key derivation included): median of `--repeat`, new case ids each time; then the
  same with the page check (store/page_check.py: every page read before the first write,
  0.4 s at 20,000 cases) replaced by one that answers "sound" at once, to show what the
  check costs and what the import itself does;
- `mara-desktop export` of the large file and `mara-desktop import` of that export into a new
  file: each one new process, its own peak memory (VmHWM, the maximum resident set size of
  the new process image, read from /proc: Linux only) and time.

Imports and the export work on a copy of the file, so every run starts from the same one.
With `--folder`, the files are built there once and reused by later runs (the same files
then measure two versions of the app like for like); otherwise a temporary folder is used
and removed. Figures only: nothing here asserts a time or a size.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from casefile import bulk_document  # noqa: E402
from page_check import PASSPHRASE, build  # noqa: E402

from mara_desktop.domain import (  # noqa: E402
    Attendance,
    AttendanceStatus,
    CaseFileContent,
    Conference,
)
from mara_desktop.store.casefile import CaseFile  # noqa: E402
from mara_desktop.store.importer import import_content  # noqa: E402

AGENDA = 25
CONFERENCE = "bench-conference"


def build_with_conference(path: Path, cases: int, items: int) -> None:
    """A case file of `cases` cases and one conference hearing 25 of them, spread evenly,
    every agency of the protocol present (so that minutes go to each)."""
    build(path, cases, items)
    step = max(1, cases // AGENDA)
    agenda = tuple(f"bench-{n:05d}" for n in range(0, step * AGENDA, step))
    with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
        present = [a.id for a in case_file.protocol.agencies]
        attendance = tuple(
            Attendance(agency, f"Officer {n}", AttendanceStatus.PRESENT)
            for n, agency in enumerate(present)
        )
        conference = Conference(
            CONFERENCE, "Benchmark MARAC", date(2026, 11, 26), "Town Hall", "Chair", agenda,
            attendance,
        )  # fmt: skip
        import_content(case_file, CaseFileContent(conferences=(conference,)), update=False)


def read_seconds(paths: tuple[Path, Path], repeat: int) -> list[float]:
    """For each file, the median time to read the conference's cases by their ids, both
    files open; the files take turns, and the first read of each (which fills the caches)
    is not counted."""
    with contextlib.ExitStack() as stack:
        opened = [
            stack.enter_context(CaseFile.open(p, passphrase=PASSPHRASE, read_only=True))
            for p in paths
        ]
        agendas = [list(conference_of(case_file).agenda) for case_file in opened]
        times: list[list[float]] = [[], []]
        for _ in range(repeat + 1):
            for case_file, agenda, taken in zip(opened, agendas, times, strict=True):
                start = time.perf_counter()
                found = case_file.cases(agenda)
                taken.append(time.perf_counter() - start)
                assert len(found) == AGENDA
    return [statistics.median(taken[1:]) for taken in times]


def conference_of(case_file: CaseFile) -> Conference:
    conference = case_file.conference(CONFERENCE)
    assert conference is not None
    return conference


COMMAND = """
import atexit, os, sys

def peak():
    \"\"\"This process's own peak resident memory (VmHWM; ru_maxrss would also count what the
    benchmark's process held when it forked this one).\"\"\"
    with open("/proc/self/status") as status:
        kilobytes = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    with open(os.environ["MARA_BENCHMARK_PEAK"], "w") as out:
        out.write(kilobytes)

atexit.register(peak)
if os.environ.get("MARA_BENCHMARK_SOUND"):  # the page check replaced by one saying "sound"
    from mara_desktop.store import casefile, page_check

    class Sound:
        failing = 0
        def __init__(self, path, key): pass
        def state(self, *, wait): return page_check.Soundness.SOUND
        def stop(self): pass

    casefile.PageCheck = Sound
from mara_desktop.cli import main
sys.exit(main(sys.argv[1:]))
"""


def as_installed(env: dict[str, str], code: Path) -> dict[str, str]:
    """`env` for the app's code as an installed copy runs: from bytecode compiled once (pip
    compiles it when installing). Without this, a PYTHONDONTWRITEBYTECODE in the
    environment would make every process compile every module from source (about a fifth of
    `view` on the slow machine). The bytecode is kept apart (PYTHONPYCACHEPREFIX), never in
    the checkout; the first process of a run compiles it."""
    cache = Path(tempfile.gettempdir()) / f"mara-bench-pyc-{code.name}"
    env = {**env, "PYTHONPYCACHEPREFIX": str(cache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def load_average() -> str:
    """The machine's load average (1, 5, 15 minutes): every figure is printed beside it."""
    return " ".join(f"{n:.2f}" for n in os.getloadavg())


def adopt_orphans() -> None:
    """Make this process the reaper of its descendants' orphans (Linux only), so that the
    processor time of a command's helpers that outlive it (multiprocessing's fork server,
    whose children are the minutes' workers) counts among its children's once reaped
    (`reap_orphans`): otherwise RUSAGE_CHILDREN would hold the command's own time alone."""
    if sys.platform == "linux":
        ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1)


def children() -> set[int]:
    """This process's children now (Linux; none known elsewhere)."""
    tasks = Path("/proc/self/task")
    if not tasks.is_dir():
        return set()
    return {int(pid) for task in tasks.iterdir() for pid in (task / "children").read_text().split()}


def reap_orphans(before: set[int]) -> None:
    """Wait for every child that was not one `before` the command: its adopted orphans.
    This process's own helpers (the fork server of an export made here) are left alone."""
    for pid in children() - before:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


PR_SET_CHILD_SUBREAPER = 36


def command(folder: Path, *args: object, sound: bool = False) -> tuple[float, int]:
    """Seconds and peak resident memory (bytes) of one `mara-desktop` command as a new
    process (Linux: the peak is read from /proc). `sound`: without the page check."""
    peak = folder / "peak.txt"
    env = {
        **os.environ,
        "MARA_PASSPHRASE": PASSPHRASE,
        "PYTHONPATH": str(ROOT),
        "MARA_BENCHMARK_PEAK": str(peak),
        "MARA_BENCHMARK_SOUND": "1" if sound else "",
    }
    env = as_installed(env, ROOT)
    before = children()
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", COMMAND, *map(str, args)],
        env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL, check=False,
    )  # fmt: skip
    seconds = time.perf_counter() - start
    reap_orphans(before)
    if done.returncode != 0:
        raise SystemExit(f"mara-desktop {args[0]} failed: {done.stderr}")
    return seconds, int(peak.read_text()) * 1024


def import_seconds(
    folder: Path, paths: tuple[Path, Path], items: int, repeat: int, *, sound: bool
) -> list[float]:
    """For each file, the median of `repeat` imports of 25 new cases (new ids each time);
    the two files take turns, so that a change in the machine's load falls on both."""
    times: list[list[float]] = [[], []]
    for _ in range(repeat):
        for path, taken in zip(paths, times, strict=True):
            run = f"{time.time_ns():x}"
            data = bulk_document(AGENDA, items)
            for number, case in enumerate(data["cases"]):
                case["id"], case["reference"] = f"new-{run}-{number:02d}", f"NEW-{run}"
            source = folder / f"new-{run}.json"
            source.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
            taken.append(command(folder, "import", path, source, sound=sound)[0])
            source.unlink()
    return [statistics.median(taken) for taken in times]


def main() -> None:
    on_large_files(__doc__, run)


def on_large_files(doc: str, run: Callable[[Path, argparse.Namespace], None]) -> None:
    """Run `run` with the options of the scripts that build a large file and a small one
    (this one and scale.py): in `--folder`, built once and kept, or in a temporary folder."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--items", type=int, default=15)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--folder", type=Path, help="build the files here once and reuse them")
    args = parser.parse_args()
    if args.folder:
        args.folder.mkdir(parents=True, exist_ok=True)
        run(args.folder, args)
        return
    with tempfile.TemporaryDirectory(prefix="mara-bench-") as folder:
        run(Path(folder), args)


def built(folder: Path, cases: int, items: int) -> Path:
    path = folder / f"cases-{cases}.mara"
    if not path.exists():
        start = time.perf_counter()
        build_with_conference(path, cases, items)
        print(f"built {path.name} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    return path


def copy_of(path: Path) -> Path:
    """A copy to change, so that every run starts from the same file."""
    copy = path.with_name(f"work-{path.name}")
    copy.unlink(missing_ok=True)
    shutil.copyfile(path, copy)
    os.chmod(copy, 0o600)
    return copy


def run(folder: Path, args: argparse.Namespace) -> None:
    small, large = built(folder, AGENDA, args.items), built(folder, args.cases, args.items)
    size = f"{args.cases:,}-case file"
    print(f"Reads by key: a {AGENDA}-case conference, {args.items} items a case "
          f"(medians of {args.repeat})")  # fmt: skip
    reads = read_seconds((small, large), 5 * args.repeat)
    print(f"  read its cases, {AGENDA}-case file       {reads[0] * 1000:8.1f} ms   "
          f"(median of {5 * args.repeat})")  # fmt: skip
    print(f"  read its cases, {size:16} {reads[1] * 1000:8.1f} ms   "
          f"({reads[1] / reads[0]:.2f}x; goal <= 1.2x)")  # fmt: skip
    for sound in (False, True):
        copies = (copy_of(small), copy_of(large))
        imports = import_seconds(folder, copies, args.items, args.repeat, sound=sound)
        how = "the page check replaced by 'sound'" if sound else "whole process"
        print(f"  import 25 new cases, {AGENDA}-case file  {imports[0]:8.2f} s    ({how})")
        print(f"  import 25 new cases, {size:16}{imports[1]:8.2f} s    "
              f"({imports[1] / imports[0]:.2f}x; goal <= 1.2x)")  # fmt: skip
    whole_file_commands(folder, copy_of(large), args.cases)


def whole_file_commands(folder: Path, large: Path, cases: int) -> None:
    exported, fresh = folder / "export.json", folder / "fresh.mara"
    for leftover in (exported, fresh):
        leftover.unlink(missing_ok=True)
    export_time, export_peak = command(folder, "export", large, exported)
    megabytes = exported.stat().st_size / 1e6
    command(folder, "create", fresh)
    import_time, import_peak = command(folder, "import", fresh, exported)
    print(f"Whole-file commands, {cases:,} cases ({megabytes:.0f} MB of JSON), new processes:")
    for name, peak, seconds in (("export", export_peak, export_time),
                                ("import", import_peak, import_time)):  # fmt: skip
        print(f"  {name}   peak memory {peak / 1e6:6.0f} MB   {seconds:6.1f} s   goal < 250 MB")
    for leftover in (exported, fresh, large):
        leftover.unlink()


if __name__ == "__main__":
    main()
