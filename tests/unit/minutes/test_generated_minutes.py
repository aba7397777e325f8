"""For random protocols and cases, each agency's minutes, read back from the PDF, hold every
item, action and name its view holds and none of the values withheld from it."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings

from mara_desktop.domain import Attendance, AttendanceStatus, Audience, Case, Conference
from mara_desktop.minutes.copy_job import Copy, Furniture
from mara_desktop.minutes.document import minutes_story
from mara_desktop.minutes.render import render
from mara_desktop.protocol.model import Protocol
from mara_desktop.views import ViewBuilder, conference_view
from mara_desktop.views.withheld import withheld_values
from tests.support.pdf_text import normalised, page_texts
from tests.support.strategies import AGENCIES, cases, protocols


def meeting(case: Case) -> Conference:
    attendance = tuple(Attendance(a, f"Member {a}", AttendanceStatus.PRESENT) for a in AGENCIES)
    return Conference(
        "c", "Test MARAC", date(2026, 11, 26), "Room", "Chair", (case.id,), attendance
    )


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(protocol=protocols(), case=cases())
def test_each_agency_gets_what_it_may_see_and_nothing_withheld(protocol: Protocol, case: Case):
    builder = ViewBuilder(protocol)
    conference, by_id = meeting(case), {case.id: case}
    for agency in AGENCIES:
        view = conference_view(builder, conference, by_id, Audience.of([agency]))
        story = minutes_story(view, protocol, Copy(agency, (), frozenset()))
        pdf = render(story, Furniture("MARKING", agency, "ID"), reproducible=True).pdf
        text = normalised(" ".join(page_texts(pdf)))
        shown = view.cases[0]
        for value in (
            *(i.text for i in shown.items),
            *(a.text for a in shown.actions),
            *(p.name for p in shown.people if p.name),
        ):
            assert value in text, agency
        for value in withheld_values(builder, conference, by_id, view):
            assert value not in text, agency
