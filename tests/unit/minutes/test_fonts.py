"""The minutes' font draws every string with the codes reportlab itself would give it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase.ttfonts import TTFont

from mara_desktop.minutes.fonts import _MinutesFont
from mara_desktop.resources import resource

FONT = str(resource("fonts", "DejaVuSans.ttf"))
TEXTS = st.lists(
    st.text(alphabet=st.sampled_from("Ab 1;~\x7f\t\n\xa0łśżąĄŁÖğıșțễốفلا€"), max_size=12),
    max_size=6,
)


class _Document:
    """What reportlab keys a font's subset codes by: one per PDF being written."""


OURS, THEIRS = _MinutesFont("ours", FONT), TTFont("theirs", FONT)


@given(TEXTS)
def test_each_string_in_turn_is_split_into_the_codes_reportlab_gives_it(texts):
    ours, theirs = OURS, THEIRS
    ours_document, their_document = _Document(), _Document()
    for text in texts:
        assert ours.splitString(text, ours_document) == theirs.splitString(text, their_document)
    assert ours._assignState(ours_document).subsets == theirs._assignState(their_document).subsets
