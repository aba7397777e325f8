"""Writing a subject access request: a PDF and a JSON of the same release, owner-only, in
a folder made owner-only if missing; the command line's `sar` and the app's dialog share it.

Nothing is written for a case or person the file does not hold (the session refuses
first). The PDF is searched, before it is written, for every value of the case the release
must not hold (the leak check of the minutes); a finding writes nothing. The file names
say only what the files are and when they were made, with a random part: never a name, a
reference or an id. Writing is audited with ids and counts.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from mara_desktop.atomic import make_private_folder, write_atomically
from mara_desktop.errors import MaraError
from mara_desktop.minutes.copy_job import Furniture
from mara_desktop.session import Session


class SubjectAccessLeak(MaraError):
    """The release held a value it must not; nothing was written."""


@dataclass(frozen=True)
class SubjectAccessFiles:
    pdf: Path
    json: Path
    released: int
    withheld: int
    pages: int


def write_subject_access(
    session: Session, case_id: str, person_id: str, folder: Path, *, on: date | None = None
) -> SubjectAccessFiles:
    # reportlab and pypdf only when a release is written: the app must start without them
    from mara_desktop.minutes.leak_check import find_leaks  # noqa: PLC0415
    from mara_desktop.minutes.render import render  # noqa: PLC0415
    from mara_desktop.minutes.subject_access_pdf import (  # noqa: PLC0415
        DRAFT_LINE,
        TITLE,
        subject_access_story,
    )
    from mara_desktop.minutes.text import drawn_forms  # noqa: PLC0415

    made, must_not_hold = session.subject_access_release(case_id, person_id)
    day = on or date.today()
    copy_id = secrets.token_hex(4).upper()
    furniture = Furniture(session.protocol.marking, DRAFT_LINE, copy_id)
    rendered = render(subject_access_story(made, day), furniture, reproducible=False, title=TITLE)
    document = json.dumps(made.as_json(), ensure_ascii=False, indent=2) + "\n"
    needles = [form for value in must_not_hold if value for form in drawn_forms(value)]
    in_json = [v for v in must_not_hold if v and _json_form(v) in document]
    found = len(find_leaks(rendered.pdf, needles)) + len(in_json)
    if found:
        raise SubjectAccessLeak(
            "The release held text of an entry it must not hold (one repeated in another "
            "entry?); nothing was written. Withhold the entry that repeats it, or report a bug."
        )
    make_private_folder(folder)
    stem = f"subject-access-{day.isoformat()}-{copy_id.lower()}"
    pdf, data = folder / f"{stem}.pdf", folder / f"{stem}.json"
    details = {
        "case": case_id,
        "person": person_id,
        "released": len(made.entries),
        "withheld": len(made.withheld),
        "files": [pdf.name, data.name],
    }

    def fill_pdf(temp: Path) -> None:
        temp.write_bytes(rendered.pdf)

    def fill_json(temp: Path) -> None:
        temp.write_text(document, "utf-8")

    with session.recording("subject-access-written", details):
        write_atomically(pdf, fill_pdf)
        try:
            write_atomically(data, fill_json)
        except BaseException:
            pdf.unlink(missing_ok=True)
            raise
    return SubjectAccessFiles(pdf, data, len(made.entries), len(made.withheld), rendered.pages)


def _json_form(value: str) -> str:
    """How `value` is written inside a JSON string (quotes and line breaks escaped)."""
    return json.dumps(value, ensure_ascii=False)[1:-1]
