"""File dialogs: the right path back, nothing created over a file, no path left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from mara_desktop.ui.file_dialogs import (
    choose_case_file_to_open,
    choose_folder,
    choose_new_case_file,
    choose_pdf_to_save,
)
from tests.ui.file_dialog_answers import FileDialogAnswers, flush_deleted


@pytest.fixture
def secret_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "Smith family MARAC"
    folder.mkdir()
    return folder


def files_mentioning(home: Path, text: str) -> list[Path]:
    return [
        p for p in home.rglob("*")
        if p.is_file() and text.encode() in p.read_bytes()
    ]  # fmt: skip


def test_opening_returns_the_chosen_file_and_leaves_no_path_under_home(
    qapp, secret_folder, test_home
):
    case_file = secret_folder / "smith.mara"
    case_file.write_bytes(b"not really")
    FileDialogAnswers(str(case_file))
    assert choose_case_file_to_open(None) == case_file
    flush_deleted()
    assert files_mentioning(test_home, "Smith family") == []
    # Qt did save its dialog settings; they name only the home folder.
    settings = (test_home / ".config" / "QtProject.conf").read_text("utf-8")
    assert f"lastVisited=file://{test_home}\n" in settings


def test_a_new_case_file_gets_the_suffix_and_never_an_existing_name(qapp, secret_folder, test_home):
    (secret_folder / "taken.mara").write_bytes(b"precious")
    answers = FileDialogAnswers(str(secret_folder / "taken"), str(secret_folder / "fresh"))
    assert choose_new_case_file(None) == secret_folder / "fresh.mara"
    assert len(answers.messages) == 1
    assert "“taken.mara” already exists" in answers.messages[0]
    assert (secret_folder / "taken.mara").read_bytes() == b"precious"
    assert not (secret_folder / "fresh.mara").exists()
    flush_deleted()
    assert files_mentioning(test_home, "Smith family") == []


def test_cancelling_returns_nothing(qapp, secret_folder):
    FileDialogAnswers(None)
    assert choose_new_case_file(None) is None


def test_a_folder_and_a_pdf_name_come_back_as_paths(qapp, secret_folder, test_home):
    (secret_folder / "minutes").mkdir()
    answers = FileDialogAnswers(str(secret_folder / "minutes"))
    assert choose_folder(None, "Export minutes to") == secret_folder / "minutes"
    assert answers.titles == ["Export minutes to — MARA Desktop"]
    FileDialogAnswers(str(secret_folder / "minutes" / "police"))
    assert choose_pdf_to_save(None, "minutes.pdf") == secret_folder / "minutes" / "police.pdf"
    flush_deleted()
    assert files_mentioning(test_home, "Smith family") == []
