"""Import reads a file a case at a time and writes each batch as it goes, in one
transaction: a problem anywhere, even in the last case, and nothing is imported, not even
an audit record. The case file is asked only about the ids the file gives, each looked up
by its key."""

from __future__ import annotations

import json

import pytest

from mara_desktop.interchange.document import BATCH, read_import
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.store import audit, repository
from mara_desktop.store.importer import ImportReport, import_document
from tests.support.documents import full_document, minimal_case
from tests.support.importing import load
from tests.support.query_plans import scans_of_case_data, statements


def import_file(case_file, path, *, update=False, holdings=None) -> ImportReport:
    """Import `path` as the `import` command does."""
    document = read_import(path, case_file.protocol, holdings or case_file, update=update)
    return import_document(case_file, document, update=update)


def written(path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")


@pytest.fixture
def writes(monkeypatch) -> list[str]:
    """The id of every case written, even if the transaction is later rolled back."""
    ids: list[str] = []
    write_case = repository.write_case

    def counted(conn, case, position, *, replace):
        ids.append(case.id)
        write_case(conn, case, position, replace=replace)

    monkeypatch.setattr(repository, "write_case", counted)
    return ids


def as_it_was(case_file):
    return case_file.content(), audit.records(case_file.connection)


def duplicate_last(data) -> None:
    data["cases"][-1]["id"] = "case-1"
    data["conferences"][0]["agenda"] = ["case-1"]


@pytest.mark.parametrize(
    ("damage", "found", "cases_written"),
    [
        (lambda d: d["cases"][-1]["items"][0].update(category="nope"), "items[0].category", 500),
        (duplicate_last, 'id: duplicate id "case-1"', 500),
        (lambda d: d["conferences"][0]["agenda"].append("case-0"), 'unknown case "case-0"', 505),
    ],
    ids=["last case", "last case's id", "conference after the cases"],
)
def test_a_problem_found_after_cases_were_written_leaves_nothing_imported(
    new_file, tmp_path, writes, damage, found, cases_written
):
    load(new_file, {"format": "mara-interchange/1", "cases": [minimal_case()]})
    new_file.ensure_sound()
    before = as_it_was(new_file)
    data = full_document(2 * BATCH + 5)
    damage(data)
    written(tmp_path / "in.json", data)
    writes.clear()
    with pytest.raises(InterchangeError) as caught:
        import_file(new_file, tmp_path / "in.json")
    assert len(caught.value.details) == 1 and found in caught.value.details[0]
    assert len(writes) == cases_written  # written, then rolled back
    assert as_it_was(new_file) == before


def test_broken_json_after_the_cases_leaves_nothing_imported(new_file, tmp_path, writes):
    new_file.ensure_sound()
    before = as_it_was(new_file)
    text = json.dumps(full_document(2 * BATCH + 5), indent=2)
    assert text.endswith("]\n}")
    (tmp_path / "in.json").write_text(text[:-2] + ',\n  "notes": tru\n}', encoding="utf-8")
    with pytest.raises(InterchangeError, match=r"in\.json:\d+:12: not valid JSON"):
        import_file(new_file, tmp_path / "in.json")
    assert len(writes) == 2 * BATCH + 5
    assert as_it_was(new_file) == before


def test_a_good_file_is_imported_whole_in_file_order(new_file, tmp_path):
    data = full_document(2 * BATCH + 5)
    written(tmp_path / "in.json", data)
    report = import_file(new_file, tmp_path / "in.json")
    ids = [case["id"] for case in data["cases"]]
    assert report.cases_added == ids and report.conferences_added == ["conf-1"]
    assert [case.id for case in new_file.cases()] == ids
    assert audit.records(new_file.connection)[-1].details["cases_added"] == ids


class Asked:
    """The case file's answers, with a note of every id it was asked about."""

    def __init__(self, case_file) -> None:
        self.case_file = case_file
        self.cases: set[str] = set()
        self.conferences: set[str] = set()

    def case_ids(self, among):
        self.cases |= set(among)
        return self.case_file.case_ids(among=among)

    def conference_ids(self, among):
        self.conferences |= set(among)
        return self.case_file.conference_ids(among=among)


def held_and_new(new_file, tmp_path):
    """A file holding 40 cases and a conference; an import of two new cases, one held case
    named by a new conference's agenda, and an action naming the held conference."""
    load(new_file, full_document(40))
    data = full_document(2)
    for case in data["cases"]:
        case["id"] = f"new-{case['id']}"
    data["conferences"][0].update(id="conf-2", agenda=["new-case-1", "case-7"])
    written(tmp_path / "in.json", data)
    return data


def test_the_case_file_is_asked_only_about_the_ids_the_import_gives(new_file, tmp_path):
    held_and_new(new_file, tmp_path)
    asked = Asked(new_file)
    report = import_file(new_file, tmp_path / "in.json", holdings=asked)
    assert report.cases_added == ["new-case-1", "new-case-2"]
    assert asked.cases == {"new-case-1", "new-case-2", "case-7"}
    assert asked.conferences == {"conf-1", "conf-2"}


def test_no_statement_of_an_import_scans_a_table_of_case_data(new_file, tmp_path):
    """The one whole-table read left is `max(position)` of the case table, to place the new
    cases after the others (the position has no index; SQLite's plan calls it a search)."""
    held_and_new(new_file, tmp_path)
    issued = statements(new_file, lambda: import_file(new_file, tmp_path / "in.json"))
    assert any('"case" WHERE id IN' in s for s in issued)
    assert not [s for s in issued if scans_of_case_data(new_file, s)]


def test_a_list_for_an_id_is_a_problem_not_a_crash(new_file):
    from tests.support.importing import problems

    data = full_document(1)
    data["cases"][0]["id"] = ["case-1"]
    data["conferences"][0]["agenda"] = []
    assert problems(new_file, data) == ["cases[0].id: must be text in quotes"]


def test_an_unknown_conference_is_named_at_its_own_case(new_file):
    from tests.support.importing import problems

    data = full_document(2)
    data["cases"][0]["referral"]["agency"] = "nope"
    data["cases"][1]["actions"][0]["conference"] = "conf-9"
    found = problems(new_file, data)
    assert 'cases[1].actions[0].conference: unknown conference "conf-9"' in found
