"""How fast the per-agency minutes are, against the goals of issues 4 and 12.

Builds, in a temporary case file, one conference of 25 cases x 40 items heard by 15
agencies (the default protocol's 13 and two more), then prints, each a median of
`--repeat` runs (5 unless told):
- `mara-desktop minutes --all` as a new process: what the chair pays, start-up, key
  derivation, page check and audit record included;
- the same export made in this process (views, layout, atomic write, leak check read-back),
  as the app makes it (in worker processes, one per processor), and all in one process;
- the layout alone (views and layout, in one process, paragraphs shared between copies as
  the export shares them), and pages per second;
- the like-for-like bare reportlab render: every paragraph of each agency's minutes, the
  same text and style, one after another on plain A4 pages with the minutes' margins,
  shared between copies the same way (minutes/paragraphs.py), but no tables, keep-togethers
  or page furniture. Layout / bare is our overhead; goal <= 1.3x. For reference, the same
  paragraphs made as plain reportlab paragraphs, each parsed and broken into lines anew;
- the free-text check alone (minutes/free_text.py: every copy's mentions of withheld people
  and values, over the views the export reads anyway), and what it adds to the export made
  in this process, in per cent of the rest of it (issue 16: goal < 10%).
Goal: every agency's minutes in under 3 s, whole process.

Figures only: nothing asserts a time, timings depend on the machine. Run it from the
project folder: `.venv/bin/python benchmarks/minutes.py [--repeat 5]`.
"""

from __future__ import annotations

import argparse
import io
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from page_check import PASSPHRASE  # noqa: E402
from reads import adopt_orphans, command, load_average  # noqa: E402
from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table  # noqa: E402

from mara_desktop.interchange.document import read_interchange  # noqa: E402
from mara_desktop.interchange.reader import Existing  # noqa: E402
from mara_desktop.minutes.copy_job import Copy, Furniture  # noqa: E402
from mara_desktop.minutes.document import minutes_story  # noqa: E402
from mara_desktop.minutes.export import MinutesRequest, export_minutes  # noqa: E402
from mara_desktop.minutes.fonts import register_fonts  # noqa: E402
from mara_desktop.minutes.free_text import copy_mentions  # noqa: E402
from mara_desktop.minutes.item_block import ItemBlock  # noqa: E402
from mara_desktop.minutes.paragraphs import SharedParagraph, sharing  # noqa: E402
from mara_desktop.minutes.render import MARGINS, render  # noqa: E402
from mara_desktop.resources import default_protocol_path  # noqa: E402
from mara_desktop.session import Session  # noqa: E402
from mara_desktop.store.casefile import CaseFile  # noqa: E402
from mara_desktop.store.importer import import_content  # noqa: E402
from mara_desktop.views import ViewBuilder  # noqa: E402
from mara_desktop.views.each_agency import each_agency_view  # noqa: E402

CASES, ITEMS = 25, 40
EXTRA_AGENCIES = ("perpetrator-programme", "lgbt-service")
GOAL_SECONDS, GOAL_RATIO = 3.0, 1.3
GOAL_FREE_TEXT = 10.0
"""Per cent the free-text check may add to the all-agencies export (issue 16)."""
CATEGORIES = (
    ("risk-summary", "case"), ("victim-location", "victim"), ("victim-contact", "victim"),
    ("victim-health", "victim"), ("substance-use", "household"), ("victim-views", "victim"),
    ("perpetrator-history", "perpetrator"), ("criminal-justice", "perpetrator"),
    ("housing", "household"), ("child-welfare", "child"),
)  # fmt: skip
SOURCES = ("police", "idva", "gp", "housing", "probation", "hospital", "csc", "asc")


def protocol_text() -> str:
    extra = "".join(
        f'\n[[agency]]\nid = "{a}"\nname = "{a.replace("-", " ").title()}"\ntype = "specialist"\n'
        for a in EXTRA_AGENCIES
    )
    return default_protocol_path().read_text("utf-8") + extra


def document(agencies: list[str]) -> dict[str, Any]:
    def item(c: int, n: int) -> dict[str, Any]:
        category, subject = CATEGORIES[n % len(CATEGORIES)]
        return {
            "id": f"i{n:02d}",
            "category": category,
            "subject": subject,
            "source": SOURCES[(c + n) % len(SOURCES)],
            "person": {"victim": "v", "perpetrator": "p", "child": "k"}.get(subject),
            "text": f"Case {c} item {n}: seen at {n} Sample Road, Sampletown ZZ1 {c % 9}AB on a "
            "weekday evening with the children; contact only on the safe number between 10:00 "
            "and 12:00, never at the address, and tell the IDVA before any home visit.",
            "restricted_to": ["police", "probation"] if n % 13 == 0 else [],
        }

    def case(c: int) -> dict[str, Any]:
        return {
            "id": f"bench-{c:02d}",
            "reference": f"NS-2026-{c:04d}",
            "children_involved": True,
            "referral": {
                "date": "2026-11-01",
                "agency": "police",
                "criterion": "visible_high_risk",
                "dash_score": 15 + c % 9,
            },
            "people": [
                {"id": "v", "role": "victim", "name": f"Agnieszka Przykład {c}"},
                {"id": "p", "role": "perpetrator", "name": f"Damian Wzór {c}"},
                {"id": "k", "role": "child", "name": f"Zofia Przykład {c}"},
            ],
            "consents": [
                {
                    "state": "given" if c % 2 else "refused",
                    "agencies": ["*"],
                    "categories": ["*"],
                    "recorded_at": "2026-11-02T10:00:00Z",
                    "recorded_by": "IDVA",
                }
            ],
            "items": [item(c, n) for n in range(ITEMS)],
            "actions": [
                {
                    "id": f"a{n}",
                    "owner": SOURCES[(c + n) % len(SOURCES)],
                    "category": "actions",
                    "text": f"Action {n} for case {c}: arrange a joint visit and report back.",
                    "due": "2026-12-10",
                    "status": "open",
                    "conference": "bench",
                }
                for n in range(4)
            ],
        }

    conference = {
        "id": "bench",
        "title": "Benchmark MARAC",
        "date": "2026-11-26",
        "venue": "Room 1",
        "chair": "DI Example",
        "agenda": [f"bench-{c:02d}" for c in range(CASES)],
        "attendance": [{"agency": a, "name": f"Member {a}", "status": "present"} for a in agencies],
    }
    return {"format": "mara-interchange/1", "conferences": [conference],
            "cases": [case(c) for c in range(CASES)]}  # fmt: skip


def paragraphs(flowables: list[Any]) -> list[Paragraph]:
    """Every paragraph of a story, inside keep-togethers, items and table cells too."""
    found: list[Paragraph] = []
    for flowable in flowables:
        if isinstance(flowable, Paragraph):
            found.append(flowable)
        elif isinstance(flowable, ItemBlock):
            found += [flowable.heading, flowable.text]
        elif isinstance(flowable, KeepTogether):
            found += paragraphs(flowable._content)
        elif isinstance(flowable, Table):
            found += paragraphs([cell for row in flowable._cellvalues for cell in row])
    return found


def bare_render(copies: list[list[tuple[str, Any]]], paragraph: type[Paragraph]) -> int:
    """The same paragraphs, with the same text and style, one after another on plain A4
    pages with the minutes' margins: reportlab's own cost of setting what the minutes say
    (a story is used up by a build, so the paragraphs are taken from it beforehand).
    `SharedParagraph`s are shared between the copies as the export shares them."""
    pages = 0
    with sharing():
        for texts in copies:
            buffer = io.BytesIO()
            top, right, bottom, left = MARGINS
            document = SimpleDocTemplate(
                buffer, pagesize=A4,
                topMargin=top, rightMargin=right, bottomMargin=bottom, leftMargin=left,
            )  # fmt: skip
            document.build([paragraph(text, style) for text, style in texts])
            pages += int(document.page)
    return pages


def median_seconds(repeat: int, work: Callable[[int], object]) -> tuple[float, object]:
    """The median time of `repeat` runs of `work(run)`, and what its last run returned."""
    times, answer = [], None
    for run in range(repeat):
        start = time.perf_counter()
        answer = work(run)
        times.append(time.perf_counter() - start)
    return statistics.median(times), answer


def whole_process(folder: Path, path: Path, repeat: int) -> tuple[float, float]:
    """Median seconds of `minutes --all` as a new process, and of its CPU time (its own, its
    fork server's and its workers': on a machine shared with other work, the figure that
    survives the load). A first run, not counted, compiles the bytecode (reads.as_installed)."""
    adopt_orphans()
    args = ("minutes", path, "--conference", "bench", "--all", "--accept-mentions", "--out")
    times, cpu = [], []
    for run in range(-1, repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        seconds = command(folder, *args, folder / f"whole-{run}")[0]
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if run >= 0:
            times.append(seconds)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return statistics.median(times), statistics.median(cpu)


def free_text_check(case_file: CaseFile, agencies: list[str], repeat: int) -> tuple[float, int]:
    """Median seconds of the free-text check of every copy, and the mentions it found."""
    views = Session(case_file).conference_views("bench")
    assert views is not None
    checked, found = median_seconds(repeat, lambda _: copy_mentions(views, agencies))
    return checked, sum(len(m) for m in found.values()) if isinstance(found, dict) else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    repeat = parser.parse_args().repeat
    register_fonts()
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        path = folder / "bench.mara"
        case_file = CaseFile.create(path, PASSPHRASE, protocol_text())
        agencies = [a.id for a in case_file.protocol.agencies]
        content = read_interchange(document(agencies), case_file.protocol, Existing())
        import_content(case_file, content, update=False)
        conference = case_file.conference("bench")
        assert conference is not None
        cases = {c.id: c for c in case_file.cases()}
        builder = ViewBuilder(case_file.protocol)
        same_paragraphs: list[list[tuple[str, Any]]] = []

        def layout(_: int) -> int:
            same_paragraphs.clear()
            pages = 0
            views = each_agency_view(builder, conference, cases, agencies)  # as the export
            with sharing():  # as the export lays out the copies made in one process
                for agency in agencies:
                    view = views[agency]
                    story = minutes_story(view, case_file.protocol, Copy(agency, (), frozenset()))
                    same_paragraphs.append([(p.text, p.style) for p in paragraphs(story)])
                    furniture = Furniture("OFFICIAL", agency, "X")
                    pages += render(story, furniture, reproducible=True).pages
            return pages

        def export(workers: int | None) -> Callable[[int], int]:
            def run(number: int) -> int:
                out = folder / f"out-{workers}-{number}"
                request = MinutesRequest("bench", tuple(agencies), out, kept_mentions=None)
                result = export_minutes(Session(case_file), request, workers=workers)
                return sum(c.entry.pages for c in result.copies)

            return run

        laid_out, layout_pages = median_seconds(repeat, layout)
        shared, shared_pages = median_seconds(
            repeat, lambda _: bare_render(same_paragraphs, SharedParagraph)
        )
        plain, _ = median_seconds(repeat, lambda _: bare_render(same_paragraphs, Paragraph))
        in_workers, pages = median_seconds(repeat, export(None))
        one_process, _ = median_seconds(repeat, export(0))
        checked, mentions = free_text_check(case_file, agencies, repeat)
        case_file.close()
        process, process_cpu = whole_process(folder, path, repeat)

    print(f"{len(agencies)} agencies, {CASES} cases x {ITEMS} items, {pages} pages in all "
          f"(medians of {repeat}; load average {load_average()})")  # fmt: skip
    print(
        f"minutes --all, whole process: {process:.2f} s  goal < {GOAL_SECONDS} s "
        f"(CPU time {process_cpu:.2f} s, the process and its workers)"
    )
    print(f"export in this process:       {in_workers:.2f} s ({pages / in_workers:.0f} pages/s)")
    print(f"  all in one process:         {one_process:.2f} s")
    print(f"layout alone:                 {laid_out:.2f} s ({layout_pages} pages)")
    print(f"bare render, shared as ours:  {shared:.2f} s ({shared_pages} pages)")
    print(f"bare render, plain paragraphs: {plain:.2f} s")
    print(f"overhead (layout / bare, like for like): {laid_out / shared:.2f}x  "
          f"goal <= {GOAL_RATIO}x")  # fmt: skip
    print(f"layout / plain paragraphs:               {laid_out / plain:.2f}x")
    print_free_text(checked, in_workers, mentions)


def print_free_text(checked: float, export: float, mentions: int) -> None:
    """What the check adds to the export that includes it, in per cent of the rest."""
    added = 100 * checked / (export - checked)
    print(f"free-text check alone:        {checked * 1000:.0f} ms ({mentions} mentions found)")
    print(f"free-text check: {added:.1f}% added to the all-agencies export  "
          f"goal < {GOAL_FREE_TEXT:.0f}%")  # fmt: skip


if __name__ == "__main__":
    main()
