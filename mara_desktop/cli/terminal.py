"""Everything the command line prints passes through `shown`, so that no text held in a
case file, an import file, a protocol or a file name can act on the terminal it is
printed to.

Input is checked (domain/text_rules.py), but a case file written before those checks may
already hold an ESC sequence that clears the screen, or a U+202E that shows a name
reversed; a file name may hold anything. Each such character is printed as a visible
\\uXXXX escape. The same escape is valid inside a JSON string, so `--json` output stays
JSON and reads back to the text the file holds. Tabs and line breaks are printed as they
are.
"""

from __future__ import annotations

import re
import sys

from mara_desktop.domain.text_rules import UNSAFE_CHARACTERS


def shown(text: str) -> str:
    """`text` with every character that could act on a terminal written as \\uXXXX."""
    return UNSAFE_CHARACTERS.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    return f"\\u{ord(found.group()):04x}"


def say(text: str, *, end: str = "\n") -> None:
    """Print to standard output."""
    print(shown(text), end=end)


def tell(text: str) -> None:
    """Print to standard error: an error's sentence and its details."""
    print(shown(text), file=sys.stderr)


def warn(line: str) -> None:
    tell(f"warning: {line}")
