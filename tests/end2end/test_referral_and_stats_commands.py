"""The referral's derived criteria and the quarterly return as a user gets them from the
command line, on a hand-built file whose figures were counted by hand."""

from __future__ import annotations

import csv
import json

import pytest

from mara_desktop.domain import Audience
from mara_desktop.session import Session
from mara_desktop.views.serialize import case_view_data
from tests.conftest import PASSPHRASE
from tests.support.cli import run
from tests.support.pdf_text import page_texts
from tests.support.referrals import document_of, referred_case


def _case(case_id: str, date: str, agency: str, victim: str, born: str, *, children: int = 0,
          **victim_fields: object) -> dict:  # fmt: skip
    made = referred_case(case_id, date=date, victim=victim, born=born, **victim_fields)
    made["referral"]["agency"] = agency
    made["children_involved"] = children > 0
    made["people"] += [
        {"id": f"k{n}", "role": "child", "name": f"Child {n}", "born": "2019-01-05"}
        for n in range(children)
    ]
    return made


CASES = [
    _case("a", "2026-10-01", "police", "Zofia Przykładowa", "1990-04-02", children=2,
          gender="female", ethnicity="Polish", minority_ethnic=True, disability=False),
    _case("b", "2026-10-10", "idva", "Kim Example", "2009-11-20", children=1,
          gender="male", lgbt=True),
    _case("c", "2026-10-12", "police", "ZOFIA  przykladowa", "1990-04-02"),
    _case("d", "2026-12-01", "csc", "Ann Other", "1980-01-01", minority_ethnic=True),
    _case("e", "2027-01-01", "police", "Eve Late", "1985-05-05", gender="male"),
]  # fmt: skip


def _conference(conference_id: str, date: str, agenda: list[str]) -> dict:
    present = [
        {"agency": a, "name": f"Officer of {a}", "status": "present"}
        for a in ("police", "idva", "csc", "housing", "gp")
    ]
    return {"id": conference_id, "title": "MARAC", "date": date, "venue": "Hall",
            "chair": "DI Sam Example", "agenda": agenda, "attendance": present}  # fmt: skip


CONFERENCES = [
    _conference("q", "2026-10-15", ["a", "b", "c"]),
    _conference("r", "2026-12-31", ["b", "d"]),
    _conference("x", "2027-01-05", ["e"]),
]
EXPECTED = {
    "cases": 5,  # a, b, c at q; b again and d at r; e is heard after the range
    "repeats": 1,  # c: the same victim as a, folded, referred 11 days later
    "children": 4,  # a's two, b's one at each of its two hearings
    "referrals_by_agency": {"csc": 1, "idva": 2, "police": 2},
    "victims_male": 2,  # b, twice (e is out of the range)
    "victims_16_17": 2,  # b is 16 on her referral date, twice
    "victims_disabled": 0,
    "victims_lgbt": 2,
    "victims_minority_ethnic": 2,  # a and d
}


@pytest.fixture(scope="module")
def case_file(tmp_path_factory):
    folder = tmp_path_factory.mktemp("stats")
    path = folder / "case.mara"
    assert run("create", path, passphrase=PASSPHRASE).returncode == 0
    data = folder / "data.json"
    data.write_text(json.dumps(document_of(*CASES, conferences=CONFERENCES)), "utf-8")
    imported = run("import", path, data, passphrase=PASSPHRASE)
    assert imported.returncode == 0, imported.stderr
    return path


def test_stats_as_json_counts_each_hearing_in_the_range(case_file):
    result = run("stats", case_file, "--from", "2026-10-01", "--to", "2026-12-31", "--json",
                 passphrase=PASSPHRASE)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED


def test_the_csv_that_leaves_the_area_suppresses_counts_of_1_to_4(case_file, tmp_path):
    out = tmp_path / "return.csv"
    result = run("stats", case_file, "--from", "2026-10-01", "--to", "2026-12-31", "--csv", out,
                 passphrase=PASSPHRASE)  # fmt: skip
    assert result.returncode == 0, result.stderr
    with out.open(newline="", encoding="utf-8") as handle:
        rows = dict(csv.reader(handle))
    assert rows.pop("figure") == "count"
    assert rows == {
        "cases": "5", "repeats": "<5", "children": "<5",
        "referrals_by_agency.csc": "<5", "referrals_by_agency.idva": "<5",
        "referrals_by_agency.police": "<5", "victims_male": "<5", "victims_16_17": "<5",
        "victims_disabled": "0", "victims_lgbt": "<5", "victims_minority_ethnic": "<5",
    }  # fmt: skip
    assert out.stat().st_mode & 0o777 == 0o600


def test_a_range_that_ends_before_it_starts_is_refused(case_file):
    result = run("stats", case_file, "--from", "2026-12-31", "--to", "2026-10-01",
                 passphrase=PASSPHRASE)  # fmt: skip
    assert result.returncode == 1 and "--to must not come before --from" in result.stderr


@pytest.mark.parametrize(
    ("audience", "header"),
    [
        ("chair", {"dash_ticks": 15, "criteria": ["visible_high_risk", "repeat"],
                   "repeat_of": ["a"]}),
        ("police,idva", {"dash_ticks": 15, "criteria": ["visible_high_risk", "repeat"],
                         "repeat_of": ["a"]}),
        ("observer", None),
    ],
)  # fmt: skip
def test_view_prints_the_derived_criteria_to_whoever_may_see_the_header(
    case_file, audience, header
):
    result = run("view", case_file, "--case", "c", "--as", audience, "--json",
                 passphrase=PASSPHRASE)  # fmt: skip
    assert result.returncode == 0, result.stderr
    shown = json.loads(result.stdout)["header"]
    if header is None:
        assert shown is None
    else:
        assert {k: shown[k] for k in header} == header


AGENCIES = ["police", "idva", "csc", "asc", "gp", "hospital", "mental-health", "probation",
            "housing", "education", "drug-alcohol", "specialist", "fire", "observer"]  # fmt: skip


def test_self_identified_fields_reach_no_agency(case_file, tmp_path):
    """Polish (a's own word for her ethnicity) is in no agency's view or minutes; the
    chair's view does not print it either: it is for the statistics. One agency's view is
    asked of the command, every agency's of the session the command prints from."""
    result = run("view", case_file, "--case", "a", "--as", "police", "--json",
                 passphrase=PASSPHRASE)  # fmt: skip
    assert result.returncode == 0, result.stderr
    printed = [result.stdout]
    with Session.open(case_file, passphrase=PASSPHRASE, read_only=True) as session:
        for agency in AGENCIES:
            view = session.case_view("a", Audience.of([agency]))
            printed.append(json.dumps(case_view_data(view), ensure_ascii=False))
    for text in printed:
        assert "Polish" not in text
        assert not {"gender", "ethnicity", "lgbt", "disability"} & {
            key for person in json.loads(text)["people"] for key in person
        }
    out = tmp_path / "minutes"
    made = run("minutes", case_file, "--conference", "q", "--all", "--out", out,
               passphrase=PASSPHRASE)  # fmt: skip
    assert made.returncode == 0, made.stderr
    pdfs = sorted(out.glob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        text = " ".join(page_texts(pdf.read_bytes()))
        assert "Polish" not in text and "LGBT" not in text


def test_bad_input_is_one_sentence_and_saves_nothing(case_file, tmp_path):
    bad = referred_case("z")
    bad["referral"]["dash_answers"]["q25"] = True
    data = tmp_path / "bad.json"
    data.write_text(json.dumps(document_of(bad)), "utf-8")
    result = run("import", case_file, data, passphrase=PASSPHRASE)
    assert result.returncode == 4
    assert "cases[0].referral.dash_answers.q25: the checklist has 24 questions" in result.stderr
    assert "Traceback" not in result.stderr
    shown = run("view", case_file, "--case", "z", "--as", "chair", passphrase=PASSPHRASE)
    assert shown.returncode != 0
