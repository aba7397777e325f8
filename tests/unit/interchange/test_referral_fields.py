"""The referral's new fields (DESIGN.md, pinned additions) go in and come back out exactly;
bad input is refused with one sentence naming the field, and nothing is saved."""

from __future__ import annotations

import copy
from datetime import date, timedelta

import pytest

from mara_desktop.domain import CaseStatus
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.interchange.writer import document
from tests.support.importing import load
from tests.support.referrals import document_of, referred_case

CONFERENCE = {
    "id": "conf-1", "title": "MARAC", "date": "2026-11-26", "venue": "Hall",
    "chair": "DI Sam Example", "agenda": ["c1"], "attendance": [],
}  # fmt: skip


def test_every_new_field_comes_back_as_it_was_imported(new_file):
    case = referred_case(
        "c1",
        judgement="Threats to the children since the last incident.",
        gender="female",
        ethnicity="Polish",
        minority_ethnic=True,
        disability=None,
        lgbt=False,
        safe_contact=True,
    )
    case["people"][0].pop("disability")  # null is "not known", written by leaving it out
    case.update(
        pregnancy=True,
        status="closed",
        closed_on="2026-12-01",
        repeat_decisions=[
            {"case": "c0", "confirmed": False, "decided_by": "DI Sam Example",
             "decided_at": "2026-11-20T10:00:00Z"},
        ],
    )  # fmt: skip
    data = document_of(case)
    load(new_file, data)
    assert document(new_file.content()) == data
    (stored,) = new_file.cases(["c1"])
    assert stored.status is CaseStatus.CLOSED and stored.referral.dash_ticks == 15
    assert dict(stored.referral.dash_answers)["q16"] is False
    assert stored.people[0].ethnicity == "Polish" and stored.people[1].feared is True


def _only_problem(new_file, data) -> str:
    """The one problem named, by the import itself, which saves nothing."""
    with pytest.raises(InterchangeError) as caught:
        load(new_file, data)
    assert not new_file.case_ids()
    (problem,) = caught.value.details
    assert caught.value.message.endswith(f"{problem}; nothing was imported.")
    return problem


def test_a_25th_answer_is_refused(new_file):
    case = referred_case("c1")
    case["referral"]["dash_answers"]["q25"] = True
    assert _only_problem(new_file, document_of(case)) == (
        "cases[0].referral.dash_answers.q25: the checklist has 24 questions (q1 to q24); "
        'there is no "q25"'
    )


def test_an_answer_that_is_not_yes_no_or_not_known_is_refused(new_file):
    case = referred_case("c1")
    case["referral"]["dash_answers"]["q3"] = "yes"
    assert _only_problem(new_file, document_of(case)).startswith(
        "cases[0].referral.dash_answers.q3: must be true (yes), false (no) or null"
    )


def test_a_score_that_disagrees_with_the_answers_is_refused(new_file):
    case = referred_case("c1", yes=13)
    case["referral"]["dash_score"] = 14
    assert _only_problem(new_file, document_of(case)).startswith(
        "cases[0].referral.dash_score: says 14, but dash_answers has 13 yes answers"
    )


def test_a_checklist_without_a_victim_is_refused(new_file):
    case = referred_case("c1")
    case["people"] = case["people"][1:]
    assert _only_problem(new_file, document_of(case)) == (
        "cases[0].people: the referral has no victim: add a person with role victim"
    )


def test_a_date_of_birth_in_the_future_is_refused_without_repeating_it(new_file):
    future = (date.today() + timedelta(days=3)).isoformat()
    problem = _only_problem(new_file, document_of(referred_case("c1", born=future)))
    assert problem == "cases[0].people[0].born: a date of birth cannot be in the future"
    assert future not in problem


def test_a_referral_dated_after_its_meeting_is_refused(new_file):
    data = document_of(referred_case("c1", date="2026-11-27"), conferences=[CONFERENCE])
    assert _only_problem(new_file, data) == (
        'conferences[0].agenda[0]: case "c1" is referred after this meeting\'s date '
        "(referral.date is later than the conference's date)"
    )
    on_the_day = document_of(referred_case("c1", date="2026-11-26"), conferences=[CONFERENCE])
    load(new_file, on_the_day)
    assert set(new_file.case_ids()) == {"c1"}


def test_a_child_of_18_on_the_referral_date_is_refused(new_file):
    case = referred_case("c1")
    case["children_involved"] = True
    child = {"id": "k", "role": "child", "name": "Child Example", "born": "2008-11-02"}
    case["people"].append(child)
    assert _only_problem(new_file, document_of(copy.deepcopy(case))) == (
        "cases[0].people[2].born: a child must be under 18 on the referral date; list this "
        "person as an other adult or the victim"
    )
    child["born"] = "2008-11-03"  # 17 on the referral date, 2026-11-02
    load(new_file, document_of(case))
    assert set(new_file.case_ids()) == {"c1"}


def test_an_unknown_referring_agency_is_refused(new_file):
    case = referred_case("c1")
    case["referral"]["agency"] = "polise"
    assert _only_problem(new_file, document_of(case)) == (
        'cases[0].referral.agency: unknown agency "polise" (did you mean "police"?)'
    )


def test_an_open_case_with_a_closing_date_is_refused(new_file):
    case = referred_case("c1")
    case["closed_on"] = "2026-12-01"
    assert _only_problem(new_file, document_of(case)).startswith("cases[0].closed_on:")
