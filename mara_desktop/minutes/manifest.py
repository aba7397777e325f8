"""manifest.json: what one export wrote, so a coordinator can check each copy before sending.

It lists, per file, the agency it is for, its SHA-256, its page count, the protocol it was
made under and the leak check's result. It holds ids, names of files and hashes only: no
case data, so it may travel with the PDFs.

It also names the case file's newest audit record (the one recording this export) by number
and hash. A manifest that has left the chair's laptop is a witness nobody holding only the
case file can rewrite: `verify --against manifest.json` shows whether the file still holds
that record and every one before it (docs/casefile.md, "The audit log").
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mara_desktop.atomic import write_atomically
from mara_desktop.domain.action_reference import action_id
from mara_desktop.errors import MaraError
from mara_desktop.protocol.model import Protocol
from mara_desktop.views import ConferenceView

NAME = "manifest.json"


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    agency: str
    sha256: str
    pages: int
    copy_id: str
    encrypted: bool
    actions: dict[str, str] = field(default_factory=dict)
    """"CASE/ACTION" to the reference printed, for every action the copy prints."""
    free_text_check: str = "passed"
    """"passed", or "accepted N": N mentions of withheld people or values the chair kept
    as written (minutes/free_text.py)."""


def printed_references(view: ConferenceView, earlier: frozenset[str]) -> dict[str, str]:
    """The actions one copy prints (those agreed at this meeting or outside any, in the
    cases' sections; those of earlier meetings, in the review) and their references: ids
    only, which the manifest may hold."""
    shown = {None, view.conference_id, *earlier}
    return {
        action_id(case.case_id, action.id): action.reference
        for case in view.cases
        for action in case.actions
        if action.conference in shown
    }


@dataclass(frozen=True)
class AuditWitness:
    """The case file (its random id) and its newest audit record when the manifest was
    written."""

    case_file: str
    record: int
    hash: str


def manifest_data(
    conference_id: str, protocol: Protocol, entries: list[ManifestEntry], audit: AuditWitness
) -> dict[str, Any]:
    return {
        "conference": conference_id,
        "audit": {"case_file": audit.case_file, "record": audit.record, "hash": audit.hash},
        "protocol": {"id": protocol.id, "version": protocol.version, "sha256": protocol.sha256},
        "files": [
            {
                "file": e.file,
                "agency": e.agency,
                "sha256": e.sha256,
                "pages": e.pages,
                "leak_check": "passed",
                "free_text_check": e.free_text_check,
                "protocol_version": protocol.version,
                "protocol_sha256": protocol.sha256,
                "copy_id": e.copy_id,
                "encrypted": e.encrypted,
                "actions": dict(sorted(e.actions.items())),
            }
            for e in entries
        ],
    }


def write_manifest(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")

    write_atomically(path, write)


class ManifestError(MaraError):
    """A file given as a manifest is not one."""


def read_witness(path: Path) -> AuditWitness:
    """The audit record a manifest names; ManifestError naming the file otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        audit = data["audit"]
        witness = AuditWitness(str(audit["case_file"]), int(audit["record"]), str(audit["hash"]))
    except FileNotFoundError:
        raise ManifestError(f"{path}: no such file.") from None
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError):
        raise ManifestError(
            f"{path}: is not a minutes manifest that names an audit record (manifests written "
            "before this version do not)."
        ) from None
    return witness
