"""The Qt application and its look: style, icon, stylesheet, and light or dark.

The colour scheme is the one look setting kept in QSettings (it holds nothing about cases).
"""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings, Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from mara_desktop.atomic import (
    OWNER_ONLY_FOLDER,
    create_private,
    make_owner_only,
    make_private_folder,
)
from mara_desktop.errors import ExitCode, MaraError
from mara_desktop.resources import resource

APP_NAME = "MARA Desktop"
DESKTOP_ID = "org.maradesktop.MaraDesktop"
"""The desktop file's name: on Wayland it ties the windows to the icon and the launcher."""


class NoDisplay(MaraError):
    exit_code = ExitCode.USAGE


def check_display() -> None:
    """Qt aborts the whole process without a display, blaming a missing library; say the
    real reason in one line instead (Linux and other X11/Wayland systems only)."""
    if not sys.platform.startswith(("linux", "freebsd", "openbsd")):
        return
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY"):
        return
    if os.environ.get("WAYLAND_DISPLAY"):
        return
    raise NoDisplay(
        "No display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set). Start "
        "it from the desktop, or use the commands (mara-desktop --help)."
    )


SETTING = "appearance/colour_scheme"
SCHEMES = {
    "system": Qt.ColorScheme.Unknown,
    "light": Qt.ColorScheme.Light,
    "dark": Qt.ColorScheme.Dark,
}
LABELS = {"system": "As the computer", "light": "Light", "dark": "Dark"}


def saved_scheme() -> str:
    value = str(QSettings().value(SETTING, "system"))
    return value if value in SCHEMES else "system"


def apply_scheme(name: str) -> None:
    QGuiApplication.styleHints().setColorScheme(SCHEMES[name])
    QSettings().setValue(SETTING, name)


def apply_saved_scheme() -> None:
    QGuiApplication.styleHints().setColorScheme(SCHEMES[saved_scheme()])


def keep_settings_private() -> None:
    """The settings file holds nothing about cases (the look, the idle time), but every file
    the app writes is owner-only: 0600, in a folder of the app's own that is 0700, even when
    an earlier version left them open. Qt keeps a settings file's mode when it rewrites it,
    and a new one would take the umask, so the file is made here, empty, when it is missing.
    Windows keeps settings in the registry and macOS in its preferences system: neither is
    a file of ours. Settings that cannot be made private are no reason not to start."""
    if os.name != "posix" or sys.platform == "darwin":
        return
    path = Path(QSettings().fileName())
    with contextlib.suppress(OSError):
        make_private_folder(path.parent)
        if path.parent.name == APP_NAME:
            os.chmod(path.parent, OWNER_ONLY_FOLDER)
        if path.exists():
            make_owner_only(path)
        else:
            create_private(path)


def application() -> QApplication:
    """The one QApplication, set up once: names for QSettings, style, icon, stylesheet."""
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    check_display()
    QCoreApplication.setOrganizationName(APP_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    keep_settings_private()
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )
    app = QApplication(sys.argv[:1])
    app.setStyle("Fusion")
    app.setDesktopFileName(DESKTOP_ID)
    icon = resource("icons", "mara-desktop.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    app.setStyleSheet(resource("style", "app.qss").read_text("utf-8"))
    apply_saved_scheme()
    return app
