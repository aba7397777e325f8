"""Reading an import file: nesting deeper than the limit is refused before Python's JSON
parser could recurse, with the line and column where it goes too deep; a file is read a
piece at a time, yet every refusal says what and where, as if it had been parsed whole."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mara_desktop.domain.text_rules import MAX_NESTING
from mara_desktop.interchange import import_file
from mara_desktop.interchange.document import read_import
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.interchange.import_file import CHUNK, too_deep
from mara_desktop.interchange.reader import Existing
from tests.support.documents import full_document


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def read(path, protocol):
    """Read and check an import file as the `import` command does: (conferences, cases)."""
    reading = read_import(path, protocol, Existing(), update=False)
    cases = [case for batch in reading.case_batches() for case in batch]
    return reading.conferences(), cases


def test_nesting_up_to_the_limit_passes_and_one_more_is_found():
    assert MAX_NESTING == 32
    assert too_deep(nested(32)) is None
    assert too_deep(nested(33)) == (1, 33)
    assert too_deep('{"a":\n  [' + nested(40) + "]}") == (2, 34)


def test_brackets_inside_strings_are_text():
    text = json.dumps({"note": "[" * 100 + '\\"[{' * 50, "list": [[["ok"]]]})
    assert too_deep(text) is None


def test_a_file_nested_5000_deep_is_refused_with_its_place(tmp_path, protocol):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "mara-interchange/1",\n "cases": ' + nested(5000) + "}")
    with pytest.raises(InterchangeError) as caught:
        read(path, protocol)
    assert str(caught.value) == (
        f"{path}:2:42: lists and objects are nested more than 32 deep; nothing was imported."
    )


def test_a_file_nested_32_deep_is_read(tmp_path, protocol):
    path = tmp_path / "deep.json"
    document = {"format": "mara-interchange/1", "cases": [], "notes": json.loads(nested(31))}
    path.write_text(json.dumps(document))
    with pytest.raises(InterchangeError) as caught:  # read, and found to hold an unknown field
        read(path, protocol)
    assert caught.value.details == ('$.notes: unknown field "notes"',)
    document["notes"] = [document["notes"]]
    path.write_text(json.dumps(document))
    with pytest.raises(InterchangeError, match="nested more than 32 deep"):
        read(path, protocol)


def test_a_number_too_long_to_convert_is_refused_in_a_sentence(tmp_path, protocol):
    path = tmp_path / "number.json"
    path.write_text('{"dash_score": ' + "7" * 5000 + "}")
    with pytest.raises(InterchangeError, match="a number thousands of digits long"):
        read(path, protocol)


BROKEN = [
    '{"format": "mara-interchange/1",\n "cases": [}',
    '{"format": "mara-interchange/1", "cases": [1, 2,]}',
    '{"cases": [{"id": "a"} {"id": "b"}]}',
    '{"cases": [{"id": "x"},\n\n]}',
    '{"cases": [], }',
    '{"format" "x"}',
    '{"format": "x" "cases": []}',
    '{"format": "x"} extra',
    '{"format": "x"}\n\n  ]',
    '{"notes": tru}',
    '{"cases": [{"id": "\\u12"}]}',
    '{"cases": ["unterminated]}',
    '{"cases": [{"text": "a raw\ttab"}]}',
    '{"cases": [12345678901234567890, 1.5e3, -0.0, 1.]}',
    '{"cases": [NaN, Infinity, -Infinity, tru]}',
    '{\n"conferences": [{"id": "c", "agenda": ["a",\n "b" "c"]}],\n"cases": []}',
    '{"cases": [{"a": 1}',
    '{"notes": [[[1]]], "cases": [',
    '{"cases": []',
    '{"a":',
    '{"a"',
    "{",
    "",
    "   \n  ",
    "\ufeff{}",
    "[1, 2",
    '"a string never closed',
]


@pytest.mark.parametrize("chunk", [1, 3, 64, 1 << 20])
@pytest.mark.parametrize("text", BROKEN)
def test_broken_json_is_refused_where_and_as_the_parser_of_the_whole_file_says(
    tmp_path, protocol, monkeypatch, text, chunk
):
    monkeypatch.setattr(import_file, "CHUNK", chunk)
    with pytest.raises(json.JSONDecodeError) as parsed:
        json.loads(text)
    path = tmp_path / "broken.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InterchangeError) as caught:
        read(path, protocol)
    error = parsed.value
    assert str(caught.value) == (
        f"{path}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); nothing was imported."
    )


DEEP = [
    '{"format": "mara-interchange/1",\n"cases": [' + nested(40) + "]}",
    '{"cases": [\n  {"id": "a", "items": [{"text": "[[[[[["}, ' + nested(30) + "]}\n]}",
    '{"notes": {"a": ' + nested(31) + "},\n" + '"cases": []}',
    '{"conferences": [{"agenda": [\n' + nested(31) + "]}]}",
    nested(33),
]


@pytest.mark.parametrize("chunk", [1, 5, 1 << 20])
@pytest.mark.parametrize("text", DEEP)
def test_too_deep_is_refused_at_the_bracket_a_scan_of_the_whole_file_finds(
    tmp_path, protocol, monkeypatch, text, chunk
):
    monkeypatch.setattr(import_file, "CHUNK", chunk)
    line, column = too_deep(text)
    path = tmp_path / "deep.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InterchangeError) as caught:
        read(path, protocol)
    assert str(caught.value) == (
        f"{path}:{line}:{column}: lists and objects are nested more than 32 deep; "
        "nothing was imported."
    )


@pytest.mark.parametrize("chunk", [1, 7, 1 << 20])
def test_a_file_read_in_small_pieces_gives_the_same_cases(tmp_path, protocol, monkeypatch, chunk):
    document = full_document(3)
    document["cases"][1]["items"][0]["text"] = 'Two lines,\n"quoted" – Zażółć 🙂 [{'
    path = tmp_path / "in.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=1), encoding="utf-8")
    whole = read(path, protocol)
    monkeypatch.setattr(import_file, "CHUNK", chunk)
    assert read(path, protocol) == whole
    assert [case.id for case in whole[1]] == ["case-1", "case-2", "case-3"]


def test_a_file_not_utf8_is_refused_for_that_before_its_broken_json(tmp_path, protocol):
    path = tmp_path / "in.json"
    path.write_bytes(b'{"cases": [}' + b" " * 3_000_000 + b'"\xff"')
    with pytest.raises(InterchangeError) as caught:
        read(path, protocol)
    assert str(caught.value) == f"{path}: is not UTF-8 text."


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[1, 2]", "$: must be an object {...}"),
        ('"text"', "$: must be an object {...}"),
        ('{"format": "mara-interchange/1", "cases": {}}', ".cases: must be a list [...]"),
        (
            '{"format": "mara-interchange/1", "cases": [], "cases": []}',
            '$.cases: the field "cases" is given more than once',
        ),
    ],
)
def test_a_document_of_the_wrong_shape_is_named(tmp_path, protocol, text, problem):
    path = tmp_path / "in.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InterchangeError) as caught:
        read(path, protocol)
    assert caught.value.details == (problem,)


SAMPLE = json.dumps(full_document(1), ensure_ascii=False, indent=1)


def outcome(text: str, protocol, folder, chunk: int) -> str:
    """What reading `text` as an import file ends in, read `chunk` characters at a time."""
    path = folder / "sample.json"
    path.write_text(text, encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(import_file, "CHUNK", chunk)
        try:
            return repr(read(path, protocol))
        except InterchangeError as error:
            return f"{error} {error.details}"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    cut=st.integers(0, len(SAMPLE) - 1),
    width=st.integers(1, 3),
    chunk=st.sampled_from([1, 2, 5, 64]),
)
def test_a_damaged_file_ends_as_it_would_parsed_whole(tmp_path, protocol, cut, width, chunk):
    """A file with a few characters cut out, or cut short, is refused where and as Python's
    parser of the whole text says; if it is still JSON, reading it a few characters at a
    time ends as reading it a megabyte at a time."""
    for text in (SAMPLE[:cut] + SAMPLE[cut + width :], SAMPLE[:cut]):
        found = outcome(text, protocol, tmp_path, chunk)
        try:
            json.loads(text)
        except json.JSONDecodeError as error:
            path = tmp_path / "sample.json"
            place = f"{path}:{error.lineno}:{error.colno}"
            assert found == f"{place}: not valid JSON ({error.msg}); nothing was imported. ()"
        else:
            assert found == outcome(text, protocol, tmp_path, CHUNK)
