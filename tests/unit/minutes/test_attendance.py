"""The minutes' attendance says who came, who sent apologies, and when anyone left early."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from mara_desktop.domain import OBSERVER, Attendance, AttendanceStatus, Audience, Conference
from mara_desktop.minutes.copy_job import Copy, Furniture
from mara_desktop.minutes.document import minutes_story
from mara_desktop.minutes.render import render
from mara_desktop.protocol.model import Protocol
from mara_desktop.views import ViewBuilder, conference_view
from tests.support.pdf_text import normalised, page_texts

LOCAL = timezone(timedelta(hours=1))


def test_the_minutes_say_when_an_agency_and_the_observers_left(protocol: Protocol) -> None:
    """The time is the one recorded, in its own offset (the chair's clock at the meeting)."""
    attendance = (
        Attendance("police", "DS Example", AttendanceStatus.PRESENT,
                   left_at=datetime(2026, 11, 26, 11, 20, tzinfo=LOCAL)),
        Attendance("idva", "A. Advocate", AttendanceStatus.PRESENT),
        Attendance(OBSERVER, "Student", AttendanceStatus.OBSERVER, conditionality_signed=True,
                   left_at=datetime(2026, 11, 26, 10, 5, tzinfo=LOCAL)),
    )  # fmt: skip
    conference = Conference("c", "Test MARAC", date(2026, 11, 26), "Room", "Chair", (), attendance)
    view = conference_view(ViewBuilder(protocol), conference, {}, Audience.of(["idva"]))
    story = minutes_story(view, protocol, Copy("idva", (), frozenset()))
    pdf = render(story, Furniture("MARKING", "idva", "ID"), reproducible=True).pdf
    text = normalised(" ".join(page_texts(pdf)))
    assert "Police, left at 11:20 DS Example" in text
    assert "Student, left at 10:05 Signed" in text
    assert "IDVA service A. Advocate Apologies" in text  # stayed: nothing said
