"""Reads by key: what a meeting reads costs the same in a file kept for six years as in a
new one.

Counted, never timed (tests/support/query_plans.py): the plan SQLite makes for each
statement a read issues (a search by key, never a scan of a table of case data), and the
steps its virtual machine takes (the same in a file of 300 cases as in one of 5)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest

from mara_desktop.domain import ActionStatus, Audience
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import Session
from mara_desktop.store import repository
from mara_desktop.store.casefile import CaseFile
from tests.conftest import PASSPHRASE
from tests.support.documents import full_document
from tests.support.importing import load
from tests.support.query_plans import (
    SCAN_OF_CASE_DATA,
    SEARCH_BY_KEY,
    plan,
    scans_of_case_data,
    statements,
    steps,
)

ASKED = ["case-2", "case-4", "case-5"]


def case_file_of(folder: Path, cases: int, *, one_birthday: bool = False) -> Path:
    """A case file of `cases` full cases and one conference hearing five of them, each case
    of a victim of her own (one victim in every case would make each case a repeat of all
    the others: a read's work grows with the victim's cases, not with the file). With
    `one_birthday`, every victim has the same date of birth and a name a letter or two
    from the next one's (a file where "not known" was typed as 1 January 1900)."""
    path = folder / f"{cases}{'-one-birthday' if one_birthday else ''}.mara"
    data = full_document(cases)
    for number, case in enumerate(data["cases"]):
        victim = case["people"][0]
        victim["name"] = f"{victim['name']} {number}"
        born = date(1900, 1, 1) if one_birthday else date(1960, 1, 1) + timedelta(days=number)
        victim["born"] = born.isoformat()
    data["conferences"][0]["agenda"] = data["conferences"][0]["agenda"][:5]
    with CaseFile.create(path, PASSPHRASE, default_protocol_path().read_text("utf-8")) as made:
        load(made, data)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reads-by-key")
    return {"small": case_file_of(folder, 5), "large": case_file_of(folder, 300)}


@contextmanager
def opened(path: Path) -> Iterator[CaseFile]:
    with CaseFile.open(path, passphrase=PASSPHRASE, read_only=True) as case_file:
        yield case_file


READS: dict[str, Callable[[CaseFile], object]] = {
    "several cases": lambda f: f.cases(ASKED),
    "one case": lambda f: f.case("case-4"),
    "a conference": lambda f: f.conference("conf-1"),
    "a conference's cases": lambda f: f.cases(list(f.conference("conf-1").agenda)),
    "which cases exist": lambda f: f.case_ids(among=["case-3", "case-999"]),
    "which conferences exist": lambda f: f.conference_ids(among=["conf-1", "conf-9"]),
}


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
def test_each_statement_of_a_read_searches_by_key(files, read):
    with opened(files["large"]) as case_file:
        issued = statements(case_file, lambda: read(case_file))
        assert issued
        for statement in issued:
            detail = plan(case_file, statement)
            assert any(SEARCH_BY_KEY.match(d) for d in detail), (statement, detail)
            assert not scans_of_case_data(case_file, statement), (statement, detail)


def test_the_plan_check_sees_a_scan_when_every_case_is_read(files):
    with opened(files["large"]) as case_file:
        details = [d for s in statements(case_file, case_file.cases) for d in plan(case_file, s)]
    assert any(SCAN_OF_CASE_DATA.match(d) for d in details)


@pytest.mark.parametrize("read", READS.values(), ids=READS.keys())
def test_a_read_takes_as_many_steps_in_a_large_file_as_in_a_small_one(files, read):
    with opened(files["small"]) as small, opened(files["large"]) as large:
        assert read(small) == read(large)
        in_small, in_large = steps(small, lambda: read(small)), steps(large, lambda: read(large))
    assert in_large <= in_small * 1.2, (in_small, in_large)


def test_victims_sharing_a_date_of_birth_cost_a_read_nothing(tmp_path):
    """Reading a case finds its repeats (same name and date of birth) by the name's index:
    the victims of other names born the same day, near matches at most, are not read."""
    small = case_file_of(tmp_path, 5, one_birthday=True)
    large = case_file_of(tmp_path, 300, one_birthday=True)
    with opened(small) as in_small, opened(large) as in_large:
        read = READS["a conference's cases"]
        assert read(in_small) == read(in_large)
        assert all(case.repeat_of == () for case in read(in_large))
        counted = steps(in_small, lambda: read(in_small)), steps(in_large, lambda: read(in_large))
    assert counted[1] <= counted[0] * 1.2, counted


def test_a_read_of_every_case_takes_steps_for_every_case(files):
    with opened(files["small"]) as small, opened(files["large"]) as large:
        assert steps(large, large.cases) > 20 * steps(small, small.cases)


def test_cases_come_back_in_file_order_whatever_the_order_asked(files):
    with opened(files["large"]) as case_file:
        asked = ["case-250", "case-3", "case-120", "case-3", "case-999"]
        assert [c.id for c in case_file.cases(asked)] == ["case-3", "case-120", "case-250"]
        every = case_file.cases()
        assert [c.id for c in every] == [f"case-{n}" for n in range(1, 301)]
        assert case_file.cases(asked[:3]) == [every[2], every[119], every[249]]


def test_more_ids_than_one_statement_binds_are_read_in_chunks(files):
    with opened(files["large"]) as case_file:
        asked = [f"case-{n}" for n in range(300, 0, -1)] + [f"nope-{n}" for n in range(1000)]
        assert len(asked) > repository.CHUNK
        assert case_file.cases(asked) == case_file.cases()
        assert case_file.case_ids(among=asked) == case_file.case_ids()


DAY = date(2026, 12, 2)


def test_the_retention_list_reads_no_case_s_people_entries_or_actions(files):
    """The retention list is of every case of the file, so it reads each case's standing
    (status, closing day, referral day) and nothing of its parts: at 20,000 cases, reading
    them whole took 10 s and 290 MB (benchmarks/README.md)."""
    with opened(files["large"]) as case_file:
        issued = statements(case_file, lambda: Session(case_file).retention(DAY))
    assert issued
    parts = re.compile(r"\b(FROM|JOIN)\s+\"?(person|item|action|consent|override)\b", re.I)
    assert [s for s in issued if parts.search(s)] == []


def test_the_action_log_reads_no_case_s_information(files):
    """A log of every action of the file reads each case's actions and what decides them,
    never its information (most of a case: at 20,000 cases the log took 13 s with it)."""
    with opened(files["large"]) as case_file:
        session = Session(case_file)
        issued = statements(case_file, lambda: session.action_log(Audience.of(["police"]), DAY))
        whole = statements(case_file, lambda: session.withheld_from_log(Audience.chair(), DAY))
    information = re.compile(r"\bFROM\s+\"?item\b", re.I)
    assert issued and not [s for s in issued if information.search(s)]
    assert [s for s in whole if information.search(s)]  # a file of the log is checked whole


def test_a_progress_report_reads_the_case_of_its_action_alone(files, tmp_path):
    """A report names one action: finding it built the whole log, every case read and put
    to the rule, seconds per report in a file kept for years. Named as CASE/ACTION (as the
    Action log window names it), it costs the same in any file; a printed reference is
    found from the action table's keys (tests/unit/session/test_action_updates.py)."""
    counted = []
    for size in ("small", "large"):
        path = shutil.copy(files[size], tmp_path / f"{size}.mara")
        with CaseFile.open(path, passphrase=PASSPHRASE) as case_file:
            session = Session(case_file)
            case = case_file.case("case-2")
            assert case is not None
            key = f"case-2/{case.actions[0].id}"

            def report(session: Session = session, key: str = key) -> None:
                session.record_typed_update(key, ActionStatus.DONE, "", "J. Smith, Housing", DAY)

            counted.append(steps(case_file, report))
            assert case_file.action_updates()[("case-2", case.actions[0].id)]
    small, large = counted
    assert large <= small * 1.2, (small, large)
