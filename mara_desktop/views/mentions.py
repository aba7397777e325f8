"""The free-text check: visible text that mentions what its readers may not see.

The disclosure rule decides entry by entry; free text gets round it. "Arrange a carer's
assessment with her daughter Susan" is shown to every agency while Susan herself is shown
to one. The leak check (minutes/leak_check.py) cannot help: it looks for a withheld value
copied whole into a copy and refuses the copy; a mention is a few words of it, in an entry
the audience may see. This check lists such mentions for the chair, who decides (reword,
share without consent, or keep as written): it asks, it never refuses.

What is looked for, in the text of every item and action the audience may see, for each
entry of the same case withheld from it (decided by the same rule, as of the same date, as
the audience's view):
- a withheld person's name: each word of it (given and family names) of at least
  MIN_NAME_LETTERS letters, compared as whole words with case and accents folded (the
  folding of domain/repeats.py, which matches repeat victims), except words of a name the
  audience is shown for the same case (the victim's family name, shared by a withheld
  child, tells the audience nothing new); the person's date of birth, written with digits
  (3/7/1990, 03.07.1990, 1990-07-03);
- a withheld item's or action's values, found by their form, never its ordinary words
  (those would flood the chair with "the", "police", "seen"):
  a number of at least MIN_DIGITS digits (a phone, an NHS or case number; spaces, dots,
  dashes and brackets inside are ignored, and a date is not such a number); an e-mail
  address; and an address's first line: a house number and the two words after it when
  both start with a capital ("12 Elm Road");
- a withheld header's case reference, its words in a row.
Nothing here holds a value beyond the findings, which only the chair may see.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from mara_desktop.domain import Audience, Case, Conference, Person
from mara_desktop.domain.repeats import name_key
from mara_desktop.protocol.rule import Decision, Disclosable, DisclosureRule
from mara_desktop.views.builder import HEADER_ID, case_entries, hearing_order

MIN_NAME_LETTERS = 3
"""Shorter name words ("Jo", "Al", "Li") are ordinary words or initials too often to search
for alone; the rest of the name is still searched."""
MIN_DIGITS = 7
"""Shorter numbers are house numbers, counts and years: the same in many entries by chance."""

_WORD = re.compile(r"\w+")
_DIGIT_RUN = re.compile(r"\d[\d .()/+-]*\d")
_DATE = re.compile(r"\b(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})\b")
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63})+")
"""Bounded and anchored where an address starts: unbounded, a 50,000-letter word without
an "@" cost 5 s to search (every start scanned to the word's end)."""
_ADDRESS = re.compile(r"\b\d{1,4}[^\W\d_]?\s+[^\W\d_][\w'-]*\s+[^\W\d_][\w'-]*")


class MentionKind(StrEnum):
    NAME = "name"
    VALUE = "value"


@dataclass(frozen=True)
class Mention:
    """An entry `audience` may see (`entry_id`, an item or an action of case `case_id`)
    whose text mentions `mentioned` of the entry withheld from it (`withheld_id`: a
    person, an item or an action). `mentioned` and `reason` are for the chair only."""

    case_id: str
    case_reference: str
    entry_id: str
    entry_kind: str
    """"item" or "action"."""
    audience: tuple[str, ...]
    kind: MentionKind
    mentioned: tuple[str, ...]
    """The withheld words or values, as recorded in the withheld entry."""
    withheld_id: str
    withheld_category: str
    """The category of the withheld entry: what an override would have to share."""
    reason: str

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What the chair's answer is about, in ids only (audited as such)."""
        return (",".join(self.audience), self.case_id, self.entry_id, self.withheld_id)


def folded_words(text: str) -> list[str]:
    """The words of `text` as names are compared: case and accents folded (repeats.py).
    An ASCII word's key is its lower case: the quick way for most of what is written."""
    if text.isascii():
        return _WORD.findall(text.lower())
    return [name_key(word) for word in _WORD.findall(text)]


@dataclass(frozen=True)
class _Needle:
    """One thing to look for: `words` in a row (folded), or a number's `digits`, or a date."""

    shown: str
    words: tuple[str, ...] = ()
    digits: str = ""
    day: date | None = None


@dataclass(frozen=True)
class _Text:
    """A visible entry's text, read once for every audience: its folded words, the digits
    of its numbers and the dates it writes."""

    entry_id: str
    kind: str
    words: frozenset[str]
    spaced: str
    """The folded words joined by single spaces, with a space at each end: words in a row
    are one substring of it."""
    digits: tuple[str, ...]
    days: frozenset[date]

    @classmethod
    def of(cls, entry_id: str, kind: str, text: str) -> _Text:
        runs = [m.group() for m in _DIGIT_RUN.finditer(text)]
        words = folded_words(text)
        return cls(
            entry_id,
            kind,
            frozenset(words),
            f" {' '.join(words)} ",
            tuple(digits for run in runs if (digits := _digits(run))),
            frozenset(_dates(text)),
        )

    def holds(self, needle: _Needle) -> bool:
        if needle.day is not None:
            return needle.day in self.days
        if needle.digits:
            return any(needle.digits in run for run in self.digits)
        if len(needle.words) == 1:
            return needle.words[0] in self.words
        return bool(needle.words) and f" {' '.join(needle.words)} " in self.spaced


def _digits(run: str) -> str:
    """A number's digits, when it has enough of them and is not a date."""
    if _DATE.fullmatch(run.strip()):
        return ""
    digits = "".join(c for c in run if c.isdigit())
    return digits if len(digits) >= MIN_DIGITS else ""


def _dates(text: str) -> Iterator[date]:
    """Dates written with digits, read day first or year first (3/7/1990, 1990-07-03)."""
    for match in _DATE.finditer(text):
        first, middle, last = (int(part) for part in match.groups())
        for year, month, day in ((last, middle, first), (first, middle, last)):
            if year < 1000:
                continue
            try:
                written = date(year, month, day)
            except ValueError:
                continue
            yield written


def name_needles(person: Person, shown_words: frozenset[str]) -> list[_Needle]:
    """A withheld person's name words and date of birth."""
    needles = [
        _Needle(word, words=(key,))
        for word in _WORD.findall(person.name)
        if len(key := name_key(word)) >= MIN_NAME_LETTERS
        and not key.isdigit()
        and key not in shown_words
    ]
    if person.born is not None:
        needles.append(_Needle(person.born.isoformat(), day=person.born))
    return needles


def value_needles(text: str) -> list[_Needle]:
    """A withheld entry's values, found by their form (the module's docstring)."""
    needles = [
        _Needle(run.strip(), digits=digits)
        for run in (m.group() for m in _DIGIT_RUN.finditer(text))
        if (digits := _digits(run))
    ]
    needles += [
        _Needle(found, words=tuple(folded_words(found)))
        for found in (m.group() for m in _EMAIL.finditer(text))
    ]
    for match in _ADDRESS.finditer(text):
        _number, first, second = match.group().split(maxsplit=2)
        if first[0].isupper() and second[0].isupper():
            needles.append(_Needle(match.group(), words=tuple(folded_words(match.group()))))
    return needles


class CaseTexts:
    """One case's texts and the needles of each of its entries, made once and searched for
    each audience (an export checks every copy of the same cases)."""

    def __init__(self, case: Case, entries: Mapping[str, Disclosable]) -> None:
        self.case = case
        self.entries = entries
        self.texts = {
            **{i.id: _Text.of(i.id, "item", i.text) for i in case.items},
            **{a.id: _Text.of(a.id, "action", a.text) for a in case.actions},
        }
        self.people = {p.id: p for p in case.people}
        self._values = {
            entry_id: value_needles(entry.text)
            for entry_id, entry in entries.items()
            if entry_id not in self.people
        }
        reference = _Needle(case.reference, words=tuple(folded_words(case.reference)))
        self._values[HEADER_ID] = [reference]

    def needles(self, entry_id: str, shown_words: frozenset[str]) -> list[_Needle]:
        """A person's name and date of birth; the case's reference; an entry's values."""
        person = self.people.get(entry_id)
        if person is not None:
            return name_needles(person, shown_words)
        return self._values.get(entry_id, [])


def case_mentions(
    rule: DisclosureRule,
    texts: CaseTexts,
    audience: Audience,
    on: date | None,
    only: Collection[str] | None = None,
    decided: Mapping[str, Decision] | None = None,
) -> list[Mention]:
    """Every mention, in the text of an entry `audience` may see, of an entry of the same
    case withheld from it, as of `on`; with `only`, in those entries' texts alone.
    `decided`: the rule's decision for each entry, when the caller made them already."""
    case = texts.case
    if decided is None:
        decided = {i: rule.decide(e, audience, case, on) for i, e in texts.entries.items()}
    decisions = decided
    withheld = [i for i, d in decisions.items() if not d.visible]
    if not withheld:
        return []
    shown_words = frozenset(
        word for p in case.people if decisions[p.id].visible for word in folded_words(p.name)
    )
    searched = [
        text
        for i, text in texts.texts.items()
        if decisions[i].visible and (only is None or i in only)
    ]
    members = tuple(audience.sorted())
    found: list[Mention] = []
    for withheld_id in withheld:
        needles = texts.needles(withheld_id, shown_words)
        entry = texts.entries[withheld_id]
        for text in searched if needles else ():
            hits = [n.shown for n in needles if text.holds(n)]  # most texts: none
            if hits:
                found.append(
                    Mention(
                        case.id,
                        case.reference,
                        text.entry_id,
                        text.kind,
                        members,
                        MentionKind.NAME if withheld_id in texts.people else MentionKind.VALUE,
                        tuple(dict.fromkeys(hits)),
                        withheld_id,
                        entry.category,
                        decisions[withheld_id].reason,
                    )
                )
    return sorted(found, key=lambda m: (m.entry_id, m.withheld_id))


def conference_mentions(
    rule: DisclosureRule,
    conference: Conference,
    cases: Mapping[str, Case],
    audiences: Iterable[Audience],
) -> dict[Audience, list[Mention]]:
    """The mentions each audience's minutes of `conference` would print, case by case in
    the hearing order, decided as of the conference's date as the minutes are. A case's
    entries are put to the rule once for all the audiences of one agency (an export's
    copies: `DisclosureRule.decide_for_each`, the same decisions in one pass)."""
    wanted = list(audiences)
    alone = {audience: _only_agency(audience) for audience in wanted}
    agencies = tuple(dict.fromkeys(a for a in alone.values() if a is not None))
    found: dict[Audience, list[Mention]] = {audience: [] for audience in wanted}
    for case in hearing_order(conference, cases):
        texts = CaseTexts(case, case_entries(case, rule.protocol))
        each = rule.decide_for_each(list(texts.entries.values()), agencies, case, conference.date)
        decided = {
            agency: dict(zip(texts.entries, (d[n] for d in each), strict=True))
            for n, agency in enumerate(agencies)
        }
        for audience, agency in alone.items():
            found[audience] += case_mentions(
                rule,
                texts,
                audience,
                conference.date,
                decided=decided.get(agency) if agency else None,
            )
    return found


def _only_agency(audience: Audience) -> str | None:
    """The agency an audience of one agency is (not the chair, not a room)."""
    if audience.is_chair or len(audience.agencies) != 1:
        return None
    (agency,) = audience.agencies
    return agency
