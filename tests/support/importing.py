"""Importing a document into an open case file the way the `import` command does, or
reading the problems it would refuse it for."""

from __future__ import annotations

from typing import Any

import pytest

from mara_desktop.interchange.document import read_interchange
from mara_desktop.interchange.errors import InterchangeError
from mara_desktop.interchange.reader import Existing
from mara_desktop.store.casefile import CaseFile
from mara_desktop.store.importer import ImportReport, import_content


def load(case_file: CaseFile, data: dict[str, Any], *, update: bool = False) -> ImportReport:
    existing = Existing(
        frozenset(case_file.case_ids()), frozenset(case_file.conference_ids()), update
    )
    content = read_interchange(data, case_file.protocol, existing)
    return import_content(case_file, content, update=update)


def problems(case_file: CaseFile, data: dict[str, Any]) -> list[str]:
    """Every problem the importer names in `data`, which must have at least one."""
    with pytest.raises(InterchangeError) as caught:
        read_interchange(data, case_file.protocol, Existing())
    return list(caught.value.details)
