"""Repeat matching of a new referral against a file kept for six years (issue 15).

    .venv/bin/python benchmarks/repeats.py [--cases 20000 --items 15 --repeat 5 --folder DIR]

(the options of benchmarks/reads.py; the figures in benchmarks/README.md are of
`--items 2 --repeat 9`: the items do not take part in matching, and build slowly)

Builds a case file of `--cases` cases (`--items` items, a victim and a perpetrator each; victims
named from 60 first names x 400 family names, some written with accents or in capitals,
born 1950-2008; referrals spread over six years), imported through the real importer, so
every victim's folded name is in the file's index. Then, `--repeat` times each, a new
referral's victim is matched against every case of the file (what saving a referral and
the chair's near-match list ask: the two indexed look-ups and the comparison), for a
victim referred before (an exact match and her near matches) and for one never seen; and
a whole `save_referral` (the match, the case written, its audit record) on a copy.
Prints medians. Goal: matching < 50 ms. Figures only: nothing asserts a time.
"""

from __future__ import annotations

import argparse
import dataclasses
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from reads import on_large_files  # noqa: E402

from mara_desktop.domain import Case, Person, PersonRole, Referral, ReferralCriterion  # noqa: E402
from mara_desktop.interchange.document import read_interchange  # noqa: E402
from mara_desktop.interchange.reader import Existing  # noqa: E402
from mara_desktop.resources import default_protocol_path  # noqa: E402
from mara_desktop.session import Session  # noqa: E402
from mara_desktop.store import referral_editing  # noqa: E402
from mara_desktop.store.casefile import CaseFile  # noqa: E402
from mara_desktop.store.importer import import_content  # noqa: E402

PASSPHRASE = "benchmark passphrase only"
BATCH = 2000
FIRST = [f"{a}{b}" for a in ("Zo", "An", "Ma", "Ka", "Jo", "Li") for b in "aeiouyrnls"]
FAMILY = [f"{a}{b}{c}" for a in ("Kow", "Smi", "Ngu", "Pat", "Mül", "Öz", "Ber", "Dam")
          for b in ("al", "ek", "ar", "in", "os") for c in ("ska", "th", "yen", "el", "ová",
          "son", "ic", "ard", "ez", "ka")]  # fmt: skip
START = date(2020, 12, 1)


def victim_of(number: int) -> tuple[str, str]:
    name = f"{FIRST[number % len(FIRST)]} {FAMILY[(number // len(FIRST)) % len(FAMILY)]}"
    if number % 7 == 0:
        name = name.upper()
    born = date(1950, 1, 1) + timedelta(days=(number * 37) % (58 * 365))
    return name, born.isoformat()


def referred_on(number: int) -> date:
    return START + timedelta(days=(number * 13) % (6 * 365))


def document(first: int, count: int, items: int) -> dict[str, object]:
    cases = []
    for number in range(first, first + count):
        name, born = victim_of(number)
        referred = referred_on(number)
        cases.append({
            "id": f"bench-{number:05d}", "reference": f"NS-{number:05d}",
            "children_involved": False,
            "referral": {"date": referred.isoformat(), "agency": "police",
                         "criterion": "visible_high_risk", "dash_score": 15},
            "people": [
                {"id": "v", "role": "victim", "name": name, "born": born},
                {"id": "p", "role": "perpetrator", "name": f"Perp {number}"},
            ],
            "items": [
                {"id": f"i{n}", "category": "victim-health", "source": "gp",
                 "subject": "victim", "text": f"Note {n} of case {number}.", "person": "v"}
                for n in range(items)
            ],
        })  # fmt: skip
    return {"format": "mara-interchange/1", "conferences": [], "cases": cases}


def build(path: Path, cases: int, items: int) -> None:
    protocol_text = default_protocol_path().read_text("utf-8")
    with CaseFile.create(path, PASSPHRASE, protocol_text) as case_file:
        for first in range(0, cases, BATCH):
            data = document(first, min(BATCH, cases - first), items)
            content = read_interchange(data, case_file.protocol, Existing())
            import_content(case_file, content, update=False)


def referral(case_id: str, name: str, born: str) -> Case:
    return Case(
        case_id,
        f"NS-{case_id}",
        False,
        Referral(date(2026, 11, 30), "police", ReferralCriterion.VISIBLE_HIGH_RISK, 15),
        (Person("v", PersonRole.VICTIM, name, date.fromisoformat(born)),),
    )


def median_ms(work: Callable[[], object], repeat: int) -> tuple[float, object]:
    work()  # the first run reads the pages into the cache; not counted
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, result


def run(folder: Path, args: argparse.Namespace) -> None:
    path = folder / f"repeats-{args.cases}-{args.items}.mara"
    if not path.exists():
        start = time.perf_counter()
        build(path, args.cases, args.items)
        print(f"built {path.name} in {time.perf_counter() - start:.0f} s", file=sys.stderr)
    recent = next(n for n in range(args.cases - 1, 0, -1) if referred_on(n) >= date(2025, 12, 1))
    known = victim_of(recent)
    victims = {
        "a victim referred before": referral("new-known", known[0].lower(), known[1]),
        "a victim never seen": referral("new-unknown", "Quentin Nobody-Elsewhere", "1977-07-07"),
    }
    print(f"Repeat matching of a new referral against {args.cases:,} cases "
          f"(medians of {args.repeat})")  # fmt: skip
    with CaseFile.open(path, passphrase=PASSPHRASE, read_only=True) as case_file:
        for label, case in victims.items():

            def match(case: Case = case) -> object:
                with case_file.reading() as conn:
                    return referral_editing.find_matches(conn, case)

            ms, found = median_ms(match, args.repeat)
            print(f"  match {label:26} {ms:7.1f} ms   (goal < 50 ms)  {found}")
    copy = folder / f"work-{path.name}"
    shutil.copyfile(path, copy)
    with Session.open(copy, passphrase=PASSPHRASE) as session:
        numbers = iter(range(10_000))

        def save() -> object:
            case = victims["a victim referred before"]
            return session.save_referral(dataclasses.replace(case, id=f"new-{next(numbers)}"))

        ms, _ = median_ms(save, args.repeat)
        print(f"  save_referral (match, write, audit)  {ms:7.1f} ms")
    copy.unlink()


def main() -> None:
    on_large_files(__doc__, run)


if __name__ == "__main__":
    main()
