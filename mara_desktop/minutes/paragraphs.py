"""Paragraphs laid out once for all the copies of an export, not once per copy.

Most of the minutes' text is the same in many copies: an item shared with ten agencies is
printed in ten copies, in the same style and column. reportlab parses a paragraph's markup
when it is made and breaks it into lines each time it is wrapped (a paragraph is often
wrapped twice: once to see whether it fits, once to place it); the two are about two
thirds of the time a copy takes. Within `sharing()`, a `SharedParagraph` takes both from
the first paragraph with the same text and style object: the 15 copies of
benchmarks/minutes.py are laid out in less than half the time (8.3-8.5 s before, 3.7-4.4 s).

Why the output cannot change: parsing is a function of the text and style only, and line
breaking of the fragments it is given, the style and the widths. reportlab reads the
results when it draws and splits a paragraph but does not change them, with one exception:
a split after a line ending in a word hyphenated at a soft hyphen (U+00AD, which typed text
may hold; the minutes' styles turn every other hyphenation off) changes that word's class in
place. A paragraph holding a soft hyphen is therefore never shared. A paragraph's fragments
change once it is broken (they become a list of words), so the fragments given are part of
the key; every object a key names is kept alive by the cache, so its id cannot be reused
while the cache lives. tests/unit/minutes/test_paragraphs.py checks that a copy's bytes do
not depend on which copies were laid out before it, with paragraphs split across pages.
(Giving a paragraph a fresh parse of its own before a split is no way out: it changes the
bytes, since reportlab splits a paragraph already broken into words with other spaces.)

Outside `sharing()` a `SharedParagraph` is a plain `Paragraph`; a cache holds case text, so
it lives only as long as one export (or one worker process of it).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph


@dataclass
class _Cache:
    parsed: dict[tuple[ParagraphStyle, str], dict[str, Any]] = field(default_factory=dict)
    """The attributes parsing sets (text, frags, style, bulletText), by style and text;
    empty for a text that is never shared (one holding a soft hyphen)."""
    broken: dict[tuple[ParagraphStyle, int, tuple[float, ...]], _Broken] = field(
        default_factory=dict
    )
    """Line breaks by style, id of the fragments broken, and widths."""


@dataclass(frozen=True)
class _Broken:
    lines: Any
    """reportlab's ParaLines."""
    attributes: dict[str, Any]
    """What breaking sets on the paragraph (the fragments become words, the widest line)."""
    fragments: Any
    """The fragments that were broken, kept alive so that their id stays theirs."""


_BREAK_SETS = ("frags", "_width_max", "_splitLongWordCount", "_hyphenations", "height")
"""Every attribute `Paragraph.breakLines` sets on the paragraph (reportlab 5.1)."""

_SOFT_HYPHEN = "\u00ad"
_cache: _Cache | None = None


@contextmanager
def sharing() -> Iterator[None]:
    """Share parsing and line breaks between the paragraphs made inside; forget them after."""
    global _cache  # noqa: PLW0603  (one layout at a time per process, as reportlab's own registries)
    previous, _cache = _cache, _Cache()
    try:
        yield
    finally:
        _cache = previous


def share_for_this_process() -> None:
    """For a worker process that makes copies of one export and then ends."""
    global _cache  # noqa: PLW0603
    _cache = _Cache()


class SharedParagraph(Paragraph):  # type: ignore[misc]  # reportlab ships no type hints
    """A `Paragraph` that reuses the parse and line breaks of an equal one (see above)."""

    def __init__(
        self,
        text: str | None,
        style: ParagraphStyle | None = None,
        bulletText: Any = None,  # noqa: N803  (reportlab's names: splitting passes them)
        frags: Any = None,
        caseSensitive: int = 1,  # noqa: N803
        encoding: str = "utf8",
    ) -> None:
        cache = _cache
        self._shared = False
        if (
            cache is None
            or text is None
            or style is None
            or bulletText is not None
            or frags is not None  # a part made by splitting: its own fragments
            or caseSensitive != 1
        ):
            super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
            return
        key = (style, text)
        parsed = cache.parsed.get(key)
        if parsed:
            super().__init__(text, style, frags=parsed["frags"], encoding=encoding)
            self.__dict__.update(parsed)
            self._shared = True
            return
        super().__init__(text, style, encoding=encoding)
        if parsed is None:  # the first of its kind: shared unless it holds a soft hyphen
            soft = any(_SOFT_HYPHEN in getattr(f, "text", "") for f in self.frags)
            attributes = ("text", "frags", "style", "bulletText")
            cache.parsed[key] = {} if soft else {a: getattr(self, a) for a in attributes}
            self._shared = not soft

    def breakLines(self, width: Any) -> Any:  # noqa: N802  (reportlab's name)
        cache = _cache
        if cache is None or not self._shared:
            return super().breakLines(width)
        widths = tuple(width) if isinstance(width, (list, tuple)) else (width,)
        key = (self.style, id(self.frags), widths)
        broken = cache.broken.get(key)
        if broken is None:
            fragments = self.frags
            lines = super().breakLines(width)
            attributes = {a: getattr(self, a) for a in _BREAK_SETS}
            broken = cache.broken[key] = _Broken(lines, attributes, fragments)
        self.__dict__.update(broken.attributes)
        return broken.lines
