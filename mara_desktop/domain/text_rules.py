"""What typed text may hold and how long it may be: one table that every way in reads.

Text reaches a case file through the importer, the editing services behind every dialog
and the protocol loader; it leaves on screens, in minutes and on a terminal. Refused at
every way in:

- control characters (U+0000-U+001F, U+007F, U+0080-U+009F). An ESC or CSI sequence in a
  name printed by `view` can clear or recolour the terminal, or rewrite what it showed;
  NUL and BEL are never meant. Long text may hold tabs and line breaks (U+0009, U+000A);
  a name or other short text is one line. A carriage return (U+000D) is refused
  everywhere: it sends a terminal's cursor back to the start of the line, so the text
  after it hides the text before; a plain line break does what it was meant to.
- the bidi embedding, override and isolate characters (U+202A-U+202E, U+2066-U+2069).
  They change the order in which text is shown, not what it is: "Smith" stored after
  U+202E shows as "htimS". What a chair reads must be what the file holds. (Right-to-left
  letters themselves are text and are welcome.)
- surrogates (U+D800-U+DFFF): halves of a UTF-16 pair with the other half lost. They are
  not characters; JSON's \\ud800 escape can carry one, and the case file cannot store it.

The limits are far above anything a real case holds and exist so that a broken or
hostile file cannot make a command run for ever: reportlab lays out an unbroken word in
time that grows with the square of its length (docs/interchange.md, "Text").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass


@dataclass(frozen=True)
class TextKind:
    """A kind of typed text: the longest it may be and whether it may span lines."""

    limit: int
    """The most characters it may hold."""
    lines: bool
    """Whether tabs and line breaks are allowed."""


LONG_TEXT = TextKind(50_000, lines=True)
"""What an agency shared, an action, an override's justification, a protocol's notices."""
SHORT_TEXT = TextKind(200, lines=False)
"""A name, a title, a reference, a venue, who recorded or decided something."""
IDENTIFIER = TextKind(64, lines=False)
"""The id of a case, item, action, person or conference, or of a protocol entry."""
MAX_NESTING = 32
"""How deep lists and objects may be nested in an import file (a real one uses 5)."""

_BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_UNSAFE = f"\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}\ud800-\udfff"
UNSAFE_CHARACTERS = re.compile(f"[{_UNSAFE}]")
"""Characters refused in every text, even long text: all but tab and line feed of those
listed above. Whatever is written to a terminal shows these as escapes (cli/terminal.py)."""
_REFUSED = {True: UNSAFE_CHARACTERS, False: re.compile(f"[\t\n{_UNSAFE}]")}

_C0 = (
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB",
    "ESC", "FS", "GS", "RS", "US",
)  # fmt: skip
_C1 = (
    "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU",
    "RI", "SS2", "SS3", "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGC",
    "SCI", "CSI", "ST", "OSC", "PM", "APC",
)  # fmt: skip
"""The short names of the control characters, U+0000-U+001F and U+0080-U+009F."""


def text_problem(text: str, kind: TextKind) -> str | None:
    """What is wrong with `text` as this kind of text, as the end of a sentence whose
    start names the place ("cases[0].items[2].text: ", "The justification "); None when
    nothing is. Names the first refused character by code, name and position."""
    if len(text) > kind.limit:
        return f"is {len(text):,} characters long; the limit is {kind.limit:,}"
    found = _REFUSED[kind.lines].search(text)
    if found is None:
        return None
    return _character_problem(found.group(), found.start() + 1, kind)


def _character_problem(char: str, position: int, kind: TextKind) -> str:
    code = ord(char)
    where = f"U+{code:04X} at character {position:,}"
    if char in "\t\n" or (char == "\r" and not kind.lines):
        what = {"\t": "a tab", "\n": "a line break", "\r": "a carriage return"}[char]
        return f"holds {what} ({where}): write it on one line"
    if char == "\r":
        return (
            f"holds a carriage return ({where}), which can hide the text before it: "
            "use a plain line break"
        )
    if 0xD800 <= code <= 0xDFFF:
        return f"holds half of a broken character pair ({where}): remove it"
    if code >= 0x2000:
        name = unicodedata.name(char).lower()
        return (
            f"holds the invisible {name} ({where}), which changes the order text is shown "
            "in: remove it"
        )
    short = _C0[code] if code < 0x20 else "DEL" if code == 0x7F else _C1[code - 0x80]
    return f"holds the control character {short} ({where}): remove it"
