"""One rule per kind of record: the importer and the editing services behind every dialog
refuse the same records, for the same field, each in its own words."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime
from typing import Any

import pytest

from mara_desktop.domain import (
    OBSERVER,
    Action,
    Attendance,
    AttendanceStatus,
    Consent,
    ConsentState,
    Item,
    Override,
    PersonRole,
    Subject,
)
from mara_desktop.protocol.records import RecordRules
from mara_desktop.store.editing import (
    EditError,
    add_consent,
    add_item,
    add_override,
    save_action,
    set_attendance,
)
from tests.support.documents import full_document
from tests.support.importing import load, problems

NOW = datetime(2026, 11, 26, 10, 30, tzinfo=UTC)
GOOD_OVERRIDE = Override(
    ("victim-location",), ("housing",), "vital-interests",
    "Threats to kill on 1 Nov; the perpetrator knows the current address.", "DI Sam Example",
    datetime(2026, 10, 29, 11, 0, tzinfo=UTC),
)  # fmt: skip


@pytest.fixture
def filled(new_file):
    load(new_file, full_document())
    return new_file


def _imported(new_file, part: str, index: int, changes: dict[str, Any]) -> list[str]:
    data = full_document()
    data["cases"][0][part][index].update(changes)
    return problems(new_file, data)


def _edit_refusal(edit) -> EditError:
    with pytest.raises(EditError) as caught:
        edit()
    return caught.value


@pytest.mark.parametrize(
    ("changes", "field", "phrase", "sentence"),
    [
        ({"justification": "risk"}, "justification", "must explain the serious risk (at least 20 characters)", "Write the justification in full (at least 20 characters): what the serious risk is and why sharing without consent reduces it."),
        ({"lawful_basis": "consent"}, "lawful_basis", "an override shares without consent; choose another", "An override shares without the victim's consent, so consent cannot be its lawful basis: choose another."),
        ({"lawful_basis": "vital-interest"}, "lawful_basis", 'unknown lawful basis "vital-interest" (did you mean "vital-interests"?)', "Choose the lawful basis from the protocol."),
        ({"decided_by": " "}, "decided_by", "must not be empty", "Name the person who decided."),
        ({"agencies": []}, "agencies", "must name at least one", "Name at least one agency and one category."),
        ({"agencies": ["*"]}, "agencies[0]", 'unknown agency "*"', 'Unknown agency "*".'),
        ({"categories": ["victim-locaton"]}, "categories[0]", 'unknown category "victim-locaton" (did you mean "victim-location"?)', 'Unknown category "victim-locaton".'),
    ],
)  # fmt: skip
def test_an_override_is_refused_alike_by_the_importer_and_the_editor(
    new_file, changes, field, phrase, sentence
):
    """The rule for a valid override is written once: an import file and a dialog that
    hold the same override are refused for the same field."""
    assert _imported(new_file, "overrides", 0, changes) == [
        f"cases[0].overrides[0].{field}: {phrase}"
    ]
    load(new_file, full_document())
    typed = dataclasses.replace(GOOD_OVERRIDE, **{k: tuple(v) if isinstance(v, list) else v for k, v in changes.items()})  # fmt: skip
    before = new_file.case("case-1").overrides
    refusal = _edit_refusal(lambda: add_override(new_file, "case-1", typed))
    assert (str(refusal), refusal.field) == (sentence, field.split("[")[0])
    assert new_file.case("case-1").overrides == before


def test_an_override_ending_before_it_was_decided_is_refused_alike(new_file):
    """`until` before the day of `decided_at` (29 Oct): the importer and the editor refuse
    it for the same field; the day itself is allowed."""
    assert _imported(new_file, "overrides", 0, {"until": "2026-10-28"}) == [
        "cases[0].overrides[0].until: 2026-10-28 is before decided_at (2026-10-29): "
        "an override cannot end before it was decided"
    ]
    load(new_file, full_document())
    before = new_file.case("case-1").overrides
    early = dataclasses.replace(GOOD_OVERRIDE, until=date(2026, 10, 28))
    refusal = _edit_refusal(lambda: add_override(new_file, "case-1", early))
    assert (str(refusal), refusal.field) == (
        "The last day (28 Oct 2026) is before the day the override was decided "
        "(29 Oct 2026): choose that day or a later one.",
        "until",
    )
    assert new_file.case("case-1").overrides == before
    same_day = dataclasses.replace(GOOD_OVERRIDE, until=date(2026, 10, 29))
    add_override(new_file, "case-1", same_day)
    assert new_file.case("case-1").overrides == (*before, same_day)


def test_a_consent_record_must_reach_someone_in_an_import_as_in_the_app(new_file):
    """An empty list of agencies was let through by the importer alone: the rule now
    holds for both."""
    found = _imported(new_file, "consents", 0, {"agencies": []})
    assert found == ["cases[0].consents[0].agencies: must name at least one"]
    load(new_file, full_document())
    empty = Consent(ConsentState.GIVEN, (), ("*",), NOW, "IDVA")
    refusal = _edit_refusal(lambda: add_consent(new_file, "case-1", empty))
    assert "at least one agency" in str(refusal) and refusal.field == "agencies"


def test_an_item_about_a_person_has_that_persons_subject_in_an_import_as_in_the_app(new_file):
    """An item about the perpetrator filed as about the victim was refused in the app
    alone: the rule now holds for both."""
    found = _imported(new_file, "items", 0, {"person": "p2"})
    assert found == [
        'cases[0].items[0].subject: information about a perpetrator has the subject "perpetrator"'
    ]
    load(new_file, full_document())
    item = Item("r1", "victim-health", "gp", Subject.VICTIM, "Seen at the surgery.", person="p2")
    refusal = _edit_refusal(lambda: add_item(new_file, "case-1", item))
    assert str(refusal) == 'Information about a perpetrator has the subject "perpetrator".'


def test_observers_are_listed_as_observers_in_an_import_as_in_the_app(new_file):
    data = full_document()
    data["conferences"][0]["attendance"][0]["agency"] = OBSERVER
    assert (
        "conferences[0].attendance[0].status: observers are listed with agency"
        in (problems(new_file, data)[0])
    )
    load(new_file, full_document())
    line = Attendance(OBSERVER, "Student", AttendanceStatus.PRESENT)
    refusal = _edit_refusal(lambda: set_attendance(new_file, "conf-1", [line]))
    assert str(refusal) == "Observers are listed as observers, and only observers are."


def test_an_action_names_a_known_owner_in_an_import_as_in_the_app(new_file):
    found = _imported(new_file, "actions", 0, {"owner": "housng"})
    assert found == ['cases[0].actions[0].owner: unknown agency "housng" (did you mean "housing"?)']
    load(new_file, full_document())
    action = Action("a9", "housng", "actions", "Flag the address")
    assert str(_edit_refusal(lambda: save_action(new_file, "case-1", action))) == (
        'Unknown agency "housng".'
    )


def test_problems_come_in_the_order_of_the_form_one_per_field(protocol):
    """The first problem is what a dialog shows; a field is never reported twice."""
    rules = RecordRules(protocol)
    found = rules.override(
        categories=(), agencies=("nobody", "fire"), lawful_basis=None,
        justification="short", decided_by="",
    )  # fmt: skip
    assert [p.field for p in found] == ["justification", "decided_by", "agencies[0]", "categories"]
    item = rules.item(
        category="victim-health", source="gp", restricted_to=(), text="\x1b[2J",
        subject=Subject.CHILD, person="v", people={"v": PersonRole.VICTIM},
    )  # fmt: skip
    assert [p.field for p in item] == ["text", "subject"]
    assert item[0].sentence == (
        "What was shared holds the control character ESC (U+001B at character 1): remove it."
    )


def test_an_override_may_rest_on_every_lawful_basis_but_consent(protocol):
    bases = [b.id for b in RecordRules(protocol).override_bases()]
    assert "consent" not in bases and len(bases) == len(protocol.lawful_bases) - 1
