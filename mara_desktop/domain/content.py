"""The whole content of a case file, as the interchange format carries it."""

from __future__ import annotations

from dataclasses import dataclass

from mara_desktop.domain.case import Case
from mara_desktop.domain.conference import Conference


@dataclass(frozen=True)
class CaseFileContent:
    conferences: tuple[Conference, ...] = ()
    cases: tuple[Case, ...] = ()

    def case(self, case_id: str) -> Case | None:
        return next((c for c in self.cases if c.id == case_id), None)

    def conference(self, conference_id: str) -> Conference | None:
        return next((c for c in self.conferences if c.id == conference_id), None)
