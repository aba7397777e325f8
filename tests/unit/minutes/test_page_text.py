"""The leak check's page reader: every string a text operator shows, decoded through its
font, wherever the content stream puts it, and nothing that is not shown as text."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
)

from mara_desktop.minutes.page_text import page_text

HELVETICA = DictionaryObject(
    {
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }
)


def _stream(writer: PdfWriter, data: bytes, **entries: object) -> object:
    stream = DecodedStreamObject()
    stream.set_data(data)
    for key, value in entries.items():
        stream[NameObject(f"/{key}")] = value
    return writer._add_object(stream)


def read(*contents: bytes, forms: dict[str, bytes] | None = None) -> str:
    """The text of a one-page PDF drawing `contents` (several: an array of streams), with
    Helvetica as /F1 and each of `forms` as a form XObject of that name."""
    writer = PdfWriter()
    page = writer.add_blank_page(300, 300)
    resources = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): HELVETICA})}
    )
    if forms:
        xobjects = DictionaryObject()
        for name, data in forms.items():
            xobjects[NameObject(f"/{name}")] = _stream(
                writer,
                data,
                Type=NameObject("/XObject"),
                Subtype=NameObject("/Form"),
                BBox=ArrayObject([NumberObject(0)] * 2 + [NumberObject(300)] * 2),
            )
        resources[NameObject("/XObject")] = xobjects
    page[NameObject("/Resources")] = resources
    streams = [_stream(writer, data) for data in contents]
    page[NameObject("/Contents")] = streams[0] if len(streams) == 1 else ArrayObject(streams)
    buffer = io.BytesIO()
    writer.write(buffer)
    return page_text(PdfReader(buffer).pages[0], {})


def lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line]


@pytest.mark.parametrize(
    ("shown", "text"),
    [
        (rb"(a \(escaped\) paren) Tj", "a (escaped) paren"),
        (rb"(a (nested (twice)) string) Tj", "a (nested (twice)) string"),
        (rb"(octal \101\102 and \\ backslash) Tj", "octal AB and \\ backslash"),
        (rb"<48656C6C 6F> Tj", "Hello"),
        (rb"<4> Tj", "@"),
        (b"(line\\\nbreak) Tj", "linebreak"),
    ],
)
def test_literal_and_hex_strings_read_as_written(shown, text):
    assert lines(read(b"BT /F1 12 Tf " + shown + b" ET")) == [text]


def test_strings_in_one_line_join_and_every_move_starts_a_new_line():
    text = read(
        b"BT /F1 12 Tf (Ann) Tj (a) Tj 0 -14 Td (Smith) Tj T* (next) Tj ET BT (again) Tj ET"
    )
    assert lines(text) == ["Anna", "Smith", "next", "again"]


def test_a_shown_string_a_font_and_a_run_of_moves_read_alike_whole_or_cut_by_comments():
    """The reader takes these three sequences in one step each; taken apart (here by a
    comment between their tokens) they must read the same."""
    whole = (
        b"q BT /F1 12 Tf (Ann) Tj T* 0 Tw ET Q q 1 0 0 1 5 5 cm BT 1 0 0 1 9 9 Tm "
        b"<536D697468> Tj T* /F1 9 Tf ('s) Tj ET"
    )
    cut = whole.replace(b" Tj", b" %\n Tj").replace(b" Tf", b" %\n Tf").replace(b" ET", b" %\n ET")
    assert read(whole) == read(cut)
    assert lines(read(whole)) == ["Ann", "Smith", "'s"]


def test_kerning_in_a_tj_array_opens_a_space_only_where_it_makes_a_gap():
    text = read(b"BT /F1 12 Tf [(Ann) -30 (a) -400 (Smith) 120 (,) (x (y) z)] TJ ET")
    assert lines(text) == ["Anna Smith,x (y) z"]


def test_quote_operators_move_to_the_next_line_and_show_their_string():
    text = read(b"BT /F1 12 Tf 14 TL (one) Tj (two) ' 1 0.5 (three) \" ET")
    assert lines(text) == ["one", "two", "three"]


def test_an_inline_images_data_and_a_comment_are_not_text():
    image = b"BI /W 4 /H 1 /BPC 8 /CS /G ID \x00(hidden) Tj\xff)( EI\n"
    text = read(b"BT /F1 12 Tf (before) Tj ET\n" + image + b"% (commented) Tj\nBT (after) Tj ET")
    assert lines(text) == ["before", "after"]


def test_text_in_a_form_xobject_is_read_and_a_form_drawing_itself_does_not_loop():
    form = b"BT /F1 12 Tf (in the form) Tj ET /Fm1 Do"
    text = read(b"BT /F1 12 Tf (on the page) Tj ET /Fm1 Do", forms={"Fm1": form})
    assert lines(text) == ["on the page", "in the form"]


def test_every_stream_of_a_page_is_read_in_order():
    assert lines(read(b"BT /F1 12 Tf (first) Tj ET", b"BT /F1 12 Tf (second) Tj ET")) == [
        "first",
        "second",
    ]


def test_a_font_the_page_does_not_name_shows_its_bytes():
    assert lines(read(b"BT /F9 12 Tf (plain bytes) Tj ET")) == ["plain bytes"]


def test_a_winansi_font_decodes_its_codes_to_letters():
    assert lines(read(b"BT /F1 12 Tf (caf\\351 \\200) Tj ET")) == ["café €"]


def test_a_form_xobject_shows_its_text_in_the_font_set_before_it_is_drawn():
    form = b"BT (5 \\200) Tj ET"
    assert lines(read(b"BT /F1 12 Tf ET /Fm1 Do", forms={"Fm1": form})) == ["5 €"]
