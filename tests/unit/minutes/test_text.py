"""User text reaches a paragraph escaped, and right-to-left names are shaped and ordered."""

from __future__ import annotations

import unicodedata

from mara_desktop.minutes.text import display_text, drawn_forms, markup

ARABIC = "فاطمة الحسن"


def test_markup_escapes_what_reportlab_would_read_as_tags():
    assert markup("risk <high> & rising") == "risk &lt;high&gt; &amp; rising"
    assert markup("<b>bold</b>") == "&lt;b&gt;bold&lt;/b&gt;"


def test_left_to_right_text_is_untouched():
    for text in ("Zażółć gęślą jaźń", "Ștefănescu", "Nguyễn Thị Hoa", "Ayşe Yılmaz"):
        assert display_text(text) == text


def test_arabic_is_drawn_joined_and_right_to_left():
    drawn = display_text(ARABIC)
    assert drawn != ARABIC
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in drawn if c != " ")  # joined forms
    assert unicodedata.normalize("NFKC", drawn) == ARABIC[::-1]  # visual order


def test_arabic_inside_english_keeps_the_english_in_place():
    drawn = display_text(f"Victim: {ARABIC} (born 1988)")
    assert drawn.startswith("Victim: ") and drawn.endswith(" (born 1988)")


def test_an_arabic_value_is_searched_in_every_form_it_may_take_in_a_pdf():
    forms = drawn_forms(ARABIC)
    assert forms[0] == ARABIC and display_text(ARABIC) in forms and len(forms) == 3
    assert drawn_forms("Agnieszka Kowalczyk") == ["Agnieszka Kowalczyk"]
