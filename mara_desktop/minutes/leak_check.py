"""The leak check: read a finished PDF back and look for every value withheld from its reader.

Redaction happens upstream (DESIGN.md): a withheld value should never reach the canvas. This
check is the independent second line. It knows nothing of how the PDF was made and looks
wherever a value could hide in a file we write: the text every page shows (read through
each font's ToUnicode map, so it sees through black boxes, white text and subset fonts), the
strings of every object (annotations, outlines, form fields), every decoded stream except
font programs and images, the raw file bytes, and the document information and XMP metadata.

Values are compared after the same normalisation on both sides (NFKC, case folding, format
characters such as soft hyphens dropped, every run of whitespace made one space), so a value
in another case, with a line break or extra spaces inside, or in compatibility forms (Arabic
presentation forms, ligatures, full-width letters) is still found. Right-to-left values are
also searched reversed: page text is read in the order it is drawn, which for a
right-to-left run may be display order.

Short values would match by chance inside PDF syntax and binary data, so how much of a
value must match, and where, depends on its length after normalisation without whitespace:
- under SHORT_VALUE characters: whole words only, in extracted text, strings and metadata;
- from SHORT_VALUE: whole words in decoded streams too;
- from RAW_VALUE: whole words in the raw file bytes too;
- from SPACING_FREE: anywhere, ignoring all whitespace (so words glued or split by layout
  still match).
docs/leak-check.md says what each search catches and what no search here can.

Neither a `Leak` nor an error raised here ever holds a withheld value: the result says which
value (by position) and where, and callers log only that.
"""

from __future__ import annotations

import functools
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.generic import (
    ArrayObject,
    ByteStringObject,
    DictionaryObject,
    IndirectObject,
    PdfObject,
    StreamObject,
    TextStringObject,
)

from mara_desktop.domain.whole_words import whole_word_pattern
from mara_desktop.errors import MaraError
from mara_desktop.many_strings import present
from mara_desktop.minutes.page_text import Decoder, page_text, unescape_literal

SHORT_VALUE = 4
RAW_VALUE = 6
SPACING_FREE = 8
PREFIX = 48

STANDARD_INFO_KEYS = frozenset(
    {
        "/Title",
        "/Author",
        "/Subject",
        "/Keywords",
        "/Creator",
        "/Producer",
        "/CreationDate",
        "/ModDate",
        "/Trapped",
    }
)
_FONT_PROGRAMS = ("/FontFile", "/FontFile2", "/FontFile3")
_XMP_KEY = "/Metadata"
_MISSING_GLYPH = "\u25a0"
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
"""Format characters that change no letter: soft hyphen, zero-width and direction marks."""
_HEX_STRING = re.compile(rb"<(?<!<<)([0-9A-Fa-f\s]+)>(?!>)")
"""A hex string, not a dictionary's << or >>. It begins with "<" rather than with the look
behind, so that the search leaps from one "<" to the next: a tenth of the time on a page."""


class LeakCheckError(MaraError):
    """The PDF could not be read back in full, so it cannot be said to be free of leaks."""


@dataclass(frozen=True)
class Leak:
    """A withheld value found in a PDF: which one (its position in `withheld`) and where."""

    value_index: int
    where: str


def find_leaks(pdf: bytes, withheld: Iterable[str], *, password: str | None = None) -> list[Leak]:
    """Every place where a withheld value shows in `pdf`; empty when it is clean.

    An encrypted PDF needs its `password` (the user or the owner password). Anything that
    cannot be read or decoded fails the check with `LeakCheckError` rather than passing it
    unread.
    """
    needles = [n for i, value in enumerate(withheld) if (n := _needle(i, value)) is not None]
    if not needles:
        return []
    haystacks = list(_haystacks(pdf, password))
    needles = _somewhere(needles, haystacks)
    found: dict[tuple[int, str], Leak] = {}
    for haystack in haystacks:
        for needle in needles:
            key = (needle.index, haystack.where)
            if key not in found and needle.found_in(haystack):
                found[key] = Leak(needle.index, haystack.where)
    return sorted(found.values(), key=lambda leak: leak.value_index)


def _somewhere(needles: list[_Needle], haystacks: list[_Haystack]) -> list[_Needle]:
    """The needles the start of one of whose forms occurs in one of the places: a value
    absent from all the places together is absent from each, and most values are absent.

    One pass over the places joined finds them all (mara_desktop/many_strings.py: 0.12 s
    for the 7,600 values of benchmarks/minutes.py, where a search per form took 1.4 s).
    Only the start of each form (PREFIX characters) is looked for, to keep the automaton
    small. A start found, or a form found in the wrong kind of text (a spaced form in
    compact text), only keeps a needle for the exact search by place, which decides.
    Normalised text holds no line break, so no match spans two places.
    """
    starts = [
        {form[:PREFIX] for form in (*needle.spaced, *needle.compact, *needle.encoded)}
        for needle in needles
    ]
    texts = ("\n".join(h.spaced for h in haystacks), "\n".join(h.compact for h in haystacks))
    found = present(set().union(*starts), texts)
    return [needle for needle, its in zip(needles, starts, strict=True) if its & found]


def _folded(text: str) -> str:
    """What `normalise` makes of `text`, before white space is made single."""
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return _INVISIBLE.sub("", folded)


def normalise(text: str) -> str:
    """NFKC case-folded text without invisible format characters, with single spaces.

    str.split() splits at exactly the white space `\\s` matches; ASCII text has no format
    characters, is its own NFKC form, and case-folds as it lowers: the quick way for most
    of what a PDF holds."""
    if text.isascii():
        return " ".join(text.lower().split())
    return " ".join(_folded(text).split())


def normalise_bytes(data: bytes) -> str:
    """`normalise` of bytes read as Latin-1, a letter at a time through a table.

    A PDF's raw bytes and decoded streams are mostly binary, so they are never ASCII and
    went the slow way: a fifth of the whole check. On Latin-1 the slow way works letter by
    letter: no Latin-1 letter composes with its neighbour (the accents standing alone,
    such as ´ and ¸, become a space and a combining mark, and nothing composes with a
    space), so its answer for each of the 256 letters, made once, is its answer for the
    bytes (tests/unit/minutes/test_leak_check.py proves it on every pair)."""
    return " ".join(data.decode("latin-1").translate(_LATIN1_NORMALISED).split())


_LATIN1_NORMALISED = {code: _folded(chr(code)) for code in range(256)}


@dataclass(frozen=True)
class _Haystack:
    """One place to search, normalised once; `minimum` is the shortest value searched here."""

    where: str
    spaced: str
    minimum: int
    from_bytes: bool
    compact: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "compact", self.spaced.replace(" ", ""))


@dataclass(frozen=True)
class _Needle:
    index: int
    length: int
    spaced: tuple[str, ...]
    compact: tuple[str, ...]
    words: tuple[re.Pattern[str], ...]
    """Whole-word patterns of the forms; only for values shorter than SPACING_FREE."""
    encoded: tuple[str, ...]
    """The value's UTF-16BE bytes seen as Latin-1, for streams and raw bytes."""

    def found_in(self, haystack: _Haystack) -> bool:
        if self.length < haystack.minimum:
            return False
        if self.length >= SPACING_FREE:
            if any(form in haystack.compact for form in self.compact):
                return True
        elif any(
            form in haystack.spaced and word.search(haystack.spaced)
            for form, word in zip(self.spaced, self.words, strict=True)
        ):
            return True
        return haystack.from_bytes and any(form in haystack.spaced for form in self.encoded)


def _needle(index: int, value: str) -> _Needle | None:
    spaced = normalise(value)
    if not spaced:
        return None
    forms = [spaced]
    if not spaced.isascii() and any(unicodedata.bidirectional(c) in ("R", "AL") for c in spaced):
        forms.append(spaced[::-1])
    length = len(spaced.replace(" ", ""))
    squared = _as_standard_font(spaced)
    kept = len(squared.replace(" ", "").replace(_MISSING_GLYPH, ""))
    if squared != spaced and kept >= max(SHORT_VALUE, length / 2):
        forms.append(squared)
    # Some letters' UTF-16 bytes are all white space as Latin-1 (U+0920 is 09 20): such a
    # form normalises to nothing, and nothing is found everywhere.
    encoded = tuple(
        utf16
        for form in forms
        if length >= SHORT_VALUE
        and (utf16 := normalise(form.encode("utf-16-be").decode("latin-1")))
    )
    # long values are never searched as words: compiling their patterns took over a second
    words = tuple(re.compile(whole_word_pattern(f)) for f in forms) if length < SPACING_FREE else ()
    return _Needle(
        index,
        length,
        spaced=tuple(forms),
        compact=tuple(f.replace(" ", "") for f in forms),
        words=words,
        encoded=encoded,
    )


def _as_standard_font(form: str) -> str:
    """The form as pypdf extracts it from reportlab's standard fonts: each letter outside
    WinAnsi (cp1252) is drawn as a ZapfDingbats square and extracted as U+25A0."""
    if form.isascii():  # all of ASCII is in WinAnsi; most values are ASCII
        return form
    return "".join(c if c.isspace() or _in_cp1252(c) else _MISSING_GLYPH for c in form)


@functools.cache
def _in_cp1252(character: str) -> bool:
    """Cached: every letter of every withheld value is asked about, and most are alike."""
    try:
        character.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _haystacks(pdf: bytes, password: str | None) -> Iterator[_Haystack]:
    reader = _open(pdf, password)
    try:
        yield from _page_texts(reader)
        yield from _metadata(reader)
        yield from _objects(reader)
    except LeakCheckError:
        raise
    except Exception:  # whatever pypdf trips on, an unread part fails the check
        raise LeakCheckError(
            "The PDF cannot be read back in full, so it cannot be checked for leaks."
        ) from None
    yield _from_bytes("raw bytes", pdf, RAW_VALUE)


def _open(pdf: bytes, password: str | None) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(pdf))
        if reader.is_encrypted and not reader.decrypt(password or ""):
            raise LeakCheckError(
                "The PDF is encrypted and the password given does not open it, "
                "so it cannot be checked for leaks."
            )
    except LeakCheckError:
        raise
    except Exception:  # pypdf's own message may quote the file: never pass it on
        raise LeakCheckError(
            "The PDF cannot be read back, so it cannot be checked for leaks."
        ) from None
    return reader


def _page_texts(reader: PdfReader) -> Iterator[_Haystack]:
    decoders: dict[Any, Decoder] = {}  # one per font of the document, for all its pages
    for number, page in enumerate(reader.pages, start=1):
        yield _from_text(f"page {number} text", page_text(page, decoders))


def _metadata(reader: PdfReader) -> Iterator[_Haystack]:
    for key, value in (reader.metadata or {}).items():
        if key in STANDARD_INFO_KEYS:
            yield _from_text(f"metadata {key}", str(value))
        else:  # the key itself is free text a writer chose: search it, never show it
            yield _from_text("metadata (other key)", f"{key} {value}")


def _objects(reader: PdfReader) -> Iterator[_Haystack]:
    """Strings of every indirect object, and every stream that can hold text, decoded.

    Font programs and images are skipped: they are binary, so a short value would match in
    them by chance, and no text a reader sees is stored in them.
    """
    objects = dict(_indirect_objects(reader))
    skipped = {
        ref.idnum
        for obj in objects.values()
        if isinstance(obj, DictionaryObject)
        for key in _FONT_PROGRAMS
        if key in obj and isinstance(ref := obj.raw_get(key), IndirectObject)
    }
    catalog, info = reader.root_object, reader.trailer.raw_get("/Info")
    xmp = catalog.raw_get(_XMP_KEY) if _XMP_KEY in catalog else None
    for number, obj in sorted(objects.items()):
        if isinstance(info, IndirectObject) and info.idnum == number:
            continue  # searched as metadata, where a finding names its key
        strings = " ".join(_strings(obj))
        if strings:
            yield _from_text(f"object {number} strings", strings)
        if not isinstance(obj, StreamObject) or number in skipped:
            continue
        if obj.get("/Subtype") == "/Image":
            continue
        is_xmp = isinstance(xmp, IndirectObject) and xmp.idnum == number
        yield from _stream("metadata XMP" if is_xmp else f"stream {number}", number, obj)


def _indirect_objects(reader: PdfReader) -> Iterator[tuple[int, PdfObject]]:
    """Every object the cross-reference table lists, whether stored plain or in a stream."""
    references = [
        (number, generation)
        for generation, table in reader.xref.items()
        for number in table
        if generation != 65535
    ]
    references += [(number, 0) for number in reader.xref_objStm]
    for number, generation in sorted(set(references)):
        obj = reader.get_object(IndirectObject(number, generation, reader))
        if obj is not None:
            yield number, obj


def _strings(obj: PdfObject) -> Iterator[str]:
    """The text strings of one object, descending into its arrays and dictionaries."""
    if isinstance(obj, TextStringObject):
        yield str(obj)
    elif isinstance(obj, ByteStringObject):
        yield bytes(obj).decode("latin-1")
    elif isinstance(obj, DictionaryObject):
        for value in obj.values():
            if not isinstance(value, IndirectObject):
                yield from _strings(value)
    elif isinstance(obj, ArrayObject):
        for value in obj:
            if not isinstance(value, IndirectObject):
                yield from _strings(value)


def _stream(where: str, number: int, stream: StreamObject) -> Iterator[_Haystack]:
    """A decoded stream as PDF text (Latin-1, escapes undone), and as UTF-8 when it is UTF-8."""
    try:
        data = stream.get_data()
    except Exception:
        raise LeakCheckError(
            f"Stream {number} of the PDF cannot be decoded, so the PDF cannot be checked for leaks."
        ) from None
    yield _from_bytes(where, data, SHORT_VALUE)
    if not data.isascii():
        text = _utf8(data)
        if text is not None:
            yield _from_text(where, text, minimum=SHORT_VALUE)


def _utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _from_text(where: str, text: str, *, minimum: int = 1) -> _Haystack:
    return _Haystack(where, normalise(text), minimum, from_bytes=False)


def _from_bytes(where: str, data: bytes, minimum: int) -> _Haystack:
    """PDF bytes as text: literal-string escapes undone and hex strings decoded, appended.
    Each part is normalised on its own: a line break between parts stops any letter from
    combining across, and becomes a single space."""
    parts = [normalise_bytes(unescape_literal(data))]
    parts += [normalise(_hex_text(match.group(1))) for match in _HEX_STRING.finditer(data)]
    return _Haystack(where, " ".join(part for part in parts if part), minimum, from_bytes=True)


def _hex_text(digits: bytes) -> str:
    """A hex string's text: UTF-16BE when it starts with a byte order mark, else Latin-1."""
    cleaned = b"".join(digits.split())
    raw = bytes.fromhex((cleaned + b"0" * (len(cleaned) % 2)).decode("ascii"))
    if raw.startswith(b"\xfe\xff"):
        return raw[2:].decode("utf-16-be", errors="replace")
    return raw.decode("latin-1")
