"""Where in a TOML file a table entry or key stands, so every problem can name its line.

tomllib returns values without positions. This scanner reads the text once and records the
line of each table header and of each key that starts a line; it follows just enough of TOML
(strings, multi-line strings and arrays) not to mistake a line inside a value for a key.
"""

from __future__ import annotations

import re

_ARRAY_TABLE = re.compile(r"^\[\[\s*([A-Za-z0-9_\-]+)\s*\]\]")
_TABLE = re.compile(r"^\[\s*([A-Za-z0-9_\-]+)\s*\]")
_KEY = re.compile(r"""^(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_\-]+))\s*=""")

Place = tuple[str, int, str]
"""(table name, 1-based entry number or 0 for a plain table, key or "" for the header)."""


def problem_line(
    name: str, where: Locations, table: str, entry: int, key: str, message: str
) -> str:
    """A problem of a TOML file as every checker of one says it: file, line, table, key."""
    line = where.line(table, entry, key)
    place = f"{name}:{line}" if line else name
    label = f"[[{table}]] #{entry}" if entry else f"[{table}]"
    return f"{place} {label}{' ' + key if key else ''}: {message}"


class Locations:
    def __init__(self, text: str) -> None:
        self._lines: dict[Place, int] = {}
        self._scan(text)

    def line(self, table: str, entry: int = 0, key: str = "") -> int | None:
        """The key's line, else its entry's header line, else None."""
        return self._lines.get((table, entry, key)) or self._lines.get((table, entry, ""))

    def _scan(self, text: str) -> None:
        counts: dict[str, int] = {}
        table, entry = "", 0
        depth = 0
        in_multiline: str | None = None
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw.strip()
            if in_multiline is not None:
                if line.count(in_multiline) % 2 == 1:
                    in_multiline = None
                continue
            if depth == 0:
                found = self._header_or_key(line, counts)
                if found is not None:
                    table, entry, key = self._place(found, table, entry)
                    self._lines.setdefault((table, entry, key), number)
            depth, in_multiline = _value_state(line, depth)

    @staticmethod
    def _header_or_key(line: str, counts: dict[str, int]) -> tuple[str, str, int] | None:
        if m := _ARRAY_TABLE.match(line):
            counts[m.group(1)] = counts.get(m.group(1), 0) + 1
            return ("array", m.group(1), counts[m.group(1)])
        if m := _TABLE.match(line):
            return ("table", m.group(1), 0)
        if m := _KEY.match(line):
            return ("key", next(g for g in m.groups() if g is not None), 0)
        return None

    @staticmethod
    def _place(found: tuple[str, str, int], table: str, entry: int) -> Place:
        kind, name, number = found
        if kind == "key":
            return (table, entry, name)
        return (name, number, "")


_TOKEN = re.compile(
    r'"""(?:.*?""")?'  # a multi-line basic string, closed on this line or not
    r"|'''(?:.*?''')?"  # a multi-line literal string, the same
    r'|"(?:[^"\\]|\\.)*"?'  # a basic string (escapes skipped); unclosed: the line's rest
    r"|'[^']*'?"  # a literal string (no escapes)
    r"|[#\[\]]"  # a comment, or a bracket of an array
)
"""What moves the bracket depth, or ends its count for the line: one regex pass a line
rather than a loop over its characters (the scan was most of a protocol's parse)."""


def _value_state(line: str, depth: int) -> tuple[int, str | None]:
    """Bracket depth after this line, and the open multi-line string delimiter if any."""
    for token in _TOKEN.finditer(line):
        text = token.group()
        if text == "#":
            break
        if text == "[":
            depth += 1
        elif text == "]":
            depth = max(0, depth - 1)
        elif text in ('"""', "'''"):
            return depth, text
    return depth, None
