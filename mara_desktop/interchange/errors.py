"""Errors of the interchange layer."""

from __future__ import annotations

from mara_desktop.errors import ExitCode, MaraError


class InterchangeError(MaraError):
    """An import file that cannot be read or does not check; `details` lists every problem
    with its JSON path. Nothing was imported."""

    exit_code = ExitCode.INPUT
