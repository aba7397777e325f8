"""Reading an import file: nesting deeper than the limit is refused before Python's JSON
parser could recurse, with the line and column where it goes too deep."""

from __future__ import annotations

import json

import pytest

from mara_desktop.domain.text_rules import MAX_NESTING
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.interchange.import_file import read_import_file, too_deep


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_nesting_up_to_the_limit_passes_and_one_more_is_found():
    assert MAX_NESTING == 32
    assert too_deep(nested(32)) is None
    assert too_deep(nested(33)) == (1, 33)
    assert too_deep('{"a":\n  [' + nested(40) + "]}") == (2, 34)


def test_brackets_inside_strings_are_text():
    text = json.dumps({"note": "[" * 100 + '\\"[{' * 50, "list": [[["ok"]]]})
    assert too_deep(text) is None


def test_a_file_nested_5000_deep_is_refused_with_its_place(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text('{"format": "mara-interchange/1",\n "cases": ' + nested(5000) + "}")
    with pytest.raises(InterchangeError) as caught:
        read_import_file(path)
    assert str(caught.value) == (
        f"{path}:2:42: lists and objects are nested more than 32 deep; nothing was imported."
    )


def test_a_file_nested_32_deep_is_read(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text(json.dumps({"cases": json.loads(nested(31))}))
    assert read_import_file(path)["cases"] == json.loads(nested(31))


def test_a_number_too_long_to_convert_is_refused_in_a_sentence(tmp_path):
    path = tmp_path / "number.json"
    path.write_text('{"dash_score": ' + "7" * 5000 + "}")
    with pytest.raises(InterchangeError, match="a number thousands of digits long"):
        read_import_file(path)
