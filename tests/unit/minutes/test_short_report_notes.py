"""A progress report that says only what every copy prints ("Done") on an action an agency
may not see does not stop that agency's minutes as a leak (it did: every copy prints the
status words)."""

from __future__ import annotations

from datetime import date

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.domain import ActionStatus, Audience
from mara_desktop.minutes.export import MinutesRequest, export_minutes


def _action_hidden_from_an_agency(session):
    conference = session.conference(DEMO_CONFERENCE)
    for case_id in conference.agenda:
        chair = session.case_view(case_id, Audience.chair())
        for agency in (a.id for a in session.protocol.agencies):
            seen = {a.id for a in session.case_view(case_id, Audience.of([agency])).actions}
            for action in chair.actions:
                if action.id not in seen:
                    return f"{case_id}/{action.id}", agency
    raise AssertionError("the demo has an action some agency may not see")


def test_a_report_saying_only_done_does_not_stop_the_copy(demo_session, tmp_path):
    key, agency = _action_hidden_from_an_agency(demo_session)
    demo_session.record_typed_update(
        key, ActionStatus.DONE, "Done", "PC Example", date(2026, 11, 27)
    )
    request = MinutesRequest(DEMO_CONFERENCE, (agency,), tmp_path / "out", kept_mentions=None)
    result = export_minutes(demo_session, request)
    assert [c.entry.agency for c in result.copies] == [agency]


def test_nor_the_agencys_action_log(demo_session):
    key, agency = _action_hidden_from_an_agency(demo_session)
    demo_session.record_typed_update(
        key, ActionStatus.DONE, "Done", "PC Example", date(2026, 11, 27)
    )
    withheld = demo_session.withheld_from_log(Audience.of([agency]), date(2026, 11, 28))
    assert "Done" not in withheld and "PC Example" in withheld
