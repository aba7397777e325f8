"""`stats`: the quarterly return's figures (DESIGN.md, pinned keys), for the chair.

The JSON and the text give every count as it is: they stay with the chair. The CSV is the
copy meant to leave the area: every count from 1 to 4 is written as "<5", so that a small
number cannot point at a person (domain/statistics.py).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from mara_desktop.atomic import write_atomically
from mara_desktop.cli.casefile_commands import open_case_file
from mara_desktop.cli.terminal import say
from mara_desktop.domain.statistics import Statistics, suppressed
from mara_desktop.errors import ExitCode, MaraError


class BadRange(MaraError):
    exit_code = ExitCode.USAGE


def stats(args: argparse.Namespace) -> int:
    if args.end < args.start:
        raise BadRange("--to must not come before --from.")
    with open_case_file(args.file, args.passphrase_file) as session:
        figures = session.statistics(args.start, args.end)
        session.record(
            "stats",
            {"from": args.start.isoformat(), "to": args.end.isoformat(), "csv": bool(args.csv)},
        )
    if args.csv:
        write_csv(args.csv, figures)
    if args.json:
        say(json.dumps(figures.as_json(), ensure_ascii=False, indent=2))
    elif not args.csv:
        say("\n".join(f"{key}: {count}" for key, count in figures.rows()))
    return 0


def write_csv(dest: Path, figures: Statistics) -> None:
    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8", newline="") as out:
            table = csv.writer(out)
            table.writerow(["figure", "count"])
            table.writerows((key, suppressed(count)) for key, count in figures.rows())

    write_atomically(dest, write, overwrite=True)
