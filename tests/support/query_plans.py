"""What SQLite does for the statements a read or a write issues, counted, never timed: the
statements themselves (SQLite's trace), the plan it makes for each, and the steps its
virtual machine takes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from mara_desktop.store.casefile import CaseFile

CASE_DATA = (
    "case|person|item|action|consent|override|conference|agenda|attendance|repeat_decision"
    "|person_history|item_history"
)
SCAN_OF_CASE_DATA = re.compile(rf"SCAN ({CASE_DATA})\b")
SEARCH_BY_KEY = re.compile(rf"SEARCH ({CASE_DATA}) USING (COVERING )?(INDEX|PRIMARY KEY)")


def statements(case_file: CaseFile, work: Callable[[], object]) -> list[str]:
    """Every statement `work` runs on the case file, with its values in place."""
    seen: list[str] = []
    conn: Any = case_file.connection
    conn.set_trace_callback(seen.append)
    try:
        work()
    finally:
        conn.set_trace_callback(None)
    return seen


def plan(case_file: CaseFile, statement: str) -> list[str]:
    rows = case_file.connection.execute(f"EXPLAIN QUERY PLAN {statement}").fetchall()
    return [str(row[3]) for row in rows]


def scans_of_case_data(case_file: CaseFile, statement: str) -> list[str]:
    return [d for d in plan(case_file, statement) if SCAN_OF_CASE_DATA.match(d)]


def steps(case_file: CaseFile, work: Callable[[], object]) -> int:
    """How many instructions SQLite's virtual machine runs for `work`: a scan runs some for
    every row it passes, a search only for the rows it finds. (The plan alone can mislead:
    SQLite calls `max()` of a column with no index a SEARCH, yet it reads every row.)"""
    count = 0

    def tick() -> int:
        nonlocal count
        count += 1
        return 0

    conn: Any = case_file.connection
    conn.set_progress_handler(tick, 1)
    try:
        work()
    finally:
        conn.set_progress_handler(None, 1)
    return count
