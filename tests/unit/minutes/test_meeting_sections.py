"""The minutes' own sections read back from every copy of a real export: minute-taker, any
other business, next meeting and when agencies left; the review of earlier actions with
each action's newest progress report, only in the copies that may see the action; the
optional common copy holding only what every agency present may see; and a case reference
shown only because of an override marked as shared without consent."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_CONFERENCE, DEMO_PASSPHRASE
from mara_desktop.domain import Audience, Conference, MinutesSections
from mara_desktop.interchange.action_csv import UpdateRow
from mara_desktop.minutes.copy_job import Copy, Furniture
from mara_desktop.minutes.document import minutes_story
from mara_desktop.minutes.export import (
    COMMON,
    LeakFound,
    MinutesRequest,
    distribution,
    export_minutes,
)
from mara_desktop.minutes.render import render
from mara_desktop.session import Session
from mara_desktop.store.casefile import CaseFile
from mara_desktop.views import ViewBuilder, conference_view
from tests.support.builders import case, make_protocol, override, rule
from tests.support.files import private_copy
from tests.support.pdf_text import normalised, page_texts

DAY = date(2027, 1, 7)
SECTIONS = MinutesSections(
    "Pat Notes (coordinator)",
    date(2027, 2, 4),
    "Training on the revised protocol on 14 January.\nThe room changes from February.",
)
NEWEST = "Warrant executed on 19 December; newest note"
OLDER = "Warrant applied for; older note"


@dataclasses.dataclass(frozen=True)
class Export:
    texts: dict[str, str]
    """Each copy's text, by the manifest's agency."""
    manifest: dict[str, object]
    path: Path
    conference_id: str


@pytest.fixture(scope="module")
def export(_demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Export:
    """A meeting after the demo's hearing case-10 (whose action a02 only three agencies
    may see) and case-11, with the demo's attendance (Education left at 11:20), its own
    sections recorded, and progress reports on two earlier actions; every copy, the
    chair's and the common one."""
    folder = tmp_path_factory.mktemp("sections")
    path = folder / "demo.mara"
    private_copy(_demo_template, path)
    with CaseFile.open(path, passphrase=DEMO_PASSPHRASE) as case_file:
        session = Session(case_file)
        demo = session.conference(DEMO_CONFERENCE)
        assert demo is not None
        conference_id = session.new_conference(DAY, "Room 3", "DI Rowe", sections=SECTIONS)
        session.set_attendance(conference_id, list(demo.attendance))
        session.set_left(conference_id, "education", datetime(2027, 1, 7, 11, 20, tzinfo=UTC))
        for case_id in ("case-10", "case-11"):
            session.add_to_agenda(conference_id, case_id)
        rows = [
            UpdateRow(2, "case-10/a02", "open", OLDER, "DS Older, Police", "2026-12-01"),
            UpdateRow(3, "case-10/a02", "done", NEWEST, "DS Newer, Police", "2026-12-20"),
            UpdateRow(4, "case-11/p01", "not-possible", "No refuge place", "H Lee", "2026-12-15"),
        ]
        session.record_action_updates(rows, agency=None, source="", today=date(2027, 1, 5))
        conference = session.conference(conference_id)
        assert conference is not None
        agencies = (*distribution(conference), "chair", COMMON)
        out = folder / "out"
        export_minutes(session, MinutesRequest(conference_id, agencies, out, reproducible=True))
    manifest = json.loads((out / "manifest.json").read_text())
    texts = {
        entry["agency"]: normalised(" ".join(page_texts((out / entry["file"]).read_bytes())))
        for entry in manifest["files"]
    }
    return Export(texts, manifest, path, conference_id)


def test_every_copy_prints_the_meetings_own_sections_and_who_left(export: Export) -> None:
    assert len(export.texts) == 15  # eleven present, two apologies, the chair, the common copy
    for agency, text in export.texts.items():
        assert "Minute-taker Pat Notes (coordinator)" in text, agency
        assert (
            "Any other business Training on the revised protocol on 14 January. "
            "The room changes from February." in text
        ), agency
        assert "Next meeting 4 February 2027." in text, agency
        assert "Education (schools' safeguarding leads), left at 11:20" in text, agency
        # after the cases, before the closing sections
        assert text.index("Cases ") < text.index("Any other business") < text.index("Handling")


def test_a_meeting_without_them_says_so() -> None:
    protocol = make_protocol(rule(["referral"], ["police"]))
    conference = Conference("c", "Test MARAC", date(2026, 11, 26), "Room", "Chair", ("c1",))
    view = conference_view(
        ViewBuilder(protocol), conference, {"c1": case()}, Audience.of(["police"])
    )
    story = minutes_story(view, protocol, Copy("Police", (), frozenset()))
    text = normalised(
        " ".join(page_texts(render(story, Furniture("M", "P", "ID"), reproducible=True).pdf))
    )
    assert "Minute-taker Not recorded" in text
    assert "Any other business None recorded." in text
    assert "Next meeting Not yet set." in text


def _sees(session: Session, case_id: str, action_id: str, audience: Audience) -> bool:
    view = session.case_view(case_id, audience, on=DAY)
    return any(a.id == action_id for a in view.actions)


def test_the_review_shows_the_newest_report_only_to_copies_that_may_see_the_action(
    export: Export,
) -> None:
    references = {e["agency"]: e["actions"] for e in export.manifest["files"]}
    seen, unseen = [], []
    with CaseFile.open(export.path, passphrase=DEMO_PASSPHRASE) as case_file:
        session = Session(case_file)
        conference = session.conference(export.conference_id)
        assert conference is not None
        present = Audience.of(
            a.agency for a in conference.attendance if a.status.value == "present"
        )
        for agency, text in export.texts.items():
            audience = {"chair": Audience.chair(), COMMON: present}.get(
                agency, Audience.of([agency])
            )
            assert OLDER not in text and "DS Older" not in text  # only the newest report
            if _sees(session, "case-10", "a02", audience):
                seen.append(agency)
                review = text[text.index("Review of actions") : text.index("Cases reaching")]
                reference = references[agency]["case-10/a02"]
                assert reference in review
                assert f"Latest update (20 Dec 2026, DS Newer, Police): Done. {NEWEST}" in review
            else:
                unseen.append(agency)
                assert NEWEST not in text and "DS Newer" not in text, agency
    assert "police" in seen and "chair" in seen
    assert "housing" in unseen and COMMON in unseen


def test_an_action_without_reports_says_so_and_names_its_owner(export: Export) -> None:
    police = export.texts["police"]
    review = police[police.index("Review of actions") : police.index("Cases reaching")]
    assert "Latest update: no progress reported." in review
    assert "Latest update (15 Dec 2026, H Lee): Not possible" in review


def test_the_common_copy_holds_what_every_agency_present_may_see(export: Export) -> None:
    """Compared entry by entry with each present agency's own view, not with the code's
    room: an entry is in the common copy exactly when every one of them may see it."""
    common = export.texts[COMMON]
    entry = next(e for e in export.manifest["files"] if e["agency"] == COMMON)
    assert entry["leak_check"] == "passed" and entry["file"].endswith("-minutes-common.pdf")
    assert "Prepared for: Every agency present" in common
    with CaseFile.open(export.path, passphrase=DEMO_PASSPHRASE) as case_file:
        session = Session(case_file)
        conference = session.conference(export.conference_id)
        assert conference is not None
        present = [a.agency for a in conference.attendance if a.status.value == "present"]
        assert "education" in present  # left early, and still receives the minutes
        shown = withheld = 0
        for case_id in conference.agenda:
            chair = session.case_view(case_id, Audience.chair(), on=DAY)
            views = [session.case_view(case_id, Audience.of([a]), on=DAY) for a in present]
            for entry_text, entry_id, kind in [
                *((i.text, i.id, "items") for i in chair.items),
                *((a.text, a.id, "actions") for a in chair.actions),
            ]:
                everyone = all(any(e.id == entry_id for e in getattr(view, kind)) for view in views)
                if everyone:
                    shown += 1
                    assert normalised(entry_text) in common, entry_id
                elif not any(normalised(entry_text) in normalised(t) for t in _shown(views)):
                    withheld += 1
                    assert normalised(entry_text) not in common, entry_id
    assert shown > 5 and withheld > 0
    assert common != export.texts["police"]


def _shown(views: list) -> list[str]:  # type: ignore[type-arg]
    """Texts every present agency may see (a withheld entry may repeat one of them)."""
    texts = [set(i.text for i in v.items) | set(a.text for a in v.actions) for v in views]
    return sorted(set.intersection(*texts))


def test_a_case_reference_shown_only_by_an_override_is_marked() -> None:
    protocol = make_protocol(rule(["referral"], ["police"]))
    known = case(overrides=(override(("referral",), ("housing",)),))
    conference = Conference("c", "Test MARAC", date(2026, 11, 26), "Room", "Chair", ("c1",))

    def text(agency: str) -> str:
        view = conference_view(
            ViewBuilder(protocol), conference, {"c1": known}, Audience.of([agency])
        )
        story = minutes_story(view, protocol, Copy(agency, (), frozenset()))
        return normalised(
            " ".join(page_texts(render(story, Furniture("M", agency, "I"), reproducible=True).pdf))
        )

    housing, police = text("housing"), text("police")
    assert "1. REF-1 Shared without consent because of serious risk. Lawful basis: Vital " in (
        housing
    )
    assert "REF-1" in police and "Shared without consent" not in police


def test_other_business_naming_something_withheld_stops_the_export(demo_path, tmp_path):
    """Any other business is not put to the protocol: the leak check is what stops a value
    withheld from an agency that the chair wrote into it."""
    with CaseFile.open(demo_path, passphrase=DEMO_PASSPHRASE) as case_file:
        session = Session(case_file)
        views = session.conference_views(DEMO_CONFERENCE)
        assert views is not None
        withheld = views.withheld_values(views.view(Audience.of(["education"])))
        named = next(value for value in withheld if len(value.split()) == 2)  # a short value
        demo = views.conference
        session.change_conference(
            DEMO_CONFERENCE, demo.date, demo.venue, demo.chair,
            MinutesSections(other_business=f"{named} moves to the area in January."),
        )  # fmt: skip
        request = MinutesRequest(
            DEMO_CONFERENCE, ("education",), tmp_path / "out", kept_mentions=None
        )
        with pytest.raises(LeakFound):
            export_minutes(session, request)
    assert not list((tmp_path / "out").glob("*.pdf"))
