"""Import checks the whole document first, reports every problem by JSON path, writes all or
nothing; export gives back exactly what was imported."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from mara_desktop.domain import Action, Item, Subject
from mara_desktop.interchange.document import read_interchange
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.interchange.reader import Existing
from mara_desktop.interchange.writer import document, dumps
from mara_desktop.store.editing import add_item, save_action
from mara_desktop.store.importer import ImportRefused
from tests.support.documents import changed, full_document, minimal_case
from tests.support.importing import load, problems


def test_export_gives_back_exactly_what_was_imported(new_file):
    data = full_document()
    load(new_file, data)
    exported = document(new_file.content())
    expected = changed(data)
    for case in expected["cases"]:
        case["consents"][1]["recorded_at"] = "2026-11-10T09:00:00+01:00"
    assert exported == expected
    assert json.loads(dumps(new_file.content())) == exported


def test_when_an_agency_left_goes_out_and_comes_back_in(new_file):
    """Only lines that left carry `left_at`: a file where nobody left is what it was."""
    data = full_document()
    data["conferences"][0]["attendance"][0]["left_at"] = "2026-11-26T11:20:00+00:00"
    load(new_file, data)
    (police, gp, observer) = document(new_file.content())["conferences"][0]["attendance"]
    assert police["left_at"] == "2026-11-26T11:20:00Z"
    assert "left_at" not in gp and "left_at" not in observer
    (conference,) = new_file.conferences()
    assert conference.attendance[0].left_at == datetime(2026, 11, 26, 11, 20, tzinfo=UTC)


def test_optional_fields_are_filled_with_their_defaults(new_file):
    load(new_file, {"format": "mara-interchange/1", "cases": [minimal_case()]})
    (case,) = document(new_file.content())["cases"]
    assert case["people"] == [] and case["referral"]["dash_score"] is None


def test_an_unknown_category_is_named_by_its_path(new_file):
    data = full_document()
    data["cases"][1]["items"][2]["category"] = "victim-helth"
    assert problems(new_file, data) == [
        'cases[1].items[2].category: unknown category "victim-helth" (did you mean "victim-health"?)'
    ]


def test_every_problem_is_reported_at_once(new_file):
    data = full_document()
    data["cases"][0]["referral"]["criterion"] = "visible"
    data["cases"][0]["items"][0]["source"] = "polise"
    data["cases"][1]["actions"][0]["due"] = "3 Dec"
    data["cases"][1]["people"][0]["colour"] = "blue"
    data["conferences"][0]["attendance"][0]["status"] = "here"
    found = problems(new_file, data)
    assert len(found) == 5
    assert any(p.startswith("cases[0].referral.criterion:") for p in found)
    assert 'cases[0].items[0].source: unknown agency "polise" (did you mean "police"?)' in found
    assert "cases[1].actions[0].due: bad value '3 Dec': write a date like 2026-11-26" in found
    assert any(p.startswith('cases[1].people[0].colour: unknown field "colour"') for p in found)
    assert any(p.startswith("conferences[0].attendance[0].status:") for p in found)


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (lambda d: d.update(format="mara/2"), 'format: must be "mara-interchange/1"'),
        (lambda d: d["cases"][0].pop("reference"), 'cases[0]: the field "reference" is missing'),
        (lambda d: d["cases"][0]["items"].append(dict(d["cases"][0]["items"][0])), 'cases[0].items[4].id: duplicate id "i1"'),
        (lambda d: d["cases"][0]["actions"][0].update(id="i1"), 'cases[0].actions[0].id: duplicate id "i1" (items and actions share ids)'),
        (lambda d: d["cases"].append(dict(d["cases"][0])), 'cases[2].id: duplicate id "case-1"'),
        (lambda d: d["cases"][0]["items"][0].update(person="p9"), 'cases[0].items[0].person: unknown person "p9"'),
        (lambda d: d["cases"][0].update(children_involved=False), 'cases[0].people[2].role: a child is listed, but "children_involved" is false'),
        (lambda d: d["cases"][0]["overrides"][0].update(justification="risk"), "cases[0].overrides[0].justification: must explain the serious risk"),
        (lambda d: d["cases"][0]["overrides"][0].update(agencies=["*"]), 'cases[0].overrides[0].agencies[0]: unknown agency "*"'),
        (lambda d: d["cases"][0]["consents"][0].update(recorded_at="2026-11-03"), "cases[0].consents[0].recorded_at: bad value '2026-11-03'"),
        (lambda d: d["cases"][0]["referral"].update(dash_score=30), "cases[0].referral.dash_score: must be a whole number from 0 to 24"),
        (lambda d: d["conferences"][0]["agenda"].append("case-9"), 'conferences[0].agenda[2]: unknown case "case-9"'),
        (lambda d: d["conferences"][0]["attendance"][0].update(agency="observer"), "conferences[0].attendance[0].status: observers are listed"),
        (lambda d: d["conferences"][0]["attendance"][1].update(left_at="2026-11-26T11:20:00Z"), "conferences[0].attendance[1].left_at: only those at the meeting can leave it"),
        (lambda d: d["conferences"][0]["attendance"][0].update(left_at="11:20"), "conferences[0].attendance[0].left_at: bad value '11:20'"),
        (lambda d: d["cases"][0]["actions"][0].update(conference="conf-9"), 'cases[0].actions[0].conference: unknown conference "conf-9"'),
        (lambda d: d["cases"][0]["items"][0].update(restricted_to="police"), "cases[0].items[0].restricted_to: must be a list"),
        (lambda d: d["cases"][0]["overrides"][0].update(lawful_basis="consent"), "cases[0].overrides[0].lawful_basis: an override shares without consent"),
        (lambda d: d["cases"][0]["overrides"][0].update(until="2026-10-28"), "cases[0].overrides[0].until: 2026-10-28 is before decided_at (2026-10-29): an override cannot end before it was decided"),
        (lambda d: d["cases"][0]["overrides"][0].update(until="12 Jan"), "cases[0].overrides[0].until: bad value '12 Jan'"),
    ],
    ids=[
        "format", "missing", "dup-item", "item-action-clash", "dup-case", "person", "child",
        "justification", "override-wildcard", "moment", "dash", "agenda", "observer",
        "left-after-apologies", "left-not-a-moment", "conference",
        "restricted-type", "override-on-consent", "until-before-decided", "until-not-a-date",
    ],
)  # fmt: skip
def test_each_kind_of_problem(new_file, edit, expected):
    data = full_document()
    edit(data)
    found = problems(new_file, data)
    assert any(p.startswith(expected) for p in found), found


def test_a_failed_import_writes_nothing(new_file):
    before = new_file.content()
    data = full_document()
    data["cases"][1]["items"][0]["category"] = "nope"
    with pytest.raises(InterchangeError):
        load(new_file, data)
    assert new_file.content() == before


def test_an_existing_id_needs_update(new_file):
    load(new_file, full_document())
    found = problems_with_existing(new_file, full_document())
    assert (
        'cases[0].id: case "case-1" is already in the case file (use --update to replace it)'
        in found
    )


def problems_with_existing(case_file, data):
    existing = Existing(frozenset(case_file.case_ids()), frozenset(case_file.conference_ids()))
    with pytest.raises(InterchangeError) as caught:
        read_interchange(data, case_file.protocol, existing)
    return list(caught.value.details)


def test_update_replaces_a_case_but_never_drops_its_history(new_file):
    load(new_file, full_document())
    data = full_document()
    data["cases"][0]["items"] = data["cases"][0]["items"][:1]
    data["cases"][0]["consents"] = [
        {"state": "refused", "agencies": ["*"], "categories": ["*"],
         "recorded_at": "2026-11-20T10:00:00Z", "recorded_by": "IDVA"}
    ]  # fmt: skip
    data["cases"][0]["overrides"] = []
    report = load(new_file, data, update=True)
    assert report.cases_replaced == ["case-1", "case-2"] and report.history_kept == ["case-1"]
    case = new_file.case("case-1")
    assert [i.id for i in case.items] == ["i1"]
    assert [c.state.value for c in case.consents] == ["given", "withdrawn", "refused"]
    assert len(case.overrides) == 1
    assert [c.id for c in new_file.cases()] == ["case-1", "case-2"]


def test_import_is_audited_with_ids_only(new_file):
    load(new_file, full_document())
    from mara_desktop.store import audit

    last = audit.records(new_file.connection)[-1]
    assert last.action == "import"
    assert last.details["cases_added"] == ["case-1", "case-2"]
    assert "Przykładowa" not in json.dumps(last.details, ensure_ascii=False)


def test_an_update_that_would_drop_entries_recorded_at_the_meeting_is_refused(new_file):
    load(new_file, full_document())
    recorded = Item("i01", "risk-summary", "police", Subject.CASE, "Risk raised at the meeting.")
    add_item(new_file, "case-1", recorded)
    save_action(new_file, "case-1", Action("m01", "police", "actions", "Flag the address."))
    before = new_file.content()
    with pytest.raises(ImportRefused, match=r"case case-1: .* 2 entries .*\(i01, m01\)"):
        load(new_file, full_document(), update=True)
    assert new_file.content() == before
    exported = json.loads(dumps(new_file.content()))  # the way round it
    exported["cases"][0]["items"][0]["text"] = "Corrected before circulation."
    load(new_file, exported, update=True)
    case = new_file.case("case-1")
    assert recorded in case.items and "m01" in {a.id for a in case.actions}
    assert case.items[0].text == "Corrected before circulation."
