"""A word as long as the longest text allowed (50,000 characters, no space) is wrapped
anywhere, in an item and in an action's table cell, in an agency's copy and the chair's,
and each copy passes the leak check. (reportlab breaks an over-long word wherever a line is
full; what stopped such exports was a table row split across pages: test_case_section.py.)
"""

from __future__ import annotations

import json
import random
import re
import string

from mara_desktop.domain.text_rules import LONG_TEXT
from mara_desktop.minutes.export import MinutesRequest, export_minutes
from mara_desktop.session import Session
from tests.support.documents import full_document
from tests.support.importing import load
from tests.support.pdf_text import page_texts

WORD = "".join(random.Random(11).choices(string.ascii_letters + string.digits, k=LONG_TEXT.limit))
"""Unbroken, and no stretch of it repeats, so each piece found is found in its place."""


def test_a_word_of_the_longest_length_allowed_is_wrapped_in_every_copy(new_file, tmp_path):
    document = full_document(cases=1)
    case = document["cases"][0]
    case["items"][0]["text"] = WORD
    case["actions"][0]["text"] = WORD
    load(new_file, document)
    result = export_minutes(
        Session(new_file), MinutesRequest("conf-1", ("gp", "chair"), tmp_path / "out")
    )
    assert result.manifest is not None
    manifest = json.loads(result.manifest.read_text("utf-8"))
    assert [f["leak_check"] for f in manifest["files"]] == ["passed", "passed"]
    assert all(written.entry.pages > 30 for written in result.copies)
    chair = next(w for w in result.copies if w.entry.agency == "chair")
    printed = re.sub(r"\s+", "", "".join(page_texts(chair.path.read_bytes())))
    for end in (WORD[:80], WORD[-80:]):  # two lines or more; page breaks cut the rest up
        assert printed.count(end) == 2  # in the item and in the action
