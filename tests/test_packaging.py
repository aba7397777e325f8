"""The installable build's inputs stay consistent, without building anything heavy.

A PyInstaller build takes minutes and hundreds of megabytes, so CI does not run it
(packaging/build-linux.sh does, by hand). What CI can check in a second is that the pieces
the build and the desktop rely on still agree: the spec names files that exist, the desktop
entry, AppStream metadata, file type and icons match one app id, and the lock file pins
versions that pyproject.toml allows. The freedesktop validators run when installed.
"""

from __future__ import annotations

import ast
import configparser
import importlib.util
import re
import shutil
import struct
import subprocess
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

import mara_desktop

REPO = Path(__file__).resolve().parents[1]
PACKAGING = REPO / "packaging"
APP_ID = "org.maradesktop.MaraDesktop"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
MIME = PACKAGING / "mara-desktop-mime.xml"
SPEC = PACKAGING / "mara-desktop.spec"
LOCK = PACKAGING / "requirements.lock"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
MIME_TYPE = "application/x-mara-case-file"


def _spec_tree() -> ast.Module:
    return ast.parse(SPEC.read_text("utf-8"), filename=str(SPEC))


def _spec_paths() -> dict[str, Path]:
    """The spec's module-level `NAME = ROOT / "a" / "b"` paths, evaluated from the repo."""
    bases = {"ROOT": REPO}
    found: dict[str, Path] = {}

    def evaluate(node: ast.expr) -> Path | None:
        if isinstance(node, ast.Name):
            return bases.get(node.id)
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Div):
            left = evaluate(node.left)
            right = node.right
            if left is not None and isinstance(right, ast.Constant):
                return left / str(right.value)
        return None

    for statement in _spec_tree().body:
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1:
            target = statement.targets[0]
            if isinstance(target, ast.Name) and target.id != "ROOT":
                path = evaluate(statement.value)
                if path is not None:
                    bases[target.id] = path
                    found[target.id] = path
    return found


def _desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(DESKTOP.read_text("utf-8"))
    return parser["Desktop Entry"]


def _png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def test_the_spec_is_python_and_every_path_it_names_exists():
    _spec_tree()
    paths = _spec_paths()
    assert {"ENTRY", "RESOURCES", "ICON_ICO", "ICON_ICNS", "ENTITLEMENTS"} <= paths.keys()
    for name, path in paths.items():
        assert path.exists(), f"packaging/mara-desktop.spec: {name} = {path} does not exist"


def test_the_spec_puts_resources_where_the_frozen_app_looks():
    # mara_desktop/resources.py looks in sys._MEIPASS/mara_desktop/resources.
    destinations = [
        node.elts[1].value
        for node in ast.walk(_spec_tree())
        if isinstance(node, ast.Tuple)
        and len(node.elts) == 2
        and isinstance(node.elts[1], ast.Constant)
    ]
    assert "mara_desktop/resources" in destinations
    source = (REPO / "mara_desktop" / "resources.py").read_text("utf-8")
    assert '"mara_desktop" / "resources"' in source


def test_every_module_the_spec_names_is_installed():
    modules: list[str] = []
    for node in ast.walk(_spec_tree()):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "hiddenimports" for t in node.targets
        ):
            assert isinstance(node.value, ast.List)
            for element in node.value.elts:
                if isinstance(element, ast.Constant):
                    modules.append(element.value)
                elif isinstance(element, ast.Starred):
                    call = element.value
                    assert isinstance(call, ast.Call)
                    assert isinstance(call.args[0], ast.Constant)
                    modules.append(call.args[0].value)
    assert "mara_desktop" in modules
    for module in modules:
        assert importlib.util.find_spec(module) is not None, f"spec names missing {module}"


def test_the_desktop_entry_has_what_desktops_need():
    entry = _desktop_entry()
    for key in ("Type", "Name", "Comment", "Exec", "Icon", "Categories", "MimeType"):
        assert entry.get(key), f"{DESKTOP.name} lacks {key}"
    assert entry["Type"] == "Application"
    assert entry["Icon"] == APP_ID
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]["scripts"]
    assert entry["Exec"].split()[0] in scripts
    assert MIME_TYPE in entry["MimeType"].split(";")
    assert entry["Categories"].endswith(";")


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="no validator here")
def test_the_desktop_entry_passes_desktop_file_validate():
    result = subprocess.run(
        ["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_the_metainfo_describes_the_app_and_launches_its_desktop_entry():
    root = ET.parse(METAINFO).getroot()
    assert root.tag == "component"
    assert root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    for tag in ("name", "summary", "metadata_license", "project_license"):
        assert (root.findtext(tag) or "").strip(), f"metainfo lacks <{tag}>"
    description = root.find("description")
    assert description is not None and description.find("p") is not None
    launchable = root.find("launchable")
    assert launchable is not None and launchable.get("type") == "desktop-id"
    assert launchable.text == DESKTOP.name
    assert root.find("content_rating") is not None
    releases = root.findall("releases/release")
    assert releases, "metainfo lists no release"
    assert releases[0].get("version") == mara_desktop.__version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", releases[0].get("date") or "")
    assert MIME_TYPE in [m.text for m in root.findall("provides/mediatype")]
    for image in root.findall("screenshots/screenshot/image"):
        name = (image.text or "").rsplit("/", 1)[-1]
        assert (REPO / "docs" / "images" / name).is_file(), f"no docs/images/{name}"


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="no validator here")
def test_the_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_mime_type_names_case_files_by_their_suffix():
    namespace = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    mime_type = ET.parse(MIME).getroot().find("m:mime-type", namespace)
    assert mime_type is not None and mime_type.get("type") == MIME_TYPE
    globs = [g.get("pattern") for g in mime_type.findall("m:glob", namespace)]
    assert globs == ["*.mara"]


def test_every_icon_size_exists_at_its_size():
    hicolor = PACKAGING / "icons" / "hicolor"
    for size in ICON_SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert png.is_file(), f"missing {png.relative_to(REPO)}"
        assert _png_size(png) == (size, size), png
    scalable = hicolor / "scalable" / "apps" / f"{APP_ID}.svg"
    source = REPO / "resources" / "icons" / "mara-desktop.svg"
    assert scalable.read_bytes() == source.read_bytes(), "run packaging/render-icons.py"


def test_the_lock_pins_every_dependency_within_its_range_with_hashes():
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["packaging"]]
    text = LOCK.read_text("utf-8")
    pins = {
        canonicalize_name(name): version
        for name, version in re.findall(r"^([A-Za-z0-9_.-]+)==([^\s;\\]+)", text, re.M)
    }
    for line in wanted:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in packaging/requirements.lock"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"the lock pins {name}=={pins[name]}, outside {requirement.specifier}"
        )
    blocks = re.split(r"\n(?=[A-Za-z0-9_.-]+==)", text.split("\n", 3)[-1])
    for block in blocks:
        if "==" in block:
            assert "--hash=sha256:" in block, block.splitlines()[0]
