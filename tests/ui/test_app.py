"""Starting the app: the demo claimed like any file; a bug inside a window reported in one
sentence that never quotes case data, and an app error as its own sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from mara_desktop.session import DamagedCaseFile
from mara_desktop.store.in_use import is_in_use
from mara_desktop.ui import app


def test_an_unexpected_error_names_only_its_kind(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    monkeypatch.delenv("MARA_DEBUG", raising=False)
    secret = "Lives at Flat 4, 12 Example Row"
    try:
        raise ValueError(secret)
    except ValueError as error:
        app.report_unexpected(type(error), error, error.__traceback__)
    err = capsys.readouterr().err
    assert "ValueError" in err and "ValueError" in shown[0]
    assert secret not in err and secret not in shown[0]
    assert "Traceback" not in err


def test_an_app_error_no_window_caught_is_shown_as_its_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shown: list[str] = []
    monkeypatch.setattr(app.QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(app.QMessageBox, "critical", lambda _p, _t, text: shown.append(text))
    error = DamagedCaseFile(Path("northshire.mara"), "a page could not be read")
    app.report_unexpected(DamagedCaseFile, error, None)
    assert shown == [str(error)]
    assert "unexpected" not in capsys.readouterr().err


def test_the_demo_is_claimed_like_any_case_file(tmp_path: Path) -> None:
    session, claim = app.open_demo(tmp_path)
    try:
        assert is_in_use(session.path) and "case-03" in session.case_ids()
    finally:
        session.close()
        claim.release()
    assert not is_in_use(session.path)
