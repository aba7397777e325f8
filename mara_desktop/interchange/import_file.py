"""An import file's bytes read into JSON values, or one sentence saying why they cannot be.

Python's JSON parser recurses once per level of nesting: a file of 5,000 nested brackets
ended the command with a RecursionError. The nesting is therefore measured first, by a
scan that skips strings and looks only at brackets (a regular expression and C-level
iteration, about as fast as parsing), and a file nested deeper than MAX_NESTING is
refused with the line and column where it goes too deep, before the parser sees it.
"""

from __future__ import annotations

import json
import re
from itertools import accumulate, islice
from pathlib import Path
from typing import Any

from mara_desktop.domain.text_rules import MAX_NESTING
from mara_desktop.interchange.errors import InterchangeError

_STRING_OR_BRACKET = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|([\[\]{}])')
"""A JSON string (skipped: brackets inside it are text) or a bracket (captured)."""
_DEPTH_CHANGE = {"[": 1, "{": 1, "]": -1, "}": -1}


def read_import_file(path: Path) -> Any:
    """The parsed JSON of the file; an InterchangeError naming the file otherwise."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InterchangeError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise InterchangeError(f"{path}: is a folder, not an import file.") from None
    except OSError as error:
        raise InterchangeError(f"{path}: cannot be read ({error.strerror}).") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InterchangeError(f"{path}: is not UTF-8 text.") from None
    deep = too_deep(text)
    if deep is not None:
        line, column = deep
        raise InterchangeError(
            f"{path}:{line}:{column}: lists and objects are nested more than {MAX_NESTING} "
            "deep; nothing was imported."
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise InterchangeError(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON ({error.msg}); "
            "nothing was imported."
        ) from None
    except ValueError:  # an integer of more digits than Python converts (4,300)
        raise InterchangeError(
            f"{path}: holds a number thousands of digits long; nothing was imported."
        ) from None


def too_deep(text: str) -> tuple[int, int] | None:
    """Line and column (from 1) of the first bracket that opens level MAX_NESTING + 1, or
    None when no list or object lies that deep. A string left open skips nothing, so
    broken JSON is measured as if the quote were not there; the parser then reports it."""
    brackets = "".join(_STRING_OR_BRACKET.findall(text))
    if max(accumulate(map(_DEPTH_CHANGE.__getitem__, brackets), initial=0)) <= MAX_NESTING:
        return None
    depths = accumulate(map(_DEPTH_CHANGE.__getitem__, brackets))
    too_far = next(index for index, depth in enumerate(depths) if depth > MAX_NESTING)
    found = (m for m in _STRING_OR_BRACKET.finditer(text) if m.group(1))
    position = next(islice(found, too_far, None)).start()
    line = text.count("\n", 0, position) + 1
    return line, position - text.rfind("\n", 0, position)
