"""How fast the per-agency minutes are, against the goals of issue 4.

Builds, in a temporary case file, one conference of 25 cases x 40 items heard by 15
agencies (the default protocol's 13 and two more), then prints:
- the time to make every agency's minutes through the real export (views, layout, atomic
  write, leak check read-back), as the app makes them (in worker processes, one per
  processor), and again all in one process; and through the layout alone (views and
  layout, in one process, paragraphs shared between copies as the export shares them);
- pages per second;
- the ratio of our layout to a bare reportlab render of the same paragraphs (every paragraph
  of each agency's minutes, same text and style, one after another: no tables, no
  keep-togethers, no page furniture, and plain reportlab paragraphs, each parsed and broken
  into lines anew): our overhead. Below 1 since the layout shares paragraphs between copies.
Goals: all agencies' minutes under 3 s; overhead at most 1.3x the bare render.

Figures only: nothing asserts a time, timings depend on the machine. Run it from the
project folder: `.venv/bin/python benchmarks/minutes.py`.
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Table

from mara_desktop.domain import Audience
from mara_desktop.interchange.document import read_interchange
from mara_desktop.interchange.reader import Existing
from mara_desktop.minutes.document import Copy, minutes_story
from mara_desktop.minutes.export import MinutesRequest, export_minutes
from mara_desktop.minutes.fonts import register_fonts
from mara_desktop.minutes.item_block import ItemBlock
from mara_desktop.minutes.paragraphs import sharing
from mara_desktop.minutes.render import Furniture, render
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import Session
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.importer import import_content
from mara_desktop.views import ViewBuilder, conference_view

PASSPHRASE = "benchmark passphrase only"
CASES, ITEMS = 25, 40
EXTRA_AGENCIES = ("perpetrator-programme", "lgbt-service")
GOAL_SECONDS, GOAL_RATIO = 3.0, 1.3
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


def bare_render(texts: list[tuple[str, Any]]) -> int:
    """The same paragraphs, with the same text and style, one after another on plain pages:
    reportlab's own cost of setting what the minutes say (a story is used up by a build, so
    the paragraphs are taken from it beforehand)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer)
    document.build([Paragraph(text, style) for text, style in texts])
    return int(document.page)


def main() -> None:
    register_fonts()
    with tempfile.TemporaryDirectory() as folder:
        case_file = CaseFile.create(Path(folder) / "bench.mara", PASSPHRASE, protocol_text())
        agencies = [a.id for a in case_file.protocol.agencies]
        content = read_interchange(document(agencies), case_file.protocol, Existing())
        import_content(case_file, content, update=False)
        conference = case_file.conference("bench")
        assert conference is not None
        cases = {c.id: c for c in case_file.cases()}
        builder = ViewBuilder(case_file.protocol)

        start = time.perf_counter()
        layout_pages, same_paragraphs = 0, []
        with sharing():  # as the export lays out the copies made in one process
            for agency in agencies:
                view = conference_view(builder, conference, cases, Audience.of([agency]))
                story = minutes_story(view, case_file.protocol, Copy(agency, (), frozenset()))
                same_paragraphs.append([(p.text, p.style) for p in paragraphs(story)])
                furniture = Furniture("OFFICIAL", agency, "X")
                layout_pages += render(story, furniture, reproducible=True).pages
        layout = time.perf_counter() - start

        start = time.perf_counter()
        bare_pages = sum(bare_render(texts) for texts in same_paragraphs)
        bare = time.perf_counter() - start

        start = time.perf_counter()
        request = MinutesRequest("bench", tuple(agencies), Path(folder) / "out")
        result = export_minutes(Session(case_file), request)
        export = time.perf_counter() - start
        pages = sum(c.entry.pages for c in result.copies)

        start = time.perf_counter()
        request = MinutesRequest("bench", tuple(agencies), Path(folder) / "out-1")
        export_minutes(Session(case_file), request, workers=0)
        one_process = time.perf_counter() - start
        case_file.close()

    print(f"{len(agencies)} agencies, {CASES} cases x {ITEMS} items, {pages} pages in all")
    speed = f"{pages / export:.0f} pages/s"
    print(f"export with leak check: {export:.2f} s ({speed})  goal < {GOAL_SECONDS} s")
    print(f"  in one process:       {one_process:.2f} s ({pages / one_process:.0f} pages/s)")
    print(f"layout alone:           {layout:.2f} s ({layout_pages / layout:.0f} pages/s)")
    print(f"bare reportlab render:  {bare:.2f} s ({bare_pages} pages)")
    print(f"overhead (layout / bare): {layout / bare:.2f}x  goal <= {GOAL_RATIO}x")
    print(f"export / bare:            {export / bare:.2f}x")


if __name__ == "__main__":
    main()
