"""Loading a protocol names every problem with file, line, table entry and key."""

from __future__ import annotations

from datetime import date

import pytest

from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.loader import load_protocol, parse_protocol
from mara_desktop.resources import bundled_protocols
from tests.support.builders import protocol_text, rule


def problems(text: str) -> list[str]:
    with pytest.raises(ProtocolError) as caught:
        parse_protocol(text, "p.toml")
    return list(caught.value.details)


def line_of(text: str, fragment: str, occurrence: int = 1) -> int:
    lines = text.splitlines()
    hits = [n for n, line in enumerate(lines, start=1) if fragment in line]
    return hits[occurrence - 1]


@pytest.mark.parametrize("path", bundled_protocols(), ids=lambda p: p.name)
def test_bundled_protocols_load(path):
    protocol = load_protocol(path)
    assert protocol.rules and protocol.sha256
    assert protocol.review_by > protocol.approved_on


def test_default_protocol_has_the_shape_the_issue_asks_for():
    (default,) = [p for p in bundled_protocols() if p.name == "england-wales-marac.toml"]
    protocol = load_protocol(default)
    assert len(protocol.agencies) >= 12 and len(protocol.categories) >= 14
    assert protocol.marking == "OFFICIAL-SENSITIVE"
    assert protocol.consent_mode.value == "preferred"
    assert not any("observer" in r.agencies for r in protocol.rules)


def test_unknown_agency_in_a_rule_names_line_entry_key_and_suggestion():
    text = protocol_text(rule(["health"], ["idva"]) + rule(["health"], ["housng"]))
    line = line_of(text, 'agencies = ["housng"]')
    assert problems(text) == [
        f'p.toml:{line} [[rule]] #2 agencies: unknown agency "housng" (did you mean "housing"?)'
    ]


def test_unknown_key_is_an_error_not_ignored():
    text = protocol_text(rule(["health"], ["idva"])).replace(
        'consent_mode = "preferred"', 'consent_mode = "preferred"\nconsnt = "x"'
    )
    assert problems(text) == [
        f'p.toml:{line_of(text, "consnt")} [protocol] consnt: unknown key "consnt" (did you mean "consent_mode"?)'
    ]


def test_duplicate_ids_are_named():
    text = protocol_text("") + '\n[[agency]]\nid = "police"\nname = "Police again"\n'
    found = problems(text)
    assert any('[[agency]] #6 id: duplicate id "police"' in p for p in found), found


def test_bad_dates_are_named():
    text = protocol_text("").replace("review_by = 2027-01-01", 'review_by = "31/01/2027"')
    line = line_of(text, "review_by")
    assert (
        f"p.toml:{line} [protocol] review_by: bad date '31/01/2027': write a date like 2026-03-31"
        in problems(text)
    )


def test_review_must_follow_approval():
    text = protocol_text("").replace("review_by = 2027-01-01", "review_by = 2025-01-01")
    assert any("review_by: must come after approved_on" in p for p in problems(text))


def test_empty_grants_are_errors():
    text = protocol_text(
        '\n[[rule]]\ncategories = []\nagencies = ["idva"]\nlawful_basis = "public-task"\n'
    )
    assert any(
        "[[rule]] #1 categories: is empty: the rule grants to no category" in p
        for p in problems(text)
    )


@pytest.mark.parametrize(
    ("when", "why"),
    [
        (["children", "adults_only"], '"children" and "adults_only" cannot both hold'),
        (["always", "consent"], '"always" cannot be combined'),
    ],
)
def test_rules_that_can_never_apply(when, why):
    text = protocol_text(rule(["health"], ["idva"], when))
    (problem,) = problems(text)
    assert "[[rule]] #1 when: the rule can never apply" in problem and why in problem


def test_a_childrens_category_only_in_adults_only_cases_can_never_apply():
    text = protocol_text(rule(["children"], ["csc"], ["adults_only"]))
    assert any("only information about children" in p for p in problems(text))


def test_unknown_condition_and_lawful_basis():
    text = protocol_text(
        rule(["health"], ["idva"], ["consnt"]).replace("public-task", "public-tsk")
    )
    found = problems(text)
    assert any('when: unknown condition "consnt" (did you mean "consent"?)' in p for p in found)
    assert any(
        'lawful_basis: unknown lawful basis "public-tsk" (did you mean "public-task"?)' in p
        for p in found
    )


def test_reserved_ids_are_refused():
    text = protocol_text("") + '\n[[agency]]\nid = "observer"\nname = "Observers"\n'
    assert any('"observer" is reserved' in p for p in problems(text))


def test_every_problem_is_reported_in_one_pass():
    text = protocol_text(
        rule(["helth"], ["polce"]) + rule(["health"], ["idva"], ["children", "adults_only"])
    )
    assert len(problems(text)) == 3


def test_toml_syntax_errors_name_the_line():
    with pytest.raises(ProtocolError, match=r"p.toml: not valid TOML: .*line 3"):
        parse_protocol('[protocol]\nid = "x"\nname = = 2\n', "p.toml")


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(ProtocolError, match="no such protocol file"):
        load_protocol(tmp_path / "none.toml")
    with pytest.raises(ProtocolError, match="is a folder"):
        load_protocol(tmp_path)


def test_past_review_is_known(protocol):
    assert protocol.is_past_review(date(2030, 1, 1))
    assert not protocol.is_past_review(protocol.approved_on)


def test_line_locator_is_not_fooled_by_multiline_values():
    text = protocol_text(
        '\n[[rule]]\ncategories = [\n  "health",\n  "location",\n]\nagencies = [\n  "idva",\n  "nobody",\n]\nlawful_basis = "public-task"\n'
    )
    (problem,) = problems(text)
    assert problem.startswith(f"p.toml:{line_of(text, 'agencies = [')} [[rule]] #1 agencies:")


def test_a_protocol_file_with_control_or_bidi_characters_is_refused_by_line_and_key(tmp_path):
    text = (
        protocol_text(rule(["health"], ["idva"]))
        .replace('name = "Police"', 'name = "Pol\\u202Eice"')
        .replace('marking = "OFFICIAL-SENSITIVE"', 'marking = "OFFICIAL\\u001b[8m"')
        + '\n[[lawful_basis]]\nid = "legal"\ntext = "Line one\\rline two"\n'
    )
    path = tmp_path / "p.toml"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(ProtocolError) as caught:
        load_protocol(path)
    assert list(caught.value.details) == [
        f"p.toml:{line_of(text, 'OFFICIAL')} [protocol] marking: holds the control character ESC (U+001B at character 9): remove it",
        f"p.toml:{line_of(text, 'Line one')} [[lawful_basis]] #3 text: holds a carriage return (U+000D at character 9), which can hide the text before it: use a plain line break",
        f"p.toml:{line_of(text, 'Pol')} [[agency]] #1 name: holds the invisible right-to-left override (U+202E at character 4), which changes the order text is shown in: remove it",
    ]


def test_names_longer_than_the_limit_are_refused_in_a_protocol_file(tmp_path):
    text = protocol_text(rule(["health"], ["idva"])).replace(
        'name = "Housing"', f'name = "{"H" * 201}"'
    )
    path = tmp_path / "p.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ProtocolError, match=r"#3 name: is 201 characters long; the limit is 200"):
        load_protocol(path)


def test_a_protocol_kept_in_a_case_file_before_the_rules_still_opens():
    text = protocol_text(rule(["health"], ["idva"])).replace(
        'name = "Police"', 'name = "Pol\\u202Eice"'
    )
    assert parse_protocol(text, "the case file's protocol").agency_name("police") == "Pol\u202eice"


def test_nesting_too_deep_for_the_toml_reader_is_a_sentence_not_a_crash():
    text = protocol_text("") + "\nx = " + "[" * 5000 + "]" * 5000 + "\n"
    with pytest.raises(ProtocolError, match="nested too deep to read"):
        parse_protocol(text, "p.toml")
