"""manifest.json: what one export wrote, so a coordinator can check each copy before sending.

It lists, per file, the agency it is for, its SHA-256, its page count, the protocol it was
made under and the leak check's result. It holds ids, names of files and hashes only: no
case data, so it may travel with the PDFs.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mara_desktop.atomic import write_atomically
from mara_desktop.protocol.model import Protocol

NAME = "manifest.json"


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    agency: str
    sha256: str
    pages: int
    copy_id: str
    encrypted: bool


def manifest_data(
    conference_id: str, protocol: Protocol, entries: list[ManifestEntry]
) -> dict[str, Any]:
    return {
        "conference": conference_id,
        "protocol": {"id": protocol.id, "version": protocol.version, "sha256": protocol.sha256},
        "files": [
            {
                "file": e.file,
                "agency": e.agency,
                "sha256": e.sha256,
                "pages": e.pages,
                "leak_check": "passed",
                "protocol_version": protocol.version,
                "protocol_sha256": protocol.sha256,
                "copy_id": e.copy_id,
                "encrypted": e.encrypted,
            }
            for e in entries
        ],
    }


def write_manifest(path: Path, data: dict[str, Any]) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"

    def write(temp: Path) -> None:
        temp.write_text(text, encoding="utf-8")

    write_atomically(path, write)
