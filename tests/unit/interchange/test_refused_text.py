"""An import holding control characters, bidi controls or over-long text is refused whole,
each problem named by its JSON path; at the limits, and with tabs and line breaks where
long text may hold them, it imports."""

from __future__ import annotations

import pytest

from mara_desktop.errors import ExitCode
from mara_desktop.interchange.errors import InterchangeError
from tests.support.documents import full_document
from tests.support.importing import load, problems


def test_every_refused_character_is_named_at_its_path_and_nothing_is_imported(new_file):
    data = full_document()
    case = data["cases"][0]
    case["people"][0]["name"] = "Zofia \u202eawolK"
    case["items"][0]["text"] = "Seen at \x1b[2J\x1b[H home."
    case["items"][1]["text"] = "Alarm \x07 rang."
    case["items"][2]["text"] = "Cut\x00off"
    case["items"][2]["restricted_to"] = ["police\x1b"]
    case["actions"][0]["text"] = "Refer \x9b31m now"
    case["consents"][0]["recorded_by"] = "IDVA \u2066Priya\u2069"
    case["overrides"][0]["justification"] += "\rThreats withdrawn."
    data["conferences"][0]["attendance"][0]["name"] = "DI Sam\tExample"
    data["conferences"][0]["venue"] = "Room 2\nNorthtown"
    with pytest.raises(InterchangeError) as caught:
        load(new_file, data)
    assert caught.value.message == "import file: 10 problems; nothing was imported."
    assert caught.value.exit_code == ExitCode.INPUT == 4
    assert new_file.content().cases == ()
    found = problems(new_file, data)
    assert sorted(found) == sorted([
        "cases[0].people[0].name: holds the invisible right-to-left override (U+202E at character 7), which changes the order text is shown in: remove it",
        "cases[0].items[0].text: holds the control character ESC (U+001B at character 9): remove it",
        "cases[0].items[1].text: holds the control character BEL (U+0007 at character 7): remove it",
        "cases[0].items[2].text: holds the control character NUL (U+0000 at character 4): remove it",
        "cases[0].items[2].restricted_to[0]: holds the control character ESC (U+001B at character 7): remove it",
        "cases[0].actions[0].text: holds the control character CSI (U+009B at character 7): remove it",
        "cases[0].consents[0].recorded_by: holds the invisible left-to-right isolate (U+2066 at character 6), which changes the order text is shown in: remove it",
        "cases[0].overrides[0].justification: holds a carriage return (U+000D at character 69), which can hide the text before it: use a plain line break",
        "conferences[0].attendance[0].name: holds a tab (U+0009 at character 7): write it on one line",
        "conferences[0].venue: holds a line break (U+000A at character 7): write it on one line",
    ])  # fmt: skip


def test_tabs_and_line_breaks_in_long_text_import(new_file):
    data = full_document()
    data["cases"][0]["items"][0]["text"] = "First visit:\n\tdoor forced.\nSecond visit: none."
    data["cases"][0]["actions"][0]["text"] = "Refer to sanctuary scheme;\nreview in a week."
    load(new_file, data)
    assert new_file.case("case-1").items[0].text.endswith("\nSecond visit: none.")


def lengths(extra: int) -> dict:
    """The full document with an item's text, a name and an id `extra` beyond their limits."""
    data = full_document()
    case = data["cases"][0]
    case["items"][0]["text"] = "x" * (50_000 + extra)
    case["people"][1]["name"] = "N" * (200 + extra)
    case["items"][1]["id"] = "i" * (64 + extra)
    return data


def test_text_up_to_each_limit_imports_and_beyond_it_is_refused_by_path(new_file):
    assert sorted(problems(new_file, lengths(1))) == [
        "cases[0].items[0].text: is 50,001 characters long; the limit is 50,000",
        "cases[0].items[1].id: is 65 characters long; the limit is 64",
        "cases[0].people[1].name: is 201 characters long; the limit is 200",
    ]
    load(new_file, lengths(0))
    held = new_file.case("case-1")
    assert held.items[0].text == "x" * 50_000 and held.people[1].name == "N" * 200
    assert held.items[1].id == "i" * 64


def test_a_huge_bad_value_is_named_not_repeated(new_file):
    data = full_document()
    data["cases"][0]["referral"]["criterion"] = "v" * 1_000_000
    data["cases"][0]["items"][0]["k" * 1_000_000] = 1
    found = problems(new_file, data)
    assert len(found) == 2 and all(len(p) < 300 for p in found), [p[:300] for p in found]
