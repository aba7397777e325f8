"""The action log as CSV, for a spreadsheet: one row per action, the printed reference
first, so that an agency can answer with an update file (`actions --update`) naming the
same actions.

A cell that a spreadsheet would run as a formula (one starting with =, +, - or @) is
written with a leading apostrophe: an action's text is typed by people, and a file sent
to an agency must not run anything when opened.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mara_desktop.atomic import write_atomically
from mara_desktop.domain import ActionStatus
from mara_desktop.errors import MaraError
from mara_desktop.views.action_log import ActionLogEntry

LOG_COLUMNS = (
    "action", "case", "agency", "owner", "text", "due", "status", "overdue",
    "updated_on", "updated_by", "note",
)  # fmt: skip
STATUS_WORD = {
    ActionStatus.OPEN: "open",
    ActionStatus.DONE: "done",
    ActionStatus.CHANGE_OF_CIRCUMSTANCE: "not-possible",
    ActionStatus.AGENCY_DID_NOT_ACT: "not-done",
}
"""The word written for each status; `actions --update` reads the same words."""


def write_log_csv(dest: Path, entries: Sequence[ActionLogEntry]) -> None:
    def write(temp: Path) -> None:
        with temp.open("w", encoding="utf-8", newline="") as out:
            table = csv.writer(out)
            table.writerow(LOG_COLUMNS)
            table.writerows([_inert(cell) for cell in _row(entry)] for entry in entries)

    write_atomically(dest, write, overwrite=True)


def _row(entry: ActionLogEntry) -> list[str]:
    action, latest = entry.action, entry.latest
    return [
        action.reference,
        entry.case_reference,
        action.owner_agency_name,
        action.owner_name,
        action.text,
        action.due.isoformat() if action.due else "",
        STATUS_WORD[action.status],
        "yes" if action.overdue else "no",
        latest.updated_on.isoformat() if latest else "",
        latest.updated_by if latest else "",
        latest.note if latest else "",
    ]


def _inert(cell: str) -> str:
    return "'" + cell if cell[:1] in ("=", "+", "-", "@") else cell


UPDATE_COLUMNS = ("action", "status", "note", "updated_by", "updated_on")
"""The pinned columns of an update file (DESIGN.md, `actions --update`)."""


class UpdateFileError(MaraError):
    """An update file that cannot be read as one; nothing was recorded."""


@dataclass(frozen=True)
class UpdateRow:
    """One row of an update file as written, with the row number a spreadsheet shows
    (the header is row 1)."""

    row: int
    action: str
    status: str
    note: str
    updated_by: str
    updated_on: str


def read_update_rows(path: Path) -> list[UpdateRow]:
    """Every row of `path`, in order; UpdateFileError naming the file otherwise. Excel's
    byte-order mark is allowed; a column missing or unknown is not."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as source:
            table = csv.DictReader(source)
            header = table.fieldnames or []
            missing = [c for c in UPDATE_COLUMNS if c not in header]
            unknown = [c for c in header if c not in UPDATE_COLUMNS]
            if missing or unknown:
                raise UpdateFileError(
                    f"{path.name}: "
                    + (f"no column {', '.join(missing)}" if missing else "")
                    + ("; " if missing and unknown else "")
                    + (f"unknown column {', '.join(unknown)}" if unknown else "")
                    + f"; the columns are: {','.join(UPDATE_COLUMNS)} (nothing was recorded)."
                )
            rows = [
                UpdateRow(row, *((fields.get(c) or "").strip() for c in UPDATE_COLUMNS))
                for row, fields in enumerate(table, start=2)
            ]
    except FileNotFoundError:
        raise UpdateFileError(f"{path}: no such file (nothing was recorded).") from None
    except UnicodeDecodeError:
        raise UpdateFileError(
            f"{path.name}: is not UTF-8 text; save it as CSV UTF-8 (nothing was recorded)."
        ) from None
    except (OSError, csv.Error) as error:
        raise UpdateFileError(
            f"{path.name}: cannot be read ({error}); nothing was recorded."
        ) from None
    if not rows:
        raise UpdateFileError(f"{path.name}: holds no updates (nothing was recorded).")
    return rows
