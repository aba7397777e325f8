"""The letters every text operator of a PDF page shows, in the order they are drawn.

The leak check needs every letter a page shows, decoded through its font, and where one
line of text ends and another begins; it does not need the page laid out as a reader sees
it. pypdf's `extract_text` does the latter: it turns every operator into objects, tracks
positions to place spaces, reorders right-to-left runs, and rebuilds each font's character
map on every page. That took 6.5 of the 8.6 s the leak check spent on the 779 pages of
benchmarks/minutes.py (8 ms a page); this reader takes 0.3 s for the 878 pages there now.

It reads the content stream with one regular expression and keeps only what shows text
(Tj, TJ, ' and "), the font each string is shown in (Tf), and the form XObjects a page
draws (Do), whose text it reads too. Strings are decoded with pypdf's own reading of each
font (its encoding and ToUnicode map), made once per font of the document, so letters come
out as pypdf gives them. A line break stands wherever the text is moved (BT, ET, Td, TD, Tm,
T*, ' and ") and a space wherever a TJ kern opens a gap of more than a tenth of the font
size; consecutive strings in one line are joined, so a word drawn in two fonts (a letter
from another font subset, a bold syllable) stays one word.

Text comes out in the order it is drawn, not reordered for reading: right-to-left text the
minutes draw in display order stays so, and the leak check searches values in both orders.
Text in a font the page does not name comes out as its bytes (Latin-1), which is what the leak
check also searches in each decoded stream.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from pypdf import PageObject
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, StreamObject
from pypdf.generic._font import Font  # pypdf's reading of a font; not exported (7.1)

Decoder = Callable[[bytes], str]

_REGULAR = rb"[^\x00\t\n\f\r ()<>\[\]{}/%]"
"""A byte that is neither white space nor a delimiter: names, numbers and operators."""
_LITERAL = rb"\((?:[^()\\]++|\\.)*+\)"
"""A literal string without nested parentheses (escaped ones are fine)."""
_HEX = rb"<[0-9A-Fa-f\x00\t\n\f\r ]*>"
_NUMBER = rb"[+-]?(?:\d+\.?\d*|\.\d+)"
_SPACE = rb"[\x00\t\n\f\r ]"
_END = rb"(?!" + _REGULAR + rb")"
_MOVE = rb"(?:T\*|BT|ET|Tm|Td|TD)" + _END
_QUIET = rb"(?:" + _NUMBER + rb"|q|Q|cm|rg|RG|g|G|k|K|w|re|f|S|n|Tw|Tc|TL|Tz|Ts|Tr)" + _END
"""Operands and operators that neither show nor move text, nor take a string or a name:
a run of moves with only these between them starts one new line, as one move does."""
_SCAN = re.compile(
    rb"[^(<\[/%TBE'\"DI]*+"  # bytes no token starts with, passed over in one step
    rb"(?:(?P<shown>(?P<shown_string>"
    + _LITERAL
    + rb"|"
    + _HEX
    + rb")"
    + _SPACE
    + rb"*+Tj"
    + _END
    + rb")"
    rb"|(?P<font>(?P<font_name>/"
    + _REGULAR
    + rb"*+)"
    + _SPACE
    + rb"++"
    + _NUMBER
    + _SPACE
    + rb"++Tf"
    + _END
    + rb")"
    rb"|(?P<moves>" + _MOVE + rb"(?:" + _SPACE + rb"++(?:" + _MOVE + rb"|" + _QUIET + rb"))*+)"
    rb"|(?P<string>" + _LITERAL + rb"|" + _HEX + rb")"
    rb"|(?P<array>\[(?:" + _LITERAL + rb"|" + _HEX + rb"|[^\[\]()<>]++)*+\])"
    rb"|(?P<name>/" + _REGULAR + rb"*+)"
    rb"|(?P<open>[\[(])"  # a string or array with nested parentheses: read by hand
    rb"|%[^\r\n]*+"  # a comment
    rb"|(?P<operator>T[jJf]|'|\"|Do|ID)" + _END + rb")",
    re.DOTALL,
)
"""Only what shows text or moves it; numbers and other operators are skipped unread. The
three most common sequences of a page are matched whole, each in one step where it took
two to eight: a string shown with Tj, a font set with Tf, and a run of moves."""
_ELEMENT = re.compile(rb"(?P<string>" + _LITERAL + rb"|" + _HEX + rb")|(?P<open>\()|" + _NUMBER)
_LITERAL_ESCAPE = re.compile(rb"\\([0-7]{1,3}|\r\n|[\s\S])")
_ESCAPED_CHARACTERS = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}
_INLINE_IMAGE_END = re.compile(rb"[\x00\t\n\f\r ]EI(?=[\x00\t\n\f\r ]|$)")
_GAP = -100.0
"""A TJ kern below this (thousandths of the font size, negative moves right) is a space."""


def page_text(page: PageObject, decoders: dict[Any, Decoder]) -> str:
    """The page's text; `decoders` holds each font's decoder, shared by a document's pages."""
    reader = _Reader(decoders, set())
    reader.read(_contents(page), page.get("/Resources"))
    return "".join(reader.parts)


def unescape_literal(data: bytes) -> bytes:
    """The bytes a PDF literal string (or stream text read as one) stands for."""
    return _LITERAL_ESCAPE.sub(_unescape, data)


def _unescape(match: re.Match[bytes]) -> bytes:
    escaped = match.group(1)
    if escaped[:1] in b"01234567":
        return bytes([int(escaped, 8) & 0xFF])
    if escaped in (b"\r\n", b"\n", b"\r"):
        return b""
    return _ESCAPED_CHARACTERS.get(escaped, escaped)


def _contents(page: PageObject) -> bytes:
    contents = page.get("/Contents")
    if contents is None:
        return b""
    contents = contents.get_object()
    if isinstance(contents, ArrayObject):
        return b"\n".join(part.get_object().get_data() for part in contents)
    return bytes(contents.get_data())


def _latin1(data: bytes) -> str:
    return data.decode("latin-1")


class _Reader:
    """Reads content streams into `parts`; `seen` holds the form XObjects being read, so that
    a form drawing itself cannot loop."""

    def __init__(self, decoders: dict[Any, Decoder], seen: set[Any]) -> None:
        self.decoders = decoders
        self.seen = seen
        self.parts: list[str] = []
        self.by_name: dict[bytes, Decoder] = {}
        """The decoders of this stream's font names: a page sets its font a hundred times."""

    def read(self, data: bytes, resources: Any, decode: Decoder = _latin1) -> None:
        """Each operator takes the last string, array or name before it as its operand: in
        a well-formed stream that is its own, and in a malformed one at worst a string is
        shown twice, which can only make the leak check find more. `decode` is the font in
        use when the stream begins (a form XObject inherits its page's)."""
        resources = _dictionary(resources)
        fonts = _dictionary(resources.get("/Font"))
        parts = self.parts
        string = name = b""
        array = (0, 0)
        position = 0
        while position < len(data):
            for match in _SCAN.finditer(data, position):
                kind = match.lastgroup
                if kind == "shown":
                    string = match["shown_string"]
                    parts.append(decode(_string_bytes(string)))
                elif kind == "moves":
                    if parts and parts[-1] != "\n":
                        parts.append("\n")
                elif kind == "font":
                    name = match["font_name"]
                    decode = self._decoder(fonts, name)
                elif kind == "string":
                    string = match[kind]
                elif kind == "operator":
                    operator = match[kind]
                    if operator == b"Tj":
                        parts.append(decode(_string_bytes(string)))
                    elif operator == b"Tf":
                        decode = self._decoder(fonts, name)
                    elif operator == b"TJ":
                        parts += _shown(data, *array, decode)
                    elif operator in (b"'", b'"'):
                        parts += ("\n", decode(_string_bytes(string)))
                    elif operator == b"Do":
                        self._form(resources, name, decode)
                    else:  # ID: an inline image's data, binary, up to EI
                        end = _INLINE_IMAGE_END.search(data, match.end())
                        position = end.end() if end else len(data)
                        break
                elif kind == "name":
                    name = match[kind]
                elif kind == "array":
                    array = (match.start(kind) + 1, match.end() - 1)
                elif kind == "open":
                    start = match.start(kind)
                    if match[kind] == b"(":
                        position = _nested_end(data, start)
                        string = data[start:position]
                    else:
                        position = _array_end(data, start)
                        array = (start + 1, position - 1)
                    break
            else:
                return

    def _decoder(self, fonts: DictionaryObject, name: bytes) -> Decoder:
        decoder = self.by_name.get(name)
        if decoder is None:
            decoder = self.by_name[name] = self._font(fonts, _name(name))
        return decoder

    def _font(self, fonts: DictionaryObject, name: str) -> Decoder:
        if name not in fonts:
            return _latin1
        reference = fonts.raw_get(name)
        key = _key(reference)
        decoder = self.decoders.get(key)
        if decoder is None:
            decoder = self.decoders[key] = _font_decoder(reference.get_object())
        return decoder

    def _form(self, resources: DictionaryObject, name: bytes, decode: Decoder) -> None:
        """The text of a form XObject the page draws, with its own resources (or the page's)."""
        xobjects, key_name = _dictionary(resources.get("/XObject")), _name(name)
        if key_name not in xobjects:
            return
        reference = xobjects.raw_get(key_name)
        key = _key(reference)
        form = reference.get_object()
        if key in self.seen or not isinstance(form, StreamObject):
            return
        if form.get("/Subtype") != "/Form":
            return
        self.seen.add(key)
        inner = _Reader(self.decoders, self.seen)
        inner.read(form.get_data(), form.get("/Resources", resources), decode)
        self.parts += ("\n", *inner.parts, "\n")
        self.seen.discard(key)


def _shown(data: bytes, start: int, end: int, decode: Decoder) -> Iterator[str]:
    """The text of a TJ array (its contents are data[start:end]): its strings, and a space
    for each kern that opens a gap."""
    position = start
    while position < end:
        for match in _ELEMENT.finditer(data, position, end):
            kind = match.lastgroup
            if kind == "string":
                yield decode(_string_bytes(match[0]))
            elif kind == "open":
                position = _nested_end(data, match.start())
                yield decode(_string_bytes(data[match.start() : position]))
                break
            elif float(match[0]) < _GAP:
                yield " "
        else:
            return


def _array_end(data: bytes, start: int) -> int:
    """Where the array opening at `start` ends, its strings' parentheses not counted."""
    index = start + 1
    while index < len(data):
        byte = data[index]
        if byte == 0x28:
            index = _nested_end(data, index)
            continue
        if byte == 0x5B:
            index = _array_end(data, index)
            continue
        index += 1
        if byte == 0x5D:
            return index
    return len(data)


def _nested_end(data: bytes, start: int) -> int:
    """Where the literal string opening at `start` ends, counting balanced parentheses."""
    depth, index = 0, start
    while index < len(data):
        byte = data[index]
        if byte == 0x5C:  # backslash: the next byte is escaped
            index += 2
            continue
        if byte == 0x28:
            depth += 1
        elif byte == 0x29:
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1
    return len(data)


def _string_bytes(token: bytes) -> bytes:
    """A string token's bytes: a literal's escapes undone, a hex string's digits read."""
    if token[:1] == b"(":
        return unescape_literal(token[1:-1])
    digits = bytes(b for b in token[1:-1] if b not in b"\x00\t\n\f\r ")
    return bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii"))


def _name(token: bytes) -> str:
    """A name as pypdf keys it: #xx escapes undone."""
    if b"#" in token:
        token = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes.fromhex(m[1].decode()), token)
    return token.decode("utf-8", "replace")


def _font_decoder(font: Any) -> Decoder:
    """Bytes to letters as pypdf decodes them for this font: through its encoding (a codec
    for composite fonts, a table of 256 codes for simple ones), then its ToUnicode map."""
    if not isinstance(font, DictionaryObject):
        return _latin1
    read = Font.from_font_resource(font)
    letters = {
        ord(code): text
        for code, text in read.character_map.items()
        if isinstance(code, str) and len(code) == 1
    }
    encoding = read.encoding
    if isinstance(encoding, dict):
        table = {
            byte: "".join(letters.get(ord(c), c) for c in encoding.get(byte, chr(byte)))
            for byte in range(256)
        }
        return lambda data: data.decode("latin-1").translate(table)

    def decode(data: bytes) -> str:
        try:
            text = data.decode(encoding, "surrogatepass")
        except UnicodeDecodeError:  # an odd number of bytes, or a code no codec knows
            text = data.decode(encoding, "replace")
        return text.translate(letters)

    return decode


def _dictionary(value: Any) -> DictionaryObject:
    value = value.get_object() if value is not None else None
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _key(reference: Any) -> Any:
    """What names one object of the document: its number, or itself when held directly."""
    if isinstance(reference, IndirectObject):
        return (reference.idnum, reference.generation)
    return id(reference)
