"""What a command costs as a user pays it: a new process, start-up and key derivation in.

    .venv/bin/python benchmarks/startup.py [--repeat 7] [--baseline DIR]

Prints, each the median of `--repeat` new processes on the bundled demo, with the processes'
CPU time and the machine's load (the code run as installed: from compiled bytecode, kept in
a temporary folder, compiled by a first run not counted):

- `mara-desktop --version` (Python and the command line's own imports, nothing opened);
- `mara-desktop view FILE --case case-01 --as police`, the passphrase given (the key
  derivation, 256,000 iterations of PBKDF2, is a fixed 0.15-0.3 s of it by design);
- `mara-desktop verify FILE`;
- the first keychain open in a new process: `CaseFile.open` of a remembered file, timed
  inside the process from after the app's imports to the file being open (what the
  keychain costs the first time, loading its library included, since the app loads it at
  its first question: `secretstorage` for the Secret Service on Linux, else `keyring`;
  closing, which leaves the newest audit record with the keychain, is not in it).
  The keychain is the machine's own when it is a secure one; for a real Secret Service
  on a headless machine run the script under `dbus-run-session` (benchmarks/README.md).

With `--baseline DIR` (a checkout of an earlier version, e.g. made with
`git worktree add /tmp/base <commit>`), every figure is also taken with that code, in the
same run and on the same files: a like-for-like comparison. Figures only.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reads import as_installed, load_average  # noqa: E402

from mara_desktop.demo import DEMO_PASSPHRASE, create_demo  # noqa: E402
from mara_desktop.store import keychain as this_keychain  # noqa: E402

REMEMBER = """
import sys
from pathlib import Path
from mara_desktop.demo import create_demo
from mara_desktop.store.casefile import forget_without_opening
if sys.argv[2] == "remember":
    create_demo(Path(sys.argv[1])).remember_on_this_device()
else:
    forget_without_opening(Path(sys.argv[1]))
    Path(sys.argv[1]).unlink()
"""
"""Each version keeps its keychain entry in its own form, so each makes its own."""

FIRST_OPEN = """
import sys, time
from pathlib import Path
from mara_desktop.store.casefile import CaseFile
start = time.perf_counter()
case_file = CaseFile.open(Path(sys.argv[1]))
print(time.perf_counter() - start)
case_file.close()
"""


CPU_SECONDS: dict[float, float] = {}
"""The median CPU time (user + system) of each command's processes, by its median wall time:
on a machine shared with other work, CPU time is the figure that survives the load."""


def process_seconds(code: Path, args: list[str], repeat: int) -> float:
    """Run from `code`'s own folder: `python -m` and `-c` put the working folder first on
    the path, ahead of PYTHONPATH. A first run, not counted, compiles the bytecode."""
    env = {**os.environ, "PYTHONPATH": str(code), "MARA_PASSPHRASE": DEMO_PASSPHRASE}
    env = as_installed(env, code)
    times, cpu = [], []
    for run in range(-1, repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run([sys.executable, *args], env=env, cwd=code, check=True, capture_output=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if run >= 0:
            times.append(time.perf_counter() - start)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    wall = statistics.median(times)
    CPU_SECONDS[wall] = statistics.median(cpu)
    return wall


def first_keychain_open(code: Path, path: Path, repeat: int) -> float:
    env = as_installed({**os.environ, "PYTHONPATH": str(code)}, code)
    env.pop("MARA_PASSPHRASE", None)
    command = [sys.executable, "-c", FIRST_OPEN, str(path)]
    times = []
    for _ in range(repeat):
        done = subprocess.run(
            command, env=env, cwd=code, check=True, capture_output=True, text=True
        )
        times.append(float(done.stdout))
    return statistics.median(times)


def keychain(code: Path, path: Path, what: str) -> None:
    env = {**os.environ, "PYTHONPATH": str(code)}
    command = [sys.executable, "-c", REMEMBER, str(path), what]
    subprocess.run(command, env=env, cwd=code, check=True, capture_output=True)


def figures(code: Path, demo: Path, remembered: Path | None, repeat: int) -> list[float]:
    cli = ["-m", "mara_desktop"]
    found = [
        process_seconds(code, [*cli, "--version"], repeat),
        process_seconds(
            code, [*cli, "view", str(demo), "--case", "case-01", "--as", "police"], repeat
        ),
        process_seconds(code, [*cli, "verify", str(demo)], repeat),
    ]
    if remembered is not None:
        keychain(code, remembered, "remember")
        found.append(first_keychain_open(code, remembered, repeat))
        keychain(code, remembered, "forget")  # leave the machine's keychain as it was
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--baseline", type=Path, help="a checkout of an earlier version")
    args = parser.parse_args()
    state = this_keychain.status()
    with tempfile.TemporaryDirectory(prefix="mara-bench-") as folder:
        demo = Path(folder) / "demo.mara"
        create_demo(demo).close()
        remembered = Path(folder) / "remembered.mara" if state.available else None
        rows = {"this version": figures(ROOT, demo, remembered, args.repeat)}
        if args.baseline:
            rows["baseline"] = figures(args.baseline.resolve(), demo, remembered, args.repeat)
    names = ["--version", "view", "verify", "first keychain open"]
    load = load_average()
    print(f"Whole commands, new processes, medians of {args.repeat} ({state.sentence})")
    print(f"  load average at the end: {load}; in brackets the processes' CPU time")
    print(f"  {'':24}" + "".join(f"{label:>24}" for label in rows))
    for index, name in enumerate(names):
        if all(len(found) > index for found in rows.values()):
            cells = "".join(_cell(found[index]) for found in rows.values())
            print(f"  {name:24}{cells}")


def _cell(wall: float) -> str:
    cpu = CPU_SECONDS.get(wall)
    said = f"({cpu * 1000:.0f} ms)" if cpu is not None else ""
    return f"{wall * 1000:11.0f} ms {said:>10}"


if __name__ == "__main__":
    main()
