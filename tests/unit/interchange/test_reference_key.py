"""A whole file's export carries its key of action references, so that a file made from the
export prints the same references as the minutes already sent; a file that already holds
actions keeps its own key (and says so); a bad key is refused like any bad field."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mara_desktop.demo import DEMO_PASSPHRASE
from mara_desktop.domain import Audience
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.resources import default_protocol_path
from mara_desktop.session import Session
from mara_desktop.store.reference_key import KeyOutcome
from tests.conftest import PASSPHRASE


def _references(session: Session) -> dict[str, str]:
    return {e.key: e.action.reference for e in session.action_log(Audience.chair(), date.today())}


@pytest.fixture
def exported(demo_path: Path, tmp_path: Path) -> tuple[Path, dict[str, str]]:
    out = tmp_path / "demo.json"
    with Session.open(demo_path, passphrase=DEMO_PASSPHRASE) as demo:
        demo.export_interchange(out)
        return out, _references(demo)


def _new(path: Path) -> Session:
    return Session.create(path, PASSPHRASE, default_protocol_path().read_text("utf-8"))


def test_a_file_made_from_an_export_prints_the_same_references(exported, tmp_path):
    data, printed = exported
    assert len(printed) > 20
    with _new(tmp_path / "again.mara") as again:
        report = again.import_interchange(data, update=False)
        assert report.references is KeyOutcome.ADOPTED
        assert _references(again) == printed
        assert again.audit_records()[-1].details["action_references"] == "adopted"


def test_a_file_that_holds_actions_keeps_its_own_references(exported, tmp_path):
    data, printed = exported
    first = tmp_path / "first.json"
    whole = json.loads(data.read_text("utf-8"))
    whole.pop("action_reference_key")
    case = dict(whole["cases"][0], id="elsewhere-1")
    case["actions"] = [{k: v for k, v in a.items() if k != "conference"} for a in case["actions"]]
    whole["cases"], whole["conferences"] = [case], []
    first.write_text(json.dumps(whole), "utf-8")
    with _new(tmp_path / "busy.mara") as busy:
        busy.import_interchange(first, update=False)  # no key given: its own stays
        own = _references(busy)
        assert own
        report = busy.import_interchange(data, update=False)
        assert report.references is KeyOutcome.KEPT
        assert "not those printed by the file they were exported from" in report.summary()
        after = _references(busy)
    assert {k: after[k] for k in own} == own
    assert all(after[k] != printed[k] for k in printed)


def test_a_bad_key_is_refused_and_nothing_is_imported(exported, tmp_path):
    data, _ = exported
    whole = json.loads(data.read_text("utf-8"))
    whole["action_reference_key"] = "not a key"
    data.write_text(json.dumps(whole), "utf-8")
    with _new(tmp_path / "refused.mara") as refused:
        with pytest.raises(InterchangeError, match="action_reference_key: must be 64 hexad"):
            refused.import_interchange(data, update=False)
        assert refused.conferences() == []
