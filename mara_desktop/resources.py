"""Where the bundled resources (protocols, demo, fonts, icons) are, however the app was installed.

A wheel carries `resources/` inside the package; an editable install and a source checkout
have it beside the package; a PyInstaller bundle has it under its own folder. Never a path
relative to the working folder.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path

DEFAULT_PROTOCOL = "england-wales-marac.toml"


def resource_root() -> Path:
    candidates = [Path(str(resources.files("mara_desktop"))) / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.append(Path(bundle) / "mara_desktop" / "resources")
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    for candidate in candidates:
        if (candidate / "protocols").is_dir():
            return candidate
    raise FileNotFoundError("the bundled resources of MARA Desktop are missing")


def resource(*parts: str) -> Path:
    return resource_root().joinpath(*parts)


def bundled_protocols() -> list[Path]:
    return sorted(resource("protocols").glob("*.toml"))


def default_protocol_path() -> Path:
    return resource("protocols", DEFAULT_PROTOCOL)
