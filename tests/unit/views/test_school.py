"""A child's school is the child's whereabouts: a view carries it exactly where it carries
the child's name and date of birth, and nowhere else."""

from __future__ import annotations

import dataclasses
import json

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.domain import OBSERVER, Audience, Person
from mara_desktop.views.serialize import case_view_data

SCHOOL = "Northtown Primary"


def with_school(session) -> None:
    child = session.person_for_chair("case-01", "c1")
    assert isinstance(child, Person)
    session.correct_person("case-01", dataclasses.replace(child, school=SCHOOL), "Recorded.")


def test_the_school_goes_with_the_childs_name(demo_session):
    with_school(demo_session)
    for audience in (Audience.chair(), Audience.of(["education"]), Audience.of(["housing"])):
        view = demo_session.case_view("case-01", audience)
        child = next(p for p in view.people if p.id == "c1")
        assert (child.name, child.school) == ("Zofia Przykładowa", SCHOOL)


def test_an_audience_that_may_not_see_the_child_never_sees_the_school(demo_session):
    with_school(demo_session)
    for audience in (Audience.of([OBSERVER]), Audience.of(["police", OBSERVER])):
        view = demo_session.case_view("case-01", audience)
        assert all(p.name is None and p.school is None for p in view.people)
        text = json.dumps(dataclasses.asdict(view), default=str, ensure_ascii=False)
        assert SCHOOL not in text and SCHOOL not in json.dumps(case_view_data(view))


def test_the_leak_check_looks_for_a_withheld_school(demo_session):
    with_school(demo_session)
    views = demo_session.conference_views(DEMO_CONFERENCE)
    assert views is not None
    assert SCHOOL in views.withheld_values(views.view(Audience.of([OBSERVER])))
    assert SCHOOL not in views.withheld_values(views.view(Audience.of(["education"])))
