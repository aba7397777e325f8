"""Qt tests share one application set up as the app sets it up (style, stylesheet)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from mara_desktop.ui.appearance import application


@pytest.fixture(scope="session")
def qapp() -> QApplication:
    """pytest-qt's fixture, replaced so tests run under the app's own setup."""
    return application()
