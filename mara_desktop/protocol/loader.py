"""Reading and checking a protocol file (keys pinned in DESIGN.md).

Every problem is collected, not just the first, and each names the file, the line, the
table entry and the key, so a protocol author can fix a draft in one pass. A protocol that
loads is one the disclosure rule can apply without surprises: no unknown id, no rule that
can never apply, no grant that names nothing.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

from mara_desktop.domain import CHAIR, OBSERVER, WILDCARD, Subject
from mara_desktop.domain.text_rules import IDENTIFIER, LONG_TEXT, SHORT_TEXT, text_problem
from mara_desktop.errors import did_you_mean
from mara_desktop.protocol.conditions import ALWAYS, TABLE, Condition, by_id, never_holds
from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.locate import Locations, problem_line
from mara_desktop.protocol.model import (
    Agency,
    Category,
    ConsentMode,
    Group,
    LawfulBasis,
    Protocol,
    RiskSettings,
    Rule,
)
from mara_desktop.protocol.notice_texts import KEYS as NOTICE_KEYS
from mara_desktop.protocol.notice_texts import NoticeTexts

_ID = re.compile(r"^[a-z0-9][a-z0-9_\-]*$")
_RESERVED = {OBSERVER, CHAIR, WILDCARD}

Kind = type | tuple[type, ...]


@dataclass(frozen=True)
class Key:
    kind: str
    """"short" (a name, one line), "long" (text), "id", "bool", "date", "ids", "enum" or
    "count" (a whole number from 1)."""
    required: bool = True
    choices: tuple[str, ...] = ()


_PROTOCOL_KEYS = {
    "id": Key("id"),
    "name": Key("short"),
    "version": Key("short"),
    "jurisdiction": Key("short"),
    "approved_on": Key("date"),
    "review_by": Key("date"),
    "marking": Key("short"),
    "consent_mode": Key("enum", False, tuple(m.value for m in ConsentMode)),
    "header_category": Key("id", False),
    "withheld_notice": Key("long", False),
    "confidentiality_statement": Key("long", False),
    "handling_instructions": Key("long", False),
    "retention": Key("long", False),
    "retention_years": Key("count", False),
}
_ENTRY_KEYS: dict[str, dict[str, Key]] = {
    "lawful_basis": {"id": Key("id"), "text": Key("long")},
    "agency": {
        "id": Key("id"),
        "name": Key("short"),
        "type": Key("short", False),
        "children_only": Key("bool", False),
    },
    "group": {"id": Key("id"), "name": Key("short"), "agencies": Key("ids")},
    "category": {
        "id": Key("id"),
        "name": Key("short"),
        "description": Key("long", False),
        "subject": Key("enum", True, tuple(s.value for s in Subject)),
        "identity": Key("bool", False),
        "locating": Key("bool", False),
    },
    "rule": {
        "categories": Key("ids"),
        "agencies": Key("ids"),
        "when": Key("ids", False),
        "lawful_basis": Key("id"),
    },
}
_NOTICE_KEYS = {key: Key(kind, False) for key, (kind, _) in NOTICE_KEYS.items()}
_RISK_KEYS = {"high_risk_ticks": Key("count", False), "escalation_incidents": Key("count", False)}
"""`[risk]`: the thresholds of the derived criteria (domain/criteria.py); each not given is
the risk checklist's own (resources/risk/dash.toml)."""
_TABLES = ("protocol", "notice", "risk", *_ENTRY_KEYS)
_OPTIONAL_TABLES = ("rule", "group")
_TEXT_KINDS = {"short": SHORT_TEXT, "long": LONG_TEXT, "id": IDENTIFIER}


def load_protocol(path: Path) -> Protocol:
    """Read and check a protocol file; raise `ProtocolError` naming every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProtocolError(f"{path}: no such protocol file.") from None
    except IsADirectoryError:
        raise ProtocolError(f"{path}: is a folder, not a protocol file.") from None
    except UnicodeDecodeError:
        raise ProtocolError(f"{path}: is not a text file (expected UTF-8 TOML).") from None
    except OSError as error:
        raise ProtocolError(f"{path}: cannot be read ({error.strerror}).") from None
    return parse_protocol(text, path.name, text_rules=True)


def parse_protocol(text: str, name: str = "protocol.toml", *, text_rules: bool = False) -> Protocol:
    """Check protocol text (as a file or as kept inside a case file) and build the value.

    With `text_rules`, names, texts and ids are also held to domain/text_rules.py (length,
    no control or bidi characters): every protocol arriving from a file is. A protocol kept
    in a case file was checked as it arrived, perhaps before those rules existed, and must
    still open."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProtocolError(f"{name}: not valid TOML: {error}.") from None
    except RecursionError:  # tomllib reads each level of nesting by a call of its own
        raise ProtocolError(
            f"{name}: arrays or tables are nested too deep to read (a protocol needs two "
            "levels at most)."
        ) from None
    checker = _Checker(name, Locations(text), text_rules)
    protocol = checker.build(data, text)
    if checker.problems or protocol is None:
        raise ProtocolError.from_problems(name, checker.problems)
    return protocol


def protocol_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Checker:
    def __init__(self, name: str, where: Locations, text_rules: bool) -> None:
        self.name = name
        self.where = where
        self.text_rules = text_rules
        self.problems: list[str] = []

    def problem(self, table: str, entry: int, key: str, message: str) -> None:
        self.problems.append(problem_line(self.name, self.where, table, entry, key, message))

    def build(self, data: dict[str, Any], text: str) -> Protocol | None:
        for table in data:
            if table not in _TABLES:
                self.problem(table, 0, "", f'unknown table "{table}"{did_you_mean(table, _TABLES)}')
        header = self._table(data, "protocol", _PROTOCOL_KEYS)
        notice = self._table(data, "notice", _NOTICE_KEYS, required=False) or {}
        risk = self._table(data, "risk", _RISK_KEYS, required=False) or {}
        entries = {name: self._entries(data, name) for name in _ENTRY_KEYS}
        bases = [LawfulBasis(e["id"], e["text"]) for e in entries["lawful_basis"]]
        agencies = [
            Agency(e["id"], e["name"], e.get("type", "other"), e.get("children_only", False))
            for e in entries["agency"]
        ]
        categories = [
            Category(
                e["id"],
                e["name"],
                Subject(e["subject"]),
                e.get("description", ""),
                e.get("identity", False),
                e.get("locating", False),
            )
            for e in entries["category"]
        ]
        for table, ids in (
            ("lawful_basis", [b.id for b in bases]),
            ("agency", [a.id for a in agencies]),
            ("category", [c.id for c in categories]),
        ):
            self._unique(table, ids)
        self._identity_once(categories)
        groups = self._groups(entries["group"], agencies)
        rules = [
            self._rule(n, e, agencies, groups, categories, bases)
            for n, e in _numbered(entries["rule"])
        ]
        if header is None:
            return None
        protocol = self._protocol(
            header, bases, agencies, groups, categories, [r for r in rules if r], text
        )
        if protocol is not None:
            protocol = replace(protocol, notice=NoticeTexts(**notice), risk=RiskSettings(**risk))
        return protocol

    def _groups(self, entries: list[dict[str, Any]], agencies: list[Agency]) -> list[Group]:
        """Groups of real agencies, each named once and never with an agency's id: a group
        id stands where agency ids do, so it must mean one thing; observers, a group and an
        empty list are refused (a group of nobody is a typing slip)."""
        known = {a.id for a in agencies}
        named = {e["id"] for e in entries}
        groups: list[Group] = []
        seen: set[str] = set()
        for number, entry in _numbered(entries):
            group_id, members = entry["id"], entry["agencies"]
            ok = True
            if group_id in seen:
                self.problem("group", number, "id", f'duplicate id "{group_id}"')
                ok = False
            elif group_id in known:
                self.problem(
                    "group",
                    number,
                    "id",
                    f'"{group_id}" is already an agency\'s id; a group needs an id of its own',
                )
                ok = False
            elif group_id in _RESERVED:
                self.problem("group", number, "id", f'"{group_id}" is reserved and cannot be an id')
                ok = False
            seen.add(group_id)
            if not members:
                self.problem("group", number, "agencies", f'group "{group_id}" names no agency')
                ok = False
            for member in dict.fromkeys(members):
                if member in known:
                    continue
                if member in named or member in _RESERVED:
                    said = f'"{member}", which is not an agency (a group lists agencies only)'
                else:
                    said = f'unknown agency "{member}"{did_you_mean(member, sorted(known))}'
                self.problem("group", number, "agencies", f'group "{group_id}" names {said}')
                ok = False
            if len(set(members)) < len(members):
                self.problem("group", number, "agencies", "an agency is listed twice")
                ok = False
            if ok:
                groups.append(Group(group_id, entry["name"], tuple(members)))
        return groups

    def _table(
        self, data: dict[str, Any], table: str, spec: dict[str, Key], *, required: bool = True
    ) -> dict[str, Any] | None:
        raw = data.get(table)
        if raw is None:
            if required:
                self.problems.append(f"{self.name}: the [{table}] table is missing.")
            return None
        if not isinstance(raw, dict):
            entry = 1 if isinstance(raw, list) else 0  # [[table]]: its first entry's line
            self.problem(table, entry, "", f"must be a single table, written [{table}]")
            return None
        return self._keys(table, 0, raw, spec)

    def _entries(self, data: dict[str, Any], table: str) -> list[dict[str, Any]]:
        raw = data.get(table, [])
        if not isinstance(raw, list):
            self.problem(table, 0, "", f"must be a list of tables, written [[{table}]]")
            return []
        if not raw and table not in _OPTIONAL_TABLES:
            self.problems.append(f"{self.name}: no [[{table}]] entries; at least one is needed.")
        checked = []
        for number, entry in _numbered(raw):
            keys = self._keys(table, number, entry, _ENTRY_KEYS[table])
            if keys is not None:
                checked.append(keys)
        return checked

    def _keys(
        self, table: str, entry: int, raw: dict[str, Any], spec: dict[str, Key]
    ) -> dict[str, Any] | None:
        """The entry's values checked against its spec; None when a required key is unusable."""
        values: dict[str, Any] = {}
        complete = True
        for key in raw:
            if key not in spec:
                self.problem(table, entry, key, f'unknown key "{key}"{did_you_mean(key, spec)}')
        for key, rule in spec.items():
            if key not in raw:
                if rule.required:
                    self.problem(table, entry, "", f'the key "{key}" is missing')
                    complete = False
                continue
            value = self._value(table, entry, key, raw[key], rule)
            if value is None:
                complete = complete and not rule.required
            else:
                values[key] = value
        return values if complete else None

    def _value(self, table: str, entry: int, key: str, value: Any, rule: Key) -> Any:
        checks: dict[str, Callable[[Any], tuple[Any, str]]] = {
            "short": _text,
            "long": _text,
            "id": _identifier,
            "bool": _boolean,
            "date": _date,
            "ids": _id_list,
            "enum": lambda v: _choice(v, rule.choices),
            "count": _count,
        }
        checked, message = checks[rule.kind](value)
        if not message and self.text_rules and rule.kind in _TEXT_KINDS:
            message = text_problem(checked, _TEXT_KINDS[rule.kind]) or ""
        if message:
            self.problem(table, entry, key, message)
            return None
        return checked

    def _unique(self, table: str, ids: list[str]) -> None:
        seen: set[str] = set()
        for number, item_id in enumerate(ids, start=1):
            if item_id in seen:
                self.problem(table, number, "id", f'duplicate id "{item_id}"')
            elif item_id in _RESERVED and table != "lawful_basis":
                self.problem(table, number, "id", f'"{item_id}" is reserved and cannot be an id')
            seen.add(item_id)

    def _identity_once(self, categories: list[Category]) -> None:
        seen: set[Subject] = set()
        for number, category in enumerate(categories, start=1):
            if category.identity:
                if category.subject in seen:
                    self.problem(
                        "category",
                        number,
                        "identity",
                        f'a second identity category for subject "{category.subject}"',
                    )
                seen.add(category.subject)

    def _rule(
        self,
        number: int,
        entry: dict[str, Any],
        agencies: list[Agency],
        groups: list[Group],
        categories: list[Category],
        bases: list[LawfulBasis],
    ) -> Rule | None:
        ok = True
        agency_ids = [a.id for a in agencies] + [g.id for g in groups] + [OBSERVER]
        category_ids = [c.id for c in categories]
        for key, known, noun in (
            ("agencies", agency_ids, "agency"),
            ("categories", category_ids, "category"),
        ):
            names = entry[key]
            if not names:
                self.problem("rule", number, key, f"is empty: the rule grants to no {noun}")
                ok = False
            ok = self._known("rule", number, key, names, known, noun, wildcard=True) and ok
        when = entry.get("when", [])
        words = [c.id for c in TABLE]
        ok = self._known("rule", number, "when", when, words, "condition") and ok
        basis = entry["lawful_basis"]
        ok = (
            self._known(
                "rule", number, "lawful_basis", [basis], [b.id for b in bases], "lawful basis"
            )
            and ok
        )
        if not ok:
            return None
        conditions = self._conditions(number, entry, categories)
        if conditions is None:
            return None
        members = {g.id: g.agencies for g in groups}
        return Rule(
            number,
            tuple(entry["categories"]),
            tuple(entry["agencies"]),
            conditions,
            basis,
            self.where.line("rule", number),
            frozenset(a for name in entry["agencies"] for a in members.get(name, ())),
        )

    def _conditions(
        self, number: int, entry: dict[str, Any], categories: list[Category]
    ) -> tuple[Condition, ...] | None:
        """The known conditions of a rule's `when`, without `always` (what an empty list
        means); None, with the problem recorded, when they can never all hold."""
        conditions = tuple(by_id(word) for word in entry.get("when", []))
        subject = {c.id: c.subject for c in categories}
        shared = entry["categories"]
        subjects = None if WILDCARD in shared else [subject[name] for name in shared]
        never = never_holds(conditions, subjects)
        if never:
            self.problem("rule", number, "when", f"the rule can never apply: {never}")
            return None
        return tuple(c for c in conditions if c is not ALWAYS)

    def _known(
        self,
        table: str,
        entry: int,
        key: str,
        names: list[str],
        known: list[str],
        noun: str,
        *,
        wildcard: bool = False,
    ) -> bool:
        ok = True
        seen: set[str] = set()
        for name in names:
            if name in seen:
                self.problem(table, entry, key, f'"{name}" is listed twice')
                ok = False
            seen.add(name)
            if name == WILDCARD and wildcard:
                continue
            if name not in known:
                hint = did_you_mean(name, known)
                self.problem(table, entry, key, f'unknown {noun} "{name}"{hint}')
                ok = False
        if wildcard and WILDCARD in names and len(names) > 1:
            self.problem(table, entry, key, '"*" already means every one; list nothing beside it')
            ok = False
        return ok

    def _protocol(
        self,
        header: dict[str, Any],
        bases: list[LawfulBasis],
        agencies: list[Agency],
        groups: list[Group],
        categories: list[Category],
        rules: list[Rule],
        text: str,
    ) -> Protocol | None:
        approved, review = header["approved_on"], header["review_by"]
        if review <= approved:
            self.problem("protocol", 0, "review_by", "must come after approved_on")
        header_category = header.get("header_category", "referral")
        if header_category not in {c.id for c in categories}:
            hint = did_you_mean(header_category, [c.id for c in categories])
            self.problem(
                "protocol",
                0,
                "header_category",
                f'no category "{header_category}" governs the case header{hint}',
            )
        optional = {
            key: header[key]
            for key in (
                "withheld_notice",
                "confidentiality_statement",
                "handling_instructions",
                "retention",
                "retention_years",
            )
            if key in header
        }
        return Protocol(
            id=header["id"],
            name=header["name"],
            version=header["version"],
            jurisdiction=header["jurisdiction"],
            approved_on=approved,
            review_by=review,
            marking=header["marking"],
            consent_mode=ConsentMode(header.get("consent_mode", "preferred")),
            lawful_bases=tuple(bases),
            agencies=tuple(agencies),
            categories=tuple(categories),
            rules=tuple(rules),
            groups=tuple(groups),
            header_category=header_category,
            source_text=text,
            sha256=protocol_hash(text),
            **optional,
        )


def _numbered(entries: list[Any]) -> list[tuple[int, Any]]:
    return list(enumerate(entries, start=1))


def _text(value: Any) -> tuple[Any, str]:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None, "must be text in quotes"
    text = str(value).strip()
    return (text, "") if text else (None, "must not be empty")


def _identifier(value: Any) -> tuple[Any, str]:
    if not isinstance(value, str) or not _ID.match(value):
        return None, (
            "must be an id of lowercase letters, digits, '-' and '_', "
            "starting with a letter or digit"
        )
    return value, ""


def _boolean(value: Any) -> tuple[Any, str]:
    return (value, "") if isinstance(value, bool) else (None, "must be true or false")


def _date(value: Any) -> tuple[Any, str]:
    if isinstance(value, date) and not hasattr(value, "hour"):
        return value, ""
    if isinstance(value, str):
        try:
            return date.fromisoformat(value), ""
        except ValueError:
            pass
    return None, f"bad date {value!r}: write a date like 2026-03-31"


def _id_list(value: Any) -> tuple[Any, str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None, 'must be a list of ids in quotes, like ["police", "idva"]'
    return value, ""


def _count(value: Any) -> tuple[Any, str]:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        return None, "must be a whole number from 1, like 14"
    return value, ""


def _choice(value: Any, choices: tuple[str, ...]) -> tuple[Any, str]:
    if value in choices:
        return value, ""
    listed = ", ".join(f'"{c}"' for c in choices)
    return None, f"{value!r} is not one of {listed}{did_you_mean(str(value), choices)}"
