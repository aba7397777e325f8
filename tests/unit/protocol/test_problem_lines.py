"""Every problem of a protocol names its line: the scanner that finds them (protocol/locate.py)
must find each table and key where it stands, and nothing that only looks like one inside a
value: a string holding brackets, quotes or a hash, a multi-line string or array whose lines
read like keys and headers."""

from __future__ import annotations

import tomllib

from hypothesis import given
from hypothesis import strategies as st

from mara_desktop.protocol.locate import Locations

PIECES = ("[", "]", "#", "'", '\\"', "\\\\", "x = 1", "[table]", "[[entry]]", "a", " ")
"""What a value's text is made of: whatever could fool a scanner into a wrong depth or key."""

COMMENTS = ("", "  # a [ left open", "  # ]", '  # \'\'\' or """ or "')
"""What may follow a one-line value: a comment's brackets and quotes count for nothing."""

texts = st.lists(st.sampled_from(PIECES), max_size=8).map("".join)


@st.composite
def values(draw: st.DrawFn) -> list[str]:
    """A TOML value as lines: the first follows `key = `; the others stand alone."""
    kind = draw(st.sampled_from(["basic", "literal", "multi-basic", "multi-literal", "array"]))
    text = draw(texts)
    if kind == "basic":
        return [f'"{text}"']
    if kind == "literal":
        return [f"'{text.replace(chr(39), '')}'"]
    lines = draw(st.lists(texts, min_size=1, max_size=3))
    if kind == "multi-basic":
        return ['"""', *lines[:-1], f'{lines[-1]}"""']
    if kind == "multi-literal":
        plain = [line.replace("'", "") for line in lines]
        return ["'''", *plain[:-1], f"{plain[-1]}'''"]
    return ["[", *(f'  "{line}",' for line in lines), "]"]


@st.composite
def documents(draw: st.DrawFn) -> tuple[str, dict[tuple[str, int, str], int]]:
    """A protocol-shaped TOML text, and where each of its tables and keys stands."""
    lines: list[str] = []
    where: dict[tuple[str, int, str], int] = {}
    entries: dict[str, int] = {}
    tables = draw(st.lists(st.sampled_from(["protocol", "agency", "rule"]), min_size=1))
    for table in tables:
        if table == "protocol" and "protocol" in entries:
            continue  # a plain table stands once
        entry = entries[table] = entries.get(table, 0) + 1
        place = (table, 0 if table == "protocol" else entry)
        lines.append(f"[{table}]" if table == "protocol" else f"[[{table}]]")
        where[(*place, "")] = len(lines)
        keys = draw(st.lists(st.sampled_from(["id", "name", "when", "text"]), unique=True))
        for key in keys:
            first, *rest = draw(values())
            comment = draw(st.sampled_from(COMMENTS))
            lines.append(f"{key} = {first}{comment if not rest else ''}")
            where[(*place, key)] = len(lines)
            lines += rest
    return "\n".join(lines) + "\n", where


@given(documents())
def test_each_table_and_key_is_found_on_its_own_line(document):
    text, where = document
    tomllib.loads(text)  # the document is TOML, as a protocol must be
    found = Locations(text)
    assert {place: found.line(*place) for place in where} == where
    assert found._lines == where  # and nothing found inside a value
