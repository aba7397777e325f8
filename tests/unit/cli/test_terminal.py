"""What the command line prints: every character that could act on a terminal is shown as
an escape, which is also a valid escape inside a JSON string."""

from __future__ import annotations

import json

from mara_desktop.cli.terminal import shown
from mara_desktop.domain.text_rules import UNSAFE_CHARACTERS

EVERY_UNSAFE = "".join(c for c in map(chr, range(0x10000)) if UNSAFE_CHARACTERS.match(c))


def test_controls_are_shown_as_escapes_and_lines_and_tabs_kept():
    assert shown("a\x1b[2Jb\u202ec\r\x00\td\ne") == "a\\u001b[2Jb\\u202ec\\u000d\\u0000\td\ne"
    assert shown("Zofia Przykładowa, فاطمة") == "Zofia Przykładowa, فاطمة"


def test_json_output_stays_json_and_reads_back_to_the_text_held():
    controls = "".join(c for c in EVERY_UNSAFE if not "\ud800" <= c <= "\udfff")
    halves = "a\udfffb\ud800c"  # apart: a high half before a low one reads back as one
    for text in (controls, f"note {controls} end", halves):
        printed = shown(json.dumps({"text": text}, ensure_ascii=False))
        assert UNSAFE_CHARACTERS.search(printed) is None
        assert json.loads(printed) == {"text": text}
