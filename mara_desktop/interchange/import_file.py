"""An import file's text read as JSON a piece at a time, or one sentence saying why it cannot
be.

A file of 20,000 cases is about 160 MB of JSON; read whole, as bytes, as text and as JSON
values, it took 0.7 GB. So the file is read a megabyte at a time, and `JsonStream` walks
its top-level object: it hands out each member's value and, for a list (the cases), each
element, parsed on its own by Python's JSON parser over a window of the text that grows
until the element is whole. Errors carry the parser's own words and the line and column in
the file, as if the whole file had been parsed at once.

Python's JSON parser recurses once per level of nesting: a file of 5,000 nested brackets
ended the command with a RecursionError. So every value's text is measured (a scan that
skips strings and looks only at brackets, a regular expression and C-level iteration,
about as fast as parsing) and a value nested deeper than MAX_NESTING is refused with the
line and column where it goes too deep. A value is measured once parsed, when its extent
is known (a scan of a window that ended inside a string would take the string's brackets
for structure), and, if the parser fails or recurses too deep first, the part it read
is measured before its error is reported: nesting is named before anything else wrong in
the same value. (A file broken in one value and nested too deep in a later one is refused
for the first, where a scan of the whole file named the second; nothing is imported
either way.) A file that is not UTF-8 is refused for that, wherever else it is wrong.
"""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import Iterator
from itertools import accumulate, islice
from pathlib import Path
from typing import Any, TextIO

from mara_desktop.domain.text_rules import MAX_NESTING
from mara_desktop.interchange.errors import InterchangeError

CHUNK = 1 << 20
"""Characters read at a time."""

_STRING_OR_BRACKET = re.compile(r'"[^"\\]*+(?:\\.[^"\\]*+)*+"|([\[\]{}])')
"""A JSON string (skipped: brackets inside it are text) or a bracket (captured)."""
_DEPTH_CHANGE = {"[": 1, "{": 1, "]": -1, "}": -1}
_WHITE_SPACE = re.compile(r"[ \t\n\r]*")
"""What JSON counts as white space between values (and nothing else)."""
_NEAR_THE_END = 16
"""A parse that ends or fails this close to the end of the text read so far may only lack
the rest of a number, of a word such as `false` or of an escape such as `\\ud83d\\ude00`."""


@contextlib.contextmanager
def json_stream(path: Path) -> Iterator[JsonStream]:
    """The file's JSON, to be read a piece at a time; InterchangeError naming the file when
    it cannot be opened."""
    try:
        handle = path.open(encoding="utf-8", newline="")
    except FileNotFoundError:
        raise InterchangeError(f"{path}: no such file.") from None
    except IsADirectoryError:
        raise InterchangeError(f"{path}: is a folder, not an import file.") from None
    except OSError as error:
        raise InterchangeError(f"{path}: cannot be read ({error.strerror}).") from None
    with handle:
        yield JsonStream(handle, str(path))


class JsonStream:
    """The JSON text of one file, read a window at a time (see the module's docstring).

    The caller walks it in order: `peek` at what comes next, then `members` of the top-level
    object (reading each member's value before asking for the next), `elements` of a list,
    `value` for a whole value, `skip` for one that is not wanted, `whole` when the document
    is not an object at all. `depth` is how many lists and objects enclose the value.
    """

    def __init__(self, handle: TextIO, name: str) -> None:
        self._handle, self._name = handle, name
        self._text = ""
        self._pos = 0
        self._ended = False
        self._start = 0
        """Where `_text` starts in the file (characters already read and dropped)."""
        self._lines = 0
        """Line breaks in the characters dropped."""
        self._line_start = 0
        """Where in the file the line of `_text[0]` starts."""
        self._decoder = json.JSONDecoder()

    # -- walking the document ------------------------------------------------------------

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            found = _WHITE_SPACE.match(self._text, self._pos)
            self._pos = found.end() if found else self._pos
            if self._pos < len(self._text):
                return self._text[self._pos]
            if not self._more():
                return ""

    def members(self) -> Iterator[str]:
        """The keys of the object starting here (the document), in order; then nothing may
        follow it in the file."""
        expecting = "{"
        more = self._entered("}")
        while more:
            if self.peek() != '"':
                raise self._unexpected(expecting)
            key = self.value(1)
            if self.peek() != ":":
                raise self._unexpected('{""')
            self._pos += 1
            yield str(key)
            more, expecting = self._after_entry("}", '{"":0'), '{"":0,'
        if self.peek():
            raise self._unexpected("{}")

    def elements(self, depth: int) -> Iterator[Any]:
        """Each element of the list starting here, parsed one at a time."""
        more = self._entered("]")
        while more:
            yield self.value(depth + 1)
            more = self._after_entry("]", "[0")
            if more and self.peek() == "]":
                raise self._unexpected("[0,")

    def _entered(self, close: str) -> bool:
        """Step into the list or object starting here; False if it is empty (and passed)."""
        self._pos += 1
        if self.peek() != close:
            return True
        self._pos += 1
        return False

    def _after_entry(self, close: str, state: str) -> bool:
        """Past the comma after an entry (True), or past the end of its list or object."""
        if self.peek() == close:
            self._pos += 1
            return False
        if self.peek() != ",":
            raise self._unexpected(state)
        self._pos += 1
        return True

    def skip(self, depth: int) -> None:
        """Read past the value starting here, a list an element at a time."""
        if self.peek() == "[":
            for _ in self.elements(depth):
                pass
        else:
            self.value(depth)

    def value(self, depth: int) -> Any:
        """The value starting here, parsed whole: the window grows until it holds it."""
        self.peek()
        while True:
            start = self._pos
            try:
                found, end = self._decoder.raw_decode(self._text, start)
            except json.JSONDecodeError as error:
                if not self._ended and _may_be_cut(error, len(self._text)) and self._more():
                    continue
                raise self._invalid(error.msg, error.pos, start, depth) from None
            except RecursionError:
                raise self._invalid("", len(self._text), start, depth) from None
            except ValueError:  # an integer of more digits than Python converts (4,300)
                raise self._refused(
                    f"{self._name}: holds a number thousands of digits long; nothing was imported."
                ) from None
            if end > len(self._text) - _NEAR_THE_END and self._more():
                continue  # a number may go on: "1" of "1.5e3"
            self._refuse_deep(start, end, depth)
            self._pos = end
            return found

    def whole(self) -> Any:
        """The rest of the file as one value (a document that is not an object: it is
        refused, but what it is, or why it is not JSON, is said first)."""
        while self._more():
            pass
        self._refuse_deep(self._pos, len(self._text), 0)
        try:
            return json.loads(self._text[self._pos :])
        except json.JSONDecodeError as error:
            raise self._invalid(error.msg, self._pos + error.pos, self._pos, 0) from None
        except ValueError:
            raise self._refused(
                f"{self._name}: holds a number thousands of digits long; nothing was imported."
            ) from None

    # -- reading -------------------------------------------------------------------------

    def _more(self) -> bool:
        """Read on (at least as much as the window holds, so a value spanning many chunks
        is parsed a few times, not once a chunk); False at the end of the file. Only when
        it returns True may what was read before `_pos` be dropped, and positions move."""
        chunk = self._read(max(CHUNK, len(self._text) - self._pos))
        if not chunk:
            self._ended = True
            return False
        if self._pos > CHUNK:
            self._drop_read()
        self._text += chunk
        return True

    def _drop_read(self) -> None:
        gone = self._text[: self._pos]
        breaks = gone.count("\n")
        if breaks:
            self._lines += breaks
            self._line_start = self._start + gone.rindex("\n") + 1
        self._start += self._pos
        self._text = self._text[self._pos :]
        self._pos = 0

    def _read(self, size: int) -> str:
        try:
            return self._handle.read(size)
        except UnicodeDecodeError:
            raise InterchangeError(f"{self._name}: is not UTF-8 text.") from None
        except OSError as error:
            raise InterchangeError(f"{self._name}: cannot be read ({error.strerror}).") from None

    # -- refusing ------------------------------------------------------------------------

    def _unexpected(self, state: str) -> InterchangeError:
        """JSON's own sentence for the character found here, in the state `state` (the
        text of a document that would be in it) leaves the parser."""
        try:
            json.loads(state + self._text[self._pos : self._pos + 1])
        except json.JSONDecodeError as error:
            return self._invalid(
                error.msg, self._pos + max(0, error.pos - len(state)), self._pos, 0
            )
        raise AssertionError(f"JSON accepts {state!r} followed by what was found")

    def _invalid(self, message: str, pos: int, start: int, depth: int) -> InterchangeError:
        """Not JSON at `pos`, unless the value begun at `start` is nested too deep first."""
        self._refuse_deep(start, pos, depth)
        line, column = self._place(pos)
        return self._refused(
            f"{self._name}:{line}:{column}: not valid JSON ({message}); nothing was imported."
        )

    def _refuse_deep(self, start: int, end: int, depth: int) -> None:
        too_far = first_too_deep(self._text, start, end, depth)
        if too_far is not None:
            line, column = self._place(too_far)
            raise self._refused(
                f"{self._name}:{line}:{column}: lists and objects are nested more than "
                f"{MAX_NESTING} deep; nothing was imported."
            )

    def _refused(self, sentence: str) -> InterchangeError:
        """The refusal, unless the rest of the file is not UTF-8: that is said first."""
        while self._read(CHUNK):
            pass
        return InterchangeError(sentence)

    def _place(self, pos: int) -> tuple[int, int]:
        """Line and column (from 1) in the file of `_text[pos]`, as JSON's errors count."""
        line = self._lines + self._text.count("\n", 0, pos) + 1
        last = self._text.rfind("\n", 0, pos)
        return line, (pos - last if last >= 0 else self._start + pos - self._line_start + 1)


def _may_be_cut(error: json.JSONDecodeError, read: int) -> bool:
    """Whether the parse may have failed only because the window ends too soon."""
    return error.pos >= read - _NEAR_THE_END or error.msg.startswith("Unterminated string")


def too_deep(text: str) -> tuple[int, int] | None:
    """Line and column (from 1) of the first bracket that opens level MAX_NESTING + 1, or
    None when no list or object lies that deep."""
    found = first_too_deep(text, 0, len(text), 0)
    if found is None:
        return None
    return text.count("\n", 0, found) + 1, found - text.rfind("\n", 0, found)


def first_too_deep(text: str, start: int, end: int, depth: int) -> int | None:
    """Where in `text[start:end]`, itself inside `depth` lists and objects, the first
    bracket that opens level MAX_NESTING + 1 is. A string left open skips nothing, so
    broken JSON is measured as if the quote were not there; the parser then reports it."""
    brackets = "".join(_STRING_OR_BRACKET.findall(text, start, end))
    changes = map(_DEPTH_CHANGE.__getitem__, brackets)
    if max(accumulate(changes, initial=depth)) <= MAX_NESTING:
        return None
    depths = accumulate(map(_DEPTH_CHANGE.__getitem__, brackets), initial=depth)
    too_far = next(index for index, level in enumerate(depths) if level > MAX_NESTING) - 1
    found = (m for m in _STRING_OR_BRACKET.finditer(text, start, end) if m.group(1))
    return next(islice(found, too_far, None)).start()
