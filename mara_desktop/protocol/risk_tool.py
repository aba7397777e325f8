"""The risk checklist as data (resources/risk/dash.toml): its questions and its thresholds.

An area or a country that uses another tool writes another file of the same shape; no
question lives in code. The file is checked as a protocol is: an unknown key, a missing
one, a duplicate question id or a bad threshold is refused naming the file and line.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from mara_desktop.domain.criteria import Thresholds
from mara_desktop.domain.text_rules import IDENTIFIER, LONG_TEXT, SHORT_TEXT, TextKind, text_problem
from mara_desktop.errors import did_you_mean
from mara_desktop.protocol.errors import ProtocolError
from mara_desktop.protocol.locate import Locations, problem_line
from mara_desktop.protocol.model import Protocol
from mara_desktop.resources import resource

_TOOL_KEYS: dict[str, tuple[TextKind, bool]] = {
    "id": (IDENTIFIER, True),
    "name": (SHORT_TEXT, True),
    "published": (LONG_TEXT, False),
}
_THRESHOLD_KEYS = ("high_risk_ticks", "escalation_incidents")
_QUESTION_KEYS: dict[str, tuple[TextKind, bool]] = {
    "id": (IDENTIFIER, True),
    "text": (LONG_TEXT, True),
}
_TABLES = ("tool", "thresholds", "question")


@dataclass(frozen=True)
class Question:
    id: str
    text: str


@dataclass(frozen=True)
class RiskTool:
    id: str
    name: str
    published: str
    questions: tuple[Question, ...]
    thresholds: Thresholds

    @property
    def question_ids(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.questions)


@cache
def bundled_tool() -> RiskTool:
    """The checklist the app records (resources/risk/dash.toml), read once."""
    return load_risk_tool(resource("risk", "dash.toml"))


def protocol_thresholds(protocol: Protocol, tool: RiskTool | None = None) -> Thresholds:
    """The thresholds in force: the protocol's `[risk]` where it sets one, else the tool's."""
    defaults = (tool or bundled_tool()).thresholds
    risk = protocol.risk
    return Thresholds(
        risk.high_risk_ticks or defaults.high_risk_ticks,
        risk.escalation_incidents or defaults.escalation_incidents,
    )


def load_risk_tool(path: Path) -> RiskTool:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ProtocolError(f"{path}: no such risk checklist file.") from None
    except (OSError, UnicodeDecodeError):
        raise ProtocolError(f"{path}: cannot be read as UTF-8 TOML.") from None
    return parse_risk_tool(text, path.name)


def parse_risk_tool(text: str, name: str = "risk.toml") -> RiskTool:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProtocolError(f"{name}: not valid TOML: {error}.") from None
    check = _Check(name, Locations(text))
    tool = check.build(data)
    if check.problems or tool is None:
        problems = check.problems or [f"{name}: not a risk checklist."]
        count = len(problems)
        head = problems[0] if count == 1 else f"{name}: {count} problems in the risk checklist."
        raise ProtocolError(head, details=tuple(problems))
    return tool


class _Check:
    def __init__(self, name: str, where: Locations) -> None:
        self.name, self.where = name, where
        self.problems: list[str] = []

    def problem(self, table: str, entry: int, key: str, message: str) -> None:
        self.problems.append(problem_line(self.name, self.where, table, entry, key, message))

    def build(self, data: dict[str, Any]) -> RiskTool | None:
        for table in data:
            if table not in _TABLES:
                self.problem(table, 0, "", f'unknown table "{table}"{did_you_mean(table, _TABLES)}')
        tool = self._texts("tool", 0, data.get("tool"), _TOOL_KEYS)
        thresholds = self._thresholds(data.get("thresholds"))
        raw = data.get("question")
        if not isinstance(raw, list) or not raw:
            self.problems.append(f"{self.name}: no [[question]] entries; at least one is needed.")
            raw = []
        questions = []
        seen: set[str] = set()
        for number, entry in enumerate(raw, start=1):
            values = self._texts("question", number, entry, _QUESTION_KEYS)
            if values is None:
                continue
            if values["id"] in seen:
                self.problem("question", number, "id", f'duplicate id "{values["id"]}"')
            seen.add(values["id"])
            questions.append(Question(values["id"], values["text"]))
        if tool is None or thresholds is None:
            return None
        return RiskTool(
            tool["id"], tool["name"], tool.get("published", ""), tuple(questions), thresholds
        )

    def _texts(
        self, table: str, entry: int, raw: Any, spec: dict[str, tuple[TextKind, bool]]
    ) -> dict[str, str] | None:
        if not isinstance(raw, dict):
            self.problem(table, entry, "", "is missing or not a table")
            return None
        values: dict[str, str] = {}
        for key in raw:
            if key not in spec:
                self.problem(table, entry, key, f'unknown key "{key}"{did_you_mean(key, spec)}')
        for key, (kind, required) in spec.items():
            value = raw.get(key)
            if value is None:
                if required:
                    self.problem(table, entry, "", f'the key "{key}" is missing')
                continue
            said = (
                "must be text in quotes"
                if not isinstance(value, str)
                else text_problem(value, kind)
            )
            if said:
                self.problem(table, entry, key, said)
            else:
                values[key] = value
        complete = all(k in values for k, (_, required) in spec.items() if required)
        return values if complete else None

    def _thresholds(self, raw: Any) -> Thresholds | None:
        if not isinstance(raw, dict):
            self.problem("thresholds", 0, "", "is missing or not a table")
            return None
        for key in raw:
            if key not in _THRESHOLD_KEYS:
                hint = did_you_mean(key, _THRESHOLD_KEYS)
                self.problem("thresholds", 0, key, f'unknown key "{key}"{hint}')
        values = {}
        for key in _THRESHOLD_KEYS:
            value = raw.get(key)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                self.problem("thresholds", 0, key, "must be a whole number from 1, like 14")
            else:
                values[key] = value
        if len(values) != len(_THRESHOLD_KEYS):
            return None
        return Thresholds(**values)
