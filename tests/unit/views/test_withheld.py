"""withheld_values lists what an agency may not see, from the same rule as its view."""

from __future__ import annotations

from datetime import date

import pytest

from mara_desktop.demo import DEMO_CONFERENCE
from mara_desktop.domain import (
    Attendance,
    AttendanceStatus,
    Audience,
    Case,
    Conference,
    Item,
    Referral,
    ReferralCriterion,
    Subject,
)
from mara_desktop.views import ViewBuilder, conference_view
from mara_desktop.views.withheld import withheld_values


def withheld_from(builder, conference, cases, agency):
    view = conference_view(builder, conference, cases, Audience.of([agency]))
    return withheld_values(builder, conference, cases, view)


def _setting(case_file):
    conference = case_file.conference(DEMO_CONFERENCE)
    cases = {c.id: c for c in case_file.cases()}
    return ViewBuilder(case_file.protocol), conference, cases


def test_restricted_intelligence_is_withheld_from_education_not_from_police(demo_file):
    builder, conference, cases = _setting(demo_file)
    intelligence = next(i.text for i in cases["case-01"].items if i.id == "i07")
    assert intelligence.startswith("Intelligence: associates")
    assert intelligence in withheld_from(builder, conference, cases, "education")
    assert intelligence not in withheld_from(builder, conference, cases, "police")


def test_nothing_an_agency_may_see_is_listed_as_withheld(demo_file):
    builder, conference, cases = _setting(demo_file)
    for agency in ("police", "gp", "housing", "fire"):
        view = conference_view(builder, conference, cases, Audience.of([agency]))
        shown = {i.text for c in view.cases for i in c.items}
        shown |= {a.text for c in view.cases for a in c.actions}
        shown |= {p.name for c in view.cases for p in c.people if p.name}
        assert not shown & set(withheld_from(builder, conference, cases, agency))


def test_every_withheld_item_text_is_listed(demo_file):
    builder, conference, cases = _setting(demo_file)
    view = conference_view(builder, conference, cases, Audience.of(["fire"]))
    shown = {(c.case_id, i.id) for c in view.cases for i in c.items}
    withheld = set(withheld_from(builder, conference, cases, "fire"))
    for case in cases.values():
        if case.id in conference.agenda:
            for item in case.items:
                assert ((case.id, item.id) in shown) != (item.text in withheld), item.id


def test_the_chair_has_nothing_withheld(demo_file):
    builder, conference, cases = _setting(demo_file)
    assert withheld_from(builder, conference, cases, "chair") == []


def test_a_stock_phrase_a_shown_item_also_contains_is_not_listed(protocol):
    case = Case(
        "c", "REF-1", False, Referral(date(2026, 11, 1), "police", ReferralCriterion.REPEAT),
        items=(
            Item("gp", "victim-health", "gp", Subject.VICTIM, "No information held."),
            Item("h", "housing", "housing", Subject.HOUSEHOLD, "No information  held. Tenancy ended."),
            Item("gp2", "victim-health", "gp", Subject.VICTIM, "Anxiety; on medication."),
        ),
    )  # fmt: skip
    conference = Conference(
        "x", "T", date(2026, 11, 26), "Room", "Chair", ("c",),
        (Attendance("housing", "H", AttendanceStatus.PRESENT),),
    )  # fmt: skip
    withheld = withheld_from(ViewBuilder(protocol), conference, {"c": case}, "housing")
    assert withheld == ["Anxiety; on medication."]


def test_a_short_name_inside_a_longer_shown_word_is_still_listed(protocol):
    case = Case(
        "c", "REF-1", False, Referral(date(2026, 11, 1), "police", ReferralCriterion.REPEAT),
        items=(
            Item("gp", "victim-health", "gp", Subject.VICTIM, "Ali"),
            Item("h", "housing", "housing", Subject.HOUSEHOLD, "Alison from housing visited."),
        ),
    )  # fmt: skip
    conference = Conference(
        "x", "T", date(2026, 11, 26), "Room", "Chair", ("c",),
        (Attendance("housing", "H", AttendanceStatus.PRESENT),),
    )  # fmt: skip
    assert withheld_from(ViewBuilder(protocol), conference, {"c": case}, "housing") == ["Ali"]


def test_a_view_of_another_conference_is_refused(demo_file):
    builder, conference, cases = _setting(demo_file)
    earlier = next(c for c in demo_file.conferences() if c.id != conference.id)
    view = conference_view(builder, earlier, cases, Audience.of(["police"]))
    with pytest.raises(ValueError, match="another conference"):
        withheld_values(builder, conference, cases, view)
