"""The leak check finds a withheld value wherever a real PDF can carry it, and nothing in a
clean one; its findings and errors never carry the value itself."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from mara_desktop.minutes.fonts import REGULAR, register_fonts
from mara_desktop.minutes.leak_check import (
    PREFIX,
    Leak,
    LeakCheckError,
    find_leaks,
    normalise,
    normalise_bytes,
)

SAFE_ADDRESS = "Flat 3, 14 Elm Road, Northtown ZZ1 4AB"
NAME = "Agnieszka Kowalczyk"

Draw = Callable[[Canvas], None]


def pdf(draw: Draw, *, compress: bool = True, **metadata: str) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1 if compress else 0)
    canvas.setTitle(metadata.get("title", "Minutes"))
    canvas.setAuthor("")
    canvas.setSubject(metadata.get("subject", ""))
    canvas.setKeywords(metadata.get("keywords", ""))
    canvas.setCreator("")
    canvas.setFont("Helvetica", 11)
    canvas.drawString(72, 780, "Minutes of the meeting for Housing.")
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def helvetica(text: str) -> Draw:
    return lambda canvas: canvas.drawString(72, 700, text)


def dejavu(text: str) -> Draw:
    def draw(canvas: Canvas) -> None:
        register_fonts()
        canvas.setFont(REGULAR, 11)
        canvas.drawString(72, 700, text)

    return draw


def places(found: list[Leak]) -> set[str]:
    return {leak.where.split(" ")[0] for leak in found}


def test_a_clean_pdf_has_no_leaks():
    clean = pdf(helvetica("Police to review bail conditions by Friday."))
    assert find_leaks(clean, [SAFE_ADDRESS, NAME, "Zofia", "Al"]) == []


def test_a_value_in_standard_font_text_is_found_in_page_text_and_its_stream():
    found = find_leaks(pdf(helvetica(f"Moved to {SAFE_ADDRESS} last week.")), ["x", SAFE_ADDRESS])
    assert {leak.value_index for leak in found} == {1}
    assert "page 1 text" in {leak.where for leak in found}
    assert any(leak.where.startswith("stream ") for leak in found)


def test_the_required_proof_text_covered_by_a_black_box_is_found():
    def covered(canvas: Canvas) -> None:
        canvas.drawString(72, 700, SAFE_ADDRESS)
        canvas.setFillColorRGB(0, 0, 0)
        canvas.rect(70, 695, 260, 16, stroke=0, fill=1)

    found = find_leaks(pdf(covered), [SAFE_ADDRESS])
    assert Leak(0, "page 1 text") in found


def test_a_value_in_an_embedded_subset_font_is_found_through_the_page_text():
    value = "Tereza Dvořáková, Nguyễn Thị Hoa"
    found = find_leaks(pdf(dejavu(f"Seen with {value}.")), [value])
    assert Leak(0, "page 1 text") in found


def test_a_right_to_left_name_is_found_although_extraction_reverses_it():
    found = find_leaks(pdf(dejavu("Victim: فاطمة الحسن")), ["فاطمة الحسن"])
    assert Leak(0, "page 1 text") in found


@pytest.mark.parametrize("field", ["title", "subject", "keywords"])
def test_a_value_in_the_document_information_is_found(field):
    found = find_leaks(pdf(lambda canvas: None, **{field: f"About {NAME}"}), [NAME])
    assert Leak(0, f"metadata /{field.capitalize()}") in found


@pytest.mark.parametrize(
    "withheld",
    ["agnieszka KOWALCZYK", "Agnieszka   Kowalczyk", "Agnieszka\nKowalczyk", "AgnieszkaKowalczyk"],
)
def test_other_case_and_spacing_of_the_value_are_found(withheld):
    assert places(find_leaks(pdf(helvetica(f"Victim: {NAME}.")), [withheld])) >= {"page"}


def test_a_value_wrapped_over_two_lines_is_found():
    def wrapped(canvas: Canvas) -> None:
        style = ParagraphStyle("narrow", fontName="Helvetica", fontSize=11, leading=13)
        paragraph = Paragraph(f"She now lives at {SAFE_ADDRESS} with the children.", style)
        paragraph.wrapOn(canvas, 120, 400)
        paragraph.drawOn(canvas, 72, 600)

    document = pdf(wrapped)
    assert SAFE_ADDRESS not in PdfReader(io.BytesIO(document)).pages[0].extract_text()
    assert Leak(0, "page 1 text") in find_leaks(document, [SAFE_ADDRESS])


def test_short_values_match_whole_words_only_and_never_in_pdf_syntax():
    document = pdf(helvetica("Emma faced a dilemma; Al and Albert agreed."))
    found = find_leaks(document, ["Al", "Emma", "mma", "Helv", "BT"])
    assert {(leak.value_index, leak.where.split(" ")[0]) for leak in found} == {
        (0, "page"),
        (1, "page"),
        (1, "stream"),
    }


def test_a_value_in_an_uncompressed_file_is_found_in_the_raw_bytes():
    found = find_leaks(pdf(helvetica(f"Lives at {SAFE_ADDRESS}."), compress=False), [SAFE_ADDRESS])
    assert "raw bytes" in {leak.where for leak in found}


def test_a_value_in_an_annotation_is_found_in_the_objects_strings():
    def annotated(canvas: Canvas) -> None:
        canvas.textAnnotation(f"Reminder: {SAFE_ADDRESS}", Rect=(72, 600, 200, 650))

    found = find_leaks(pdf(annotated), [SAFE_ADDRESS])
    assert any(leak.where.endswith(" strings") for leak in found)


def test_an_encrypted_pdf_is_checked_with_its_password_and_refused_without_it():
    writer = PdfWriter(clone_from=io.BytesIO(pdf(helvetica(f"Victim: {NAME}."))))
    writer.encrypt("agency password", algorithm="AES-256")
    buffer = io.BytesIO()
    writer.write(buffer)
    encrypted = buffer.getvalue()
    assert Leak(0, "page 1 text") in find_leaks(encrypted, [NAME], password="agency password")
    with pytest.raises(LeakCheckError, match="encrypted"):
        find_leaks(encrypted, [NAME])


def test_a_file_that_is_not_a_pdf_fails_the_check_rather_than_passing_it():
    with pytest.raises(LeakCheckError, match="cannot be read"):
        find_leaks(b"%PDF-1.4 " + NAME.encode() + b" and nothing else", [NAME])


def test_findings_never_carry_the_value():
    found = find_leaks(pdf(helvetica(NAME), title=NAME), [NAME])
    assert found
    for leak in found:
        assert "Agnieszka" not in repr(leak) and "Agnieszka" not in str(leak)


def test_empty_values_are_ignored_and_indexes_follow_the_input():
    found = find_leaks(pdf(helvetica(f"Victim: {NAME}.")), ["", "   ", NAME])
    assert {leak.value_index for leak in found} == {2}


def test_a_name_printed_in_a_standard_font_with_squares_for_missing_letters_is_found():
    """reportlab draws letters outside WinAnsi as ZapfDingbats squares; the name still leaks."""
    value = "Ayşe Yılmaz"
    found = find_leaks(pdf(helvetica(f"Victim: {value}")), [value, "فاطمة الحسن"])
    assert found == [Leak(0, "page 1 text")]


def test_a_right_to_left_name_drawn_shaped_as_the_minutes_draw_it_is_found():
    from mara_desktop.minutes.text import display_text

    found = find_leaks(pdf(dejavu(display_text("Victim: فاطمة الحسن (Mrs)"))), ["فاطمة الحسن"])
    assert Leak(0, "page 1 text") in found


def test_a_value_in_the_xmp_metadata_is_found():
    writer = PdfWriter(clone_from=io.BytesIO(pdf(lambda canvas: None)))
    writer.xmp_metadata = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Zofia Przykładowa'
        "</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>"
    ).encode()
    buffer = io.BytesIO()
    writer.write(buffer)
    assert find_leaks(buffer.getvalue(), ["zofia przykładowa"]) == [Leak(0, "metadata XMP")]


def test_text_a_reader_cannot_see_is_still_found():
    def hidden(canvas: Canvas) -> None:
        canvas.setFillColorRGB(1, 1, 1)
        canvas.drawString(72, 700, "White Kowalczyk")
        canvas.setFillColorRGB(0, 0, 0)
        canvas.drawString(-900, 700, "Offpage Kowalczyk")
        text = canvas.beginText(72, 600)
        text.setTextRenderMode(3)
        text.textLine("Invisible Kowalczyk")
        canvas.drawText(text)

    values = ["White Kowalczyk", "Offpage Kowalczyk", "Invisible Kowalczyk"]
    found = find_leaks(pdf(hidden), values)
    assert {leak.value_index for leak in found if leak.where == "page 1 text"} == {0, 1, 2}


def test_a_value_drawn_inside_a_form_xobject_is_found_in_the_page_text():
    def in_a_form(canvas: Canvas) -> None:
        canvas.beginForm("note")
        canvas.setFont("Helvetica", 11)
        canvas.drawString(72, 650, SAFE_ADDRESS)
        canvas.endForm()
        canvas.doForm("note")

    assert Leak(0, "page 1 text") in find_leaks(pdf(in_a_form), [SAFE_ADDRESS])


def paragraph(text: str) -> Draw:
    def draw(canvas: Canvas) -> None:
        style = ParagraphStyle("body", fontName="Helvetica", fontSize=10, leading=12)
        shown = Paragraph(text, style)
        shown.wrapOn(canvas, 400, 600)
        shown.drawOn(canvas, 72, 500)

    return draw


def test_a_shown_text_that_only_begins_as_a_withheld_one_does_not_count():
    """The first pass looks for the start of each value only (leak_check.PREFIX); the exact
    search by place decides."""
    start = "Police attended the address on 7 November after a call from a neighbour"
    assert len(normalise(start)) > PREFIX
    withheld = f"{start} and arrested him at the scene."
    assert find_leaks(pdf(paragraph(f"{start} and found no one at home.")), [withheld]) == []
    assert Leak(0, "page 1 text") in find_leaks(pdf(paragraph(withheld)), [withheld])


@given(st.text(alphabet=st.characters(max_codepoint=0x7F)))
def test_ascii_text_is_normalised_the_quick_way_as_the_full_way_would(text):
    full = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    assert normalise(text) == re.sub(r"\s+", " ", full).strip()


@given(st.text())
def test_any_text_is_normalised_into_single_spaced_case_folded_nfkc(text):
    normal = normalise(text)
    assert normal == normal.strip() and "  " not in normal
    assert normalise(normal) == normal
    assert all(not c.isspace() or c == " " for c in normal)


def test_bytes_are_normalised_through_the_table_as_their_latin1_text_would_be():
    """Letter by letter is right only if no two neighbours act on each other: every pair."""
    for first in range(256):
        for second in range(256):
            data = bytes((first, second))
            assert normalise_bytes(data) == normalise(data.decode("latin-1")), data


@given(st.binary())
def test_any_bytes_are_normalised_through_the_table_as_their_latin1_text_would_be(data):
    assert normalise_bytes(data) == normalise(data.decode("latin-1"))


@given(st.lists(st.text()))
def test_texts_normalised_apart_and_joined_are_the_texts_joined_by_lines_normalised(texts):
    """What lets a PDF's bytes and its hex strings be normalised each the quickest way."""
    apart = " ".join(normal for text in texts if (normal := normalise(text)))
    assert apart == normalise("\n".join(texts))


def test_a_value_whose_utf16_bytes_read_as_white_space_is_not_found_everywhere():
    """U+0920 is the bytes 09 20 in UTF-16: tab and space when read as Latin-1."""
    value = "\u0920\u0920\u0920\u0920"
    assert find_leaks(pdf(helvetica("Police to review bail conditions.")), [value]) == []
    found = find_leaks(pdf(lambda canvas: None, title=f"About {value}"), [value])
    assert found == [Leak(0, "metadata /Title")]
