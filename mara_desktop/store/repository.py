"""Domain values in and out of the case file's tables.

Order is kept (`position` columns, `seq` for history) so a case reads back exactly as it was
written. Writing happens inside the caller's transaction; this module never commits.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence, Sized
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any, TypeVar

from mara_desktop.domain import (
    Action,
    ActionStatus,
    Attendance,
    AttendanceStatus,
    Case,
    CaseFileContent,
    CaseStatus,
    Conference,
    Consent,
    ConsentState,
    Item,
    Override,
    Person,
    PersonRole,
    Referral,
    ReferralCriterion,
    RepeatDecision,
    Subject,
    instant,
    moment_text,
    parse_moment,
)
from mara_desktop.domain.correction import Corrected, Correction
from mara_desktop.domain.repeats import Referred, confirmed_others, name_key, repeats_of
from mara_desktop.domain.review import Standing
from mara_desktop.store.connection import Connection

T = TypeVar("T")

CHUNK = 500
"""Ids bound in one statement: far under SQLite's limit on parameters (32,766; 999 before
SQLite 3.32), and each id is one search of an index."""

BATCH = 250
"""Cases held at once by a reader of every case (an export): a few megabytes."""


def _ids(values: Iterable[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _date_text(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def existing_ids(conn: Connection, table: str, among: Iterable[str] | None = None) -> set[str]:
    """Every id of the table; with `among`, only which of those it holds, each found by its
    key (an import asks about its own ids, never for a list of every id in the file)."""
    if table not in {"case", "conference"}:
        raise ValueError(table)
    if among is None:
        return {r[0] for r in conn.execute(f'SELECT id FROM "{table}"')}
    found: set[str] = set()
    for chunk in _chunks(list(set(among))):
        select = f'SELECT id FROM "{table}" WHERE id IN ({_marks(chunk)})'
        found.update(r[0] for r in conn.execute(select, chunk))
    return found


def children_involved(conn: Connection, case_ids: Iterable[str]) -> dict[str, bool]:
    """Whether children are involved, for each of the cases the file holds, by key."""
    found: dict[str, bool] = {}
    for chunk in _chunks(list(set(case_ids))):
        select = f'SELECT id, children_involved FROM "case" WHERE id IN ({_marks(chunk)})'
        found.update((r[0], bool(r[1])) for r in conn.execute(select, chunk))
    return found


def names_and_references(conn: Connection) -> list[str]:
    """Every case's reference, then every person's name, in file order: two passes over
    two tables, where reading the cases whole took 13 s at 20,000 cases."""
    references = [r[0] for r in conn.execute('SELECT reference FROM "case" ORDER BY position')]
    names = conn.execute(
        'SELECT person.name FROM person JOIN "case" ON "case".id = person.case_id '
        "WHERE person.name IS NOT NULL AND person.name != '' "
        'ORDER BY "case".position, person.position'
    )
    return references + [r[0] for r in names]


def case_standings(conn: Connection) -> list[Standing]:
    """Every case's standing, in file order: what choosing a case for an agenda and the
    retention list need, without reading any case's parts (one pass over the case table:
    each list is of every case)."""
    rows = conn.execute(
        "SELECT id, reference, status, closed_on, referral_date, children_involved "
        'FROM "case" ORDER BY position'
    )
    return [
        Standing(r[0], r[1], CaseStatus(r[2]), _date(r[3]), date.fromisoformat(r[4]), bool(r[5]))
        for r in rows
    ]


def write_case(conn: Connection, case: Case, position: int, *, replace: bool) -> None:
    """Insert a case, or replace one in place; its history tables are never touched here."""
    r = case.referral
    row = (
        case.reference,
        int(case.children_involved),
        r.date.isoformat(),
        r.agency,
        r.criterion.value,
        r.dash_score,
        int(case.pregnancy),
        case.status.value,
        _date_text(case.closed_on),
        json.dumps(dict(r.dash_answers)) if r.dash_answers else None,
        json.dumps(dict(r.dash_answered_by), ensure_ascii=False) if r.dash_answered_by else None,
        r.incidents_12m,
        _flag(r.victim_aware),
        _flag(r.victim_consents_to_referral),
        r.professional_judgement,
        r.referrer,
        case.transferred_to,
        case.closed_reason,
    )
    if replace:
        conn.execute(
            f'UPDATE "case" SET {", ".join(f"{c} = ?" for c in _CASE_COLUMNS)} WHERE id = ?',
            (*row, case.id),
        )
        for table in ("person", "item", "action"):
            conn.execute(f"DELETE FROM {table} WHERE case_id = ?", (case.id,))
    else:
        conn.execute(
            f'INSERT INTO "case" (id, position, {", ".join(_CASE_COLUMNS)}) '
            f"VALUES (?, ?, {_marks(row)})",
            (case.id, position, *row),
        )
    _write_parts(conn, case)


_CASE_COLUMNS = (
    "reference", "children_involved", "referral_date", "referral_agency", "referral_criterion",
    "dash_score", "pregnancy", "status", "closed_on", "dash_answers", "dash_answered_by",
    "incidents_12m", "victim_aware", "victim_consents_to_referral", "professional_judgement",
    "referrer", "transferred_to", "closed_reason",
)  # fmt: skip
_PERSON_COLUMNS = (
    "case_id", "position", "id", "role", "name", "born", "source", "gender", "ethnicity",
    "minority_ethnic", "disability", "lgbt", "feared", "safe_contact", "name_key", "school",
)  # fmt: skip


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(value)


def _bool(value: int | None) -> bool | None:
    return None if value is None else bool(value)


def person_row(case_id: str, position: int, p: Person) -> tuple[Any, ...]:
    return (
        case_id, position, p.id, p.role.value, p.name, _date_text(p.born), p.source, p.gender,
        p.ethnicity, _flag(p.minority_ethnic), _flag(p.disability), _flag(p.lgbt),
        _flag(p.feared), _flag(p.safe_contact), name_key(p.name), p.school,
    )  # fmt: skip


def _write_parts(conn: Connection, case: Case) -> None:
    conn.executemany(
        f"INSERT INTO person ({', '.join(_PERSON_COLUMNS)}) VALUES ({_marks(_PERSON_COLUMNS)})",
        [person_row(case.id, n, p) for n, p in enumerate(case.people)],
    )
    conn.executemany(
        "INSERT INTO item (case_id, position, id, category, source, subject, text, "
        "restricted_to, person, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                case.id, n, i.id, i.category, i.source, i.subject.value, i.text,
                _ids(i.restricted_to), i.person,
                moment_text(i.recorded_at) if i.recorded_at else None,
            )
            for n, i in enumerate(case.items)
        ],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO action (case_id, position, id, owner, category, text, due, status, "
        "owner_name, source, restricted_to, conference) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                case.id, n, a.id, a.owner, a.category, a.text, _date_text(a.due),
                a.status.value, a.owner_name, a.source, _ids(a.restricted_to), a.conference,
            )
            for n, a in enumerate(case.actions)
        ],
    )  # fmt: skip


def add_consents(conn: Connection, case_id: str, consents: Iterable[Consent]) -> None:
    conn.executemany(
        "INSERT INTO consent (case_id, state, agencies, categories, recorded_at, recorded_by, "
        "person) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (
                case_id, c.state.value, _ids(c.agencies), _ids(c.categories),
                moment_text(c.recorded_at), c.recorded_by, c.person,
            )
            for c in consents
        ],
    )  # fmt: skip


def add_repeat_decisions(
    conn: Connection, case_id: str, decisions: Iterable[RepeatDecision]
) -> None:
    conn.executemany(
        "INSERT INTO repeat_decision (case_id, other, confirmed, decided_by, decided_at) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (case_id, d.other, int(d.confirmed), d.decided_by, moment_text(d.decided_at))
            for d in decisions
        ],
    )


def add_overrides(conn: Connection, case_id: str, overrides: Iterable[Override]) -> None:
    conn.executemany(
        "INSERT INTO override (case_id, categories, agencies, lawful_basis, justification, "
        'decided_by, decided_at, "until") VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
        [
            (
                case_id, _ids(o.categories), _ids(o.agencies), o.lawful_basis,
                o.justification, o.decided_by, moment_text(o.decided_at),
                _date_text(o.until),
            )
            for o in overrides
        ],
    )  # fmt: skip


def write_conference(
    conn: Connection, conference: Conference, position: int, *, replace: bool
) -> None:
    row = (
        conference.title, conference.date.isoformat(), conference.venue, conference.chair,
        conference.minute_taker, _date_text(conference.next_meeting), conference.other_business,
    )  # fmt: skip
    if replace:
        conn.execute(
            "UPDATE conference SET title = ?, date = ?, venue = ?, chair = ?, minute_taker = ?, "
            "next_meeting = ?, other_business = ? WHERE id = ?",
            (*row, conference.id),
        )
        conn.execute("DELETE FROM agenda WHERE conference_id = ?", (conference.id,))
        conn.execute("DELETE FROM attendance WHERE conference_id = ?", (conference.id,))
    else:
        conn.execute(
            "INSERT INTO conference (id, position, title, date, venue, chair, minute_taker, "
            "next_meeting, other_business) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (conference.id, position, *row),
        )
    conn.executemany(
        "INSERT INTO agenda (conference_id, position, case_id) VALUES (?, ?, ?)",
        [(conference.id, n, case_id) for n, case_id in enumerate(conference.agenda)],
    )
    conn.executemany(
        "INSERT INTO attendance (conference_id, position, agency, name, status, "
        "conditionality_signed, information_sent, received_on, left_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                conference.id, n, a.agency, a.name, a.status.value,
                int(a.conditionality_signed), int(a.information_sent), _date_text(a.received_on),
                moment_text(a.left_at) if a.left_at else None,
            )
            for n, a in enumerate(conference.attendance)
        ],
    )  # fmt: skip


def next_position(conn: Connection, table: str) -> int:
    if table not in {"case", "conference"}:
        raise ValueError(table)
    row = conn.execute(f'SELECT coalesce(max(position) + 1, 0) FROM "{table}"').fetchone()
    return int(row[0])


def read_content(conn: Connection) -> CaseFileContent:
    return CaseFileContent(conferences=tuple(read_conferences(conn)), cases=tuple(read_cases(conn)))


def read_conferences(conn: Connection, conference_id: str | None = None) -> list[Conference]:
    """Every conference, or the one asked for, found by its key (the primary keys of the
    conference, agenda and attendance tables all start with the conference's id)."""
    where, args = ("WHERE conference_id = ?", (conference_id,)) if conference_id else ("", ())
    agendas: dict[str, list[str]] = {}
    for cid, case_id in conn.execute(
        f"SELECT conference_id, case_id FROM agenda {where} ORDER BY conference_id, position", args
    ):
        agendas.setdefault(cid, []).append(case_id)
    attendance: dict[str, list[Attendance]] = {}
    for r in conn.execute(
        "SELECT conference_id, agency, name, status, conditionality_signed, information_sent, "
        f"received_on, left_at FROM attendance {where} ORDER BY conference_id, position",
        args,
    ):
        left_at = parse_moment(r[7]) if r[7] else None
        attendance.setdefault(r[0], []).append(
            Attendance(
                r[1], r[2], AttendanceStatus(r[3]), bool(r[4]), bool(r[5]), _date(r[6]), left_at
            )
        )
    where = where.replace("conference_id", "id")
    rows = conn.execute(
        "SELECT id, title, date, venue, chair, minute_taker, next_meeting, other_business "
        f"FROM conference {where} ORDER BY position",
        args,
    )
    return [
        Conference(
            r[0], r[1], date.fromisoformat(r[2]), r[3], r[4],
            tuple(agendas.get(r[0], ())), tuple(attendance.get(r[0], ())),
            r[5], _date(r[6]), r[7],
        )
        for r in rows
    ]  # fmt: skip


def read_cases(
    conn: Connection, case_ids: Iterable[str] | None = None, *, whole: bool = True
) -> list[Case]:
    """Cases in file order; with `case_ids`, only those (in file order), each found by its
    key: the cost is that of the cases asked for, whatever the size of the file.

    `whole` False leaves out each case's information (items) and its repeats: what a log
    of every action of the file reads of each case (its actions and what decides them),
    where the information is most of a case (at 20,000 cases, reading it and matching
    every victim took two thirds of the log's 13 s)."""
    if case_ids is None:
        return [case for batch in case_batches(conn, whole=whole) for case in batch]
    rows: list[Any] = []
    for chunk in _chunks(list(dict.fromkeys(case_ids))):
        rows.extend(
            conn.execute(
                f'SELECT position, id, {", ".join(_CASE_COLUMNS)} FROM "case" '
                f"WHERE id IN ({_marks(chunk)})",
                chunk,
            )
        )
    rows.sort(key=lambda r: int(r[0]))
    parts = _Parts(conn, [r[1] for r in rows], items=whole)
    cases = [_case(r, parts) for r in rows]
    return with_repeats(conn, cases) if whole else cases


def _case(r: Any, parts: _Parts) -> Case:
    answers = json.loads(r[11]) if r[11] else {}
    answered_by = json.loads(r[12]) if r[12] else {}
    referral = Referral(
        date.fromisoformat(r[4]), r[5], ReferralCriterion(r[6]), r[7],
        tuple(answers.items()), tuple(answered_by.items()), r[13], _bool(r[14]),
        _bool(r[15]), r[16], r[17],
    )  # fmt: skip
    return Case(
        id=r[1],
        reference=r[2],
        children_involved=bool(r[3]),
        referral=referral,
        people=tuple(parts.people.get(r[1], ())),
        items=tuple(parts.items.get(r[1], ())),
        actions=tuple(parts.actions.get(r[1], ())),
        consents=tuple(parts.consents.get(r[1], ())),
        overrides=tuple(parts.overrides.get(r[1], ())),
        pregnancy=bool(r[8]),
        status=CaseStatus(r[9]),
        closed_on=_date(r[10]),
        repeat_decisions=tuple(parts.decisions.get(r[1], ())),
        transferred_to=r[18],
        corrections=parts.corrections_of(r[1]),
        closed_reason=r[19],
    )


def with_repeats(conn: Connection, cases: list[Case]) -> list[Case]:
    """The cases with `repeat_of` found among every case of the file (domain/repeats.py)."""
    candidates = victim_candidates(conn, [c for c in cases if c.victim() is not None], near=False)
    return [
        replace(case, repeat_of=repeats_of(case, candidates.get(case.id, ()))) for case in cases
    ]


def victim_candidates(
    conn: Connection, cases: Sequence[Case], *, near: bool = True
) -> dict[str, list[Referred]]:
    """For each case, the file's victims that may be its victim, each found by an index: a
    chunk of values a statement, whatever the number of cases in the file.

    Every case the chair confirmed as the same victim, and every victim of the same folded
    name (an exact match has it); with `near`, also every victim of the same date of birth
    (a near match may have only that). Reading a case needs only its repeats, so it leaves
    the dates out: in a file where many victims share one (a placeholder for "not known"),
    they would be thousands."""
    wanted: dict[str, dict[str, list[str]]] = {"name_key": {}, "born": {}, "person.case_id": {}}
    for case in cases:
        victim = case.victim()
        if victim is None:
            continue
        wanted["name_key"].setdefault(name_key(victim.name), []).append(case.id)
        if near and victim.born is not None:
            wanted["born"].setdefault(victim.born.isoformat(), []).append(case.id)
        for same in confirmed_others(case):
            wanted["person.case_id"].setdefault(same, []).append(case.id)
    found: dict[str, dict[str, Referred]] = {}
    select = (
        'SELECT person.case_id, name_key, born, referral_date, {} FROM person JOIN "case" '
        "ON \"case\".id = person.case_id WHERE role = 'victim' AND {} IN ({})"
    )
    for column, by_value in wanted.items():
        for chunk in _chunks(list(by_value)):
            for r in conn.execute(select.format(column, column, _marks(chunk)), chunk):
                other = Referred(r[0], r[1], _date(r[2]), date.fromisoformat(r[3]))
                for case_id in by_value[r[4]]:
                    found.setdefault(case_id, {})[other.case_id] = other
    return {case_id: list(others.values()) for case_id, others in found.items()}


def case_batches(
    conn: Connection, size: int = BATCH, *, whole: bool = True
) -> Iterator[list[Case]]:
    """Every case in file order, `size` at a time, for an export that must not hold them all.
    The ids are listed first (the one pass over the case table: every case is wanted), then
    each batch is read by key (`whole`: as read_cases)."""
    ids = [r[0] for r in conn.execute('SELECT id FROM "case" ORDER BY position')]
    for chunk in _chunks(ids, size):
        yield read_cases(conn, chunk, whole=whole)


def _chunks(ids: Sequence[str], size: int = CHUNK) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _marks(ids: Sized) -> str:
    return ", ".join("?" * len(ids))


class _Parts:
    """Every part of the cases named, read by key: one search of each table's index on
    (case_id, position or seq) per id, a chunk of ids a statement."""

    def __init__(self, conn: Connection, case_ids: list[str], *, items: bool = True) -> None:
        """`items` False reads no case's information (read_cases, `whole`)."""
        self._conn, self._ids = conn, case_ids
        self.people = self._by_case(
            "SELECT case_id, id, role, name, born, source, gender, ethnicity, minority_ethnic, "
            "disability, lgbt, feared, safe_contact, school FROM person",
            "position",
            _person,
        )
        self.items = (
            self._by_case(
                "SELECT case_id, id, category, source, subject, text, restricted_to, person, "
                "recorded_at FROM item",
                "position",
                _item,
            )
            if items
            else {}
        )
        self.actions = self._by_case(
            "SELECT case_id, id, owner, category, text, due, status, owner_name, source, "
            "restricted_to, conference FROM action",
            "position",
            _action,
        )
        self.consents = self._by_case(
            "SELECT case_id, state, agencies, categories, recorded_at, recorded_by, person "
            "FROM consent",
            "seq",
            _consent,
        )
        self.overrides = self._by_case(
            "SELECT case_id, categories, agencies, lawful_basis, justification, decided_by, "
            'decided_at, "until" FROM override',
            "seq",
            _override,
        )
        self.decisions = self._by_case(
            "SELECT case_id, other, confirmed, decided_by, decided_at FROM repeat_decision",
            "seq",
            _decision,
        )
        self.corrections = {
            table: self._by_case(
                f"SELECT case_id, {key}, record, reason, replaced_at, replaced_by FROM {table}",
                f"{key}, seq",  # the order of the table's index: no sort
                partial(_correction, of),
            )
            for table, key, of in CORRECTION_TABLES
        }

    def corrections_of(self, case_id: str) -> tuple[Correction, ...]:
        """People's and entries' earlier records together, in the order they were replaced
        (each person's and entry's own in the order kept)."""
        found = [c for by_case in self.corrections.values() for c in by_case.get(case_id, ())]
        return tuple(sorted(found, key=lambda c: instant(c.replaced_at)))

    def _by_case(self, select: str, order: str, build: Callable[[Any], T]) -> dict[str, list[T]]:
        found: dict[str, list[T]] = {}
        for chunk in _chunks(self._ids):
            for r in self._conn.execute(
                f"{select} WHERE case_id IN ({_marks(chunk)}) ORDER BY case_id, {order}", chunk
            ):
                found.setdefault(r[0], []).append(build(r))
        return found


def _person(r: Any) -> Person:
    return Person(
        r[1], PersonRole(r[2]), r[3], _date(r[4]), r[5], r[6], r[7], _bool(r[8]), _bool(r[9]),
        _bool(r[10]), _bool(r[11]), _bool(r[12]), r[13],
    )  # fmt: skip


def _correction(of: Corrected, r: Any) -> Correction:
    return Correction(of, r[1], r[2], r[3], parse_moment(r[4]), r[5])


CORRECTION_TABLES = (
    ("person_history", "person", Corrected.PERSON),
    ("item_history", "item", Corrected.ITEM),
)
"""Where each kind of earlier record is kept, and the column naming what it was of."""


def add_corrections(conn: Connection, case_id: str, corrections: Sequence[Correction]) -> None:
    """Keep earlier records (history: the tables refuse any change or deletion)."""
    for table, key, of in CORRECTION_TABLES:
        conn.executemany(
            f"INSERT INTO {table} (case_id, {key}, record, reason, replaced_at, replaced_by) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [
                (case_id, c.id, c.record, c.reason, moment_text(c.replaced_at), c.replaced_by)
                for c in corrections
                if c.of is of
            ],
        )


def _decision(r: Any) -> RepeatDecision:
    return RepeatDecision(r[1], bool(r[2]), r[3], parse_moment(r[4]))


def _item(r: Any) -> Item:
    return Item(
        r[1], r[2], r[3], Subject(r[4]), r[5], tuple(json.loads(r[6])), r[7],
        parse_moment(r[8]) if r[8] else None,
    )  # fmt: skip


def _action(r: Any) -> Action:
    return Action(
        r[1], r[2], r[3], r[4], _date(r[5]), ActionStatus(r[6]), r[7], r[8],
        tuple(json.loads(r[9])), r[10],
    )  # fmt: skip


def _consent(r: Any) -> Consent:
    return Consent(
        ConsentState(r[1]), tuple(json.loads(r[2])), tuple(json.loads(r[3])),
        parse_moment(r[4]), r[5], r[6],
    )  # fmt: skip


def _override(r: Any) -> Override:
    return Override(
        tuple(json.loads(r[1])), tuple(json.loads(r[2])), r[3], r[4], r[5], parse_moment(r[6]),
        _date(r[7]),
    )  # fmt: skip
