"""Reading a whole `mara-interchange/1` document, a case at a time (docs/interchange.md).

A document's text is read a piece at a time (import_file.py), each case is checked as it
comes (reader.py) and the good ones are handed, a batch at a time, to the store, which
writes them inside the import's one transaction (store/importer.py). What spans the
document is kept here as ids: each id given once, none already in the case file unless
updating, what the agendas and the actions refer to. So the document is known to be good
only once it was read to its end: one problem anywhere, even in its last case, and the
store rolls the transaction back; nothing is ever half imported. Every problem is reported
with its JSON path, in the order a check of the whole document at once gives them: the
document's own fields, then the cases', then the conferences', then the actions'
references to conferences.

The case file is asked only about the ids the document gives (`Holdings`), never for a
list of all it holds: at 20,000 cases that list cost an import of 25 cases seconds.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Callable, Collection, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from mara_desktop.domain import Case, CaseFileContent, Conference
from mara_desktop.errors import shortened
from mara_desktop.interchange.checker import Checker
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.interchange.import_file import JsonStream, json_stream
from mara_desktop.interchange.reader import FORMAT, REFERENCE_KEY, Existing, RecordReader
from mara_desktop.protocol.model import Protocol as SharingProtocol

FIELDS = ("format", REFERENCE_KEY, "conferences", "cases")
BATCH = 250
"""Cases checked and handed to the store at a time."""


class Holdings(Protocol):
    """What the case file already holds, asked only about the ids an import gives."""

    def case_ids(self, among: Collection[str]) -> set[str]: ...
    def conference_ids(self, among: Collection[str]) -> set[str]: ...


class DocumentReading:
    """A document being read: `case_batches` first (the good cases, while no problem has
    been found), then `conferences`, which refuses the document if any problem was."""

    def __init__(
        self,
        opened: Callable[[], contextlib.AbstractContextManager[JsonStream]],
        check: DocumentCheck,
    ) -> None:
        self._opened, self._check = opened, check

    def case_batches(self) -> Iterator[list[Case]]:
        check = self._check
        with self._opened() as stream:
            if stream.peek() != "{":
                check.not_an_object(stream.whole())
                return
            for key in stream.members():
                check.field(key)
                if key == "cases" and stream.peek() == "[":
                    yield from check.cases(stream.elements(1))
                elif key == "cases":
                    yield from check.cases_as_given(stream.value(1))
                elif key == "format":
                    check.format(stream.value(1))
                elif key == "conferences":
                    check.conferences(stream.value(1))
                elif key == REFERENCE_KEY:
                    check.reference_key(stream.value(1))
                else:
                    stream.skip(1)

    def conferences(self) -> tuple[Conference, ...]:
        """The document's conferences, once every case was read; InterchangeError naming
        every problem found anywhere otherwise."""
        return self._check.finish()

    @property
    def reference_key(self) -> bytes | None:
        """The exporting file's key of action references, once the document was read."""
        return self._check.key


def read_import(
    path: Path, protocol: SharingProtocol, holdings: Holdings, *, update: bool
) -> DocumentReading:
    """An import file, to be read as the store writes it."""
    return DocumentReading(
        lambda: json_stream(path), DocumentCheck(protocol, holdings, update, str(path))
    )


def read_interchange(
    data: Any, protocol: SharingProtocol, existing: Existing, *, name: str = "import file"
) -> CaseFileContent:
    """A document built in code (tests, benchmarks), read into domain values the way a file
    is read, through its text: there is one way a document is read."""
    text = json.dumps(data, ensure_ascii=False)
    stream = JsonStream(io.StringIO(text), name)
    reading = DocumentReading(
        lambda: contextlib.nullcontext(stream),
        DocumentCheck(protocol, existing, existing.update, name),
    )
    cases = [case for batch in reading.case_batches() for case in batch]
    return CaseFileContent(reading.conferences(), tuple(cases))


class DocumentCheck:
    """The rules of the whole document, fed its parts in the order the file gives them."""

    def __init__(
        self, protocol: SharingProtocol, holdings: Holdings, update: bool, name: str
    ) -> None:
        self._protocol, self._holdings, self._name = protocol, holdings, name
        self._fields = Checker()
        self._given: set[str] = set()
        self._format: Any = None
        self._raw_conferences: Any = None
        self._not_an_object = False
        self._records = RecordReader(protocol)
        """Checks each case; its problems are the cases' own."""
        self._cases = _Ids("cases", holdings.case_ids, update)
        self._update = update
        self._referred: dict[str, date] = {}
        """The referral date of each good case of the document, by id: a conference may not
        hear a case referred after its date."""
        self._references: list[tuple[str, str]] = []
        """(JSON path, conference id) of each action that names a conference."""
        self._conference_ids: set[str] = set()
        self.key: bytes | None = None
        """The document's `action_reference_key`, when it gives a good one."""

    def field(self, key: str) -> None:
        """A field of the document; each may be given once (a file read a piece at a time
        cannot take, as JSON does, the last of two)."""
        if key in self._given:
            where = f"$.{shortened(key)}"
            self._fields.problem(where, f'the field "{shortened(key)}" is given more than once')
        self._given.add(key)
        self._fields.table({key: None}, "$", FIELDS)

    def format(self, value: Any) -> None:
        self._format = value

    def reference_key(self, value: Any) -> None:
        """32 bytes as 64 hexadecimal digits, as an export writes them."""
        if isinstance(value, str) and len(value) == 64 and _is_hex(value):
            self.key = bytes.fromhex(value)
        else:
            self._fields.problem(
                f"{REFERENCE_KEY}", "must be 64 hexadecimal digits, as an export writes it"
            )

    def conferences(self, value: Any) -> None:
        """Kept as given, to be checked once every case id is known."""
        self._raw_conferences = value

    def not_an_object(self, value: Any) -> None:
        self._not_an_object = True
        self._fields.table(value, "$", FIELDS)

    def cases_as_given(self, value: Any) -> Iterator[list[Case]]:
        """`cases` given as something other than a list (a problem, unless null)."""
        return self.cases(self._records.check.items({"cases": value}, "cases", ""))

    def cases(self, entries: Iterable[Any]) -> Iterator[list[Case]]:
        """Check each case; yield the good ones a batch at a time while the document has no
        problem so far."""
        batch: list[tuple[int, Any]] = []
        for entry in enumerate(entries):
            batch.append(entry)
            if len(batch) == BATCH:
                yield from self._checked(batch)
                batch = []
        yield from self._checked(batch)

    def _checked(self, batch: list[tuple[int, Any]]) -> Iterator[list[Case]]:
        if not batch or self._format_refused():
            return
        self._cases.look_up(raw for _, raw in batch)
        good = []
        for index, raw in batch:
            path = f"cases[{index}]"
            case = self._records.case(raw, path)
            self._cases.note(index, raw)
            if case is not None:
                good.append(case)
                self._referred[case.id] = case.referral.date
                self._references.extend(
                    (f"{path}.actions[{n}].conference", action.conference)
                    for n, action in enumerate(case.actions)
                    if action.conference
                )
        if good and not self._problems_so_far():
            yield good

    def _format_refused(self) -> bool:
        return "format" in self._given and self._format != FORMAT

    def _problems_so_far(self) -> bool:
        return bool(
            self._fields.problems
            or self._records.check.problems
            or self._cases.duplicates
            or self._cases.already
        )

    def finish(self) -> tuple[Conference, ...]:
        problems = list(self._fields.problems)
        if not self._not_an_object and self._format != FORMAT:
            found = shortened(repr(self._format))
            problems.append(f'format: must be "{FORMAT}" (found {found})')
        if problems:
            raise self._refusal(problems)
        conferences, conference_problems = self._conferences()
        problems = [
            *self._records.check.problems,
            *self._cases.duplicates,
            *self._cases.already,
            *conference_problems,
            *self._unknown_references(conferences),
        ]
        if problems:
            raise self._refusal(problems)
        return tuple(conferences)

    def _conferences(self) -> tuple[list[Conference], list[str]]:
        """The conferences, checked against every case id the document gave and those of
        the case file's cases their agendas name."""
        records = RecordReader(self._protocol)
        entries = records.check.items({"conferences": self._raw_conferences}, "conferences", "")
        named = {
            case_id
            for entry in entries
            if isinstance(entry, dict) and isinstance(entry.get("agenda"), list)
            for case_id in entry["agenda"]
            if isinstance(case_id, str)
        }
        known = self._cases.seen | self._holdings.case_ids(among=named - self._cases.seen)
        built = [
            records.conference(raw, f"conferences[{index}]", known)
            for index, raw in enumerate(entries)
        ]
        ids = _Ids("conferences", self._holdings.conference_ids, self._update)
        ids.look_up(entries)
        for index, raw in enumerate(entries):
            ids.note(index, raw)
        problems = [
            *records.check.problems,
            *ids.duplicates,
            *ids.already,
            *self._referred_after(entries, built),
        ]
        self._conference_ids = ids.seen
        return [c for c in built if c is not None], problems

    def _referred_after(self, entries: list[Any], built: list[Conference | None]) -> list[str]:
        """A case on the agenda of a meeting held before the case was referred."""
        problems = []
        for index, conference in enumerate(built):
            if conference is None:
                continue
            for place, case_id in enumerate(entries[index].get("agenda") or []):
                referred = self._referred.get(case_id)
                if referred is not None and referred > conference.date:
                    problems.append(
                        f"conferences[{index}].agenda[{place}]: case "
                        f'"{shortened(case_id)}" is referred after this meeting\'s date '
                        "(referral.date is later than the conference's date)"
                    )
        return problems

    def _unknown_references(self, conferences: list[Conference]) -> list[str]:
        named = {conference for _, conference in self._references}
        known = self._conference_ids | self._holdings.conference_ids(
            among=named - self._conference_ids
        )
        return [
            f'{path}: unknown conference "{conference}"'
            for path, conference in self._references
            if conference not in known
        ]

    def _refusal(self, problems: list[str]) -> InterchangeError:
        count = len(problems)
        head = (
            f"{self._name}: {problems[0]}; nothing was imported."
            if count == 1
            else f"{self._name}: {count} problems; nothing was imported."
        )
        return InterchangeError(head, details=tuple(problems))


class _Ids:
    """The ids of one of the document's lists as its entries arrive: each may be given
    once, and may not be one the case file already holds unless updating."""

    def __init__(
        self, key: str, holds: Callable[[Collection[str]], set[str]], update: bool
    ) -> None:
        self._key, self._holds, self._update = key, holds, update
        self.seen: set[str] = set()
        """Ids given so far, even by entries with other problems."""
        self._held: set[str] = set()
        """Those of them the case file held before the import began."""
        self.duplicates: list[str] = []
        self.already: list[str] = []

    def look_up(self, entries: Iterable[Any]) -> None:
        """Ask the case file about the new ids among `entries`, before any is written (an
        id written by this import is then in `seen`, and never asked about)."""
        new = {i for i in map(_id_of, entries) if i is not None} - self.seen
        if new:
            self._held |= self._holds(new)

    def note(self, index: int, entry: Any) -> None:
        entry_id = _id_of(entry)
        if entry_id is None:
            return
        where = f"{self._key}[{index}].id"
        if entry_id in self.seen:
            self.duplicates.append(f'{where}: duplicate id "{shortened(entry_id)}"')
        self.seen.add(entry_id)
        if entry_id in self._held and not self._update:
            noun = self._key.removesuffix("s")
            self.already.append(
                f'{where}: {noun} "{entry_id}" is already in the case file '
                "(use --update to replace it)"
            )


def _id_of(entry: Any) -> str | None:
    """The id as written, even of an entry with other problems, so that one bad entry
    does not make every reference to it a second problem."""
    entry_id = entry.get("id") if isinstance(entry, dict) else None
    return entry_id if isinstance(entry_id, str) else None


def _is_hex(text: str) -> bool:
    return all(c in "0123456789abcdefABCDEF" for c in text)
