"""None made immortal on Python 3.11, as Python 3.12 makes it for every program (PEP 683).

PySide6 6.12.0 returns None from a Qt method that returns nothing (`setText`,
`setObjectName`, `beginResetModel`, `QTextDocument.clear`, ...) without taking a reference
to it, so on Python 3.11 each such call leaves None one reference short. An app starts with
about 12,700 references to None; showing a case on the shared screen spends about 150 of
them, the chair's page more. After some tens of cases Python finds None's count at zero and
aborts the whole app ("Fatal Python error: none_dealloc"), in the middle of a meeting or
when it closes. From Python 3.12 None's count never changes, so the fault costs nothing
there; here it is given as many references as no session could spend.

Only the Qt side needs this, so it is done when `mara_desktop.ui` is first imported, before
any of its windows exists. tests/ui/test_immortal_none.py shows the crash it prevents.
"""

from __future__ import annotations

import ctypes
import sys

RESERVE = 1 << 40
"""References given to None: a trillion Qt calls, where a long meeting makes millions."""


def make_none_immortal() -> None:
    """Add `RESERVE` to None's reference count (the first field of every object in
    CPython's release builds), keeping the references it holds."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    count = ctypes.c_ssize_t.from_address(id(None))
    count.value += RESERVE
