"""The action log through the session: an agency's log holds exactly the actions the demo's
hand-written table says it may see (never one more), every copy names an action by the same
reference, the filters keep what they say, and a log file that would leak is deleted."""

from __future__ import annotations

from datetime import date

import pytest

from mara_desktop.domain import ActionStatus, Audience
from mara_desktop.minutes.action_log_pdf import (
    ActionLogLeak,
    action_log_story,
    write_action_log_pdf,
)
from mara_desktop.views.action_log import LogFilter
from tests.support.pdf_text import normalised, page_texts
from tests.unit.views.test_demo_as_each_agency import ACTIONS, AGENCIES, MEETING_DAY

LATER = date(2026, 12, 20)


@pytest.mark.parametrize("agency", sorted(AGENCIES))
def test_an_agencys_log_holds_exactly_what_it_may_see(demo_session, agency):
    entries = demo_session.action_log(Audience.of([agency]), MEETING_DAY)
    expected = {f"{case}/{action}" for (case, action), who in ACTIONS.items() if agency in who}
    assert sorted(e.key for e in entries) == sorted(expected)
    withheld = {f"{c}/{a}" for (c, a), who in ACTIONS.items() if agency not in who}
    assert not withheld & {e.key for e in entries}


def test_the_chairs_log_holds_every_action_and_each_reference_is_the_same_for_all(demo_session):
    chair = {e.key: e.action.reference for e in demo_session.action_log(Audience.chair(), LATER)}
    assert set(chair) == {f"{c}/{a}" for c, a in ACTIONS}
    assert len(set(chair.values())) == len(chair)
    for agency in AGENCIES:
        for entry in demo_session.action_log(Audience.of([agency]), LATER):
            assert entry.action.reference == chair[entry.key]


def test_overdue_keeps_open_actions_due_before_the_day(demo_session):
    every = demo_session.action_log(Audience.chair(), LATER)
    overdue = demo_session.action_log(Audience.chair(), LATER, LogFilter(overdue=True))
    expected = [
        e.key
        for e in every
        if e.action.status is ActionStatus.OPEN and e.action.due and e.action.due < LATER
    ]
    assert [e.key for e in overdue] == expected and expected
    earlier = demo_session.action_log(Audience.chair(), date(2026, 11, 1), LogFilter(overdue=True))
    assert earlier == []


def test_status_keeps_only_that_status_and_the_two_not_done_kinds_stay_apart(demo_session):
    for status in ActionStatus:
        kept = demo_session.action_log(Audience.chair(), LATER, LogFilter(status=status))
        assert kept and all(e.action.status is status for e in kept), status


def test_a_log_file_holding_a_withheld_value_is_deleted(demo_session, tmp_path):
    """The leak check reads the written file back: a value withheld from housing (the
    restricted threats-to-life action) planted in the story is found and the file goes."""
    housing = Audience.of(["housing"])
    withheld = demo_session.withheld_from_log(housing, MEETING_DAY)
    assert "Threats-to-life assessment." in withheld
    entries = demo_session.action_log(housing, MEETING_DAY)
    story = action_log_story(entries, "Housing", MEETING_DAY, "Threats-to-life assessment.")
    out = tmp_path / "log.pdf"
    with pytest.raises(ActionLogLeak, match="deleted"):
        write_action_log_pdf(out, story, ("OFFICIAL", "Prepared for: Housing"), withheld)
    assert not out.exists()
    clean = action_log_story(entries, "Housing", MEETING_DAY, "Every action.")
    assert write_action_log_pdf(out, clean, ("OFFICIAL", "Prepared for: Housing"), withheld)
    text = normalised(" ".join(page_texts(out.read_bytes())))
    assert "Threats-to-life" not in text
    assert all(e.action.reference in text for e in entries)
    assert out.stat().st_mode & 0o777 == 0o600
