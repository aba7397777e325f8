"""How large the shared screen's type is: the chair's zoom, and the size of the screen itself.

The room reads the projector from the back, and the projected picture has the same size
whatever its resolution: text that reads well in a 1024x720 window is two thirds as tall on
a 1920x1080 projector. So the type grows with the window (never shrinks below its size at
1024x720), and the chair's zoom (Ctrl+plus / Ctrl+minus / Ctrl+0 on the console) multiplies
that. The zoom is a look setting, kept in QSettings between meetings: a percentage, nothing
about cases.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSize

ZOOM_SETTING = "appearance/shared_screen_zoom"
NORMAL = 100
STEPS = (50, 60, 70, 80, 90, 100, 110, 125, 150, 175, 200, 250, 300)
"""The zoom's percentages, as in a web browser; Ctrl+plus moves one step up."""
DESIGNED_FOR = QSize(1024, 720)
"""The window the type's sizes were chosen for: the shared screen's own default size."""


def saved_zoom() -> int:
    value = QSettings().value(ZOOM_SETTING, NORMAL)
    try:
        percent = int(str(value))
    except ValueError:
        return NORMAL
    return percent if percent in STEPS else NORMAL


def save_zoom(percent: int) -> None:
    QSettings().setValue(ZOOM_SETTING, percent)


def zoomed(percent: int, steps: int) -> int:
    """`steps` up (+1) or down (-1) from `percent`, kept within STEPS; 0 is back to normal."""
    if steps == 0:
        return NORMAL
    place = STEPS.index(percent) if percent in STEPS else STEPS.index(NORMAL)
    return STEPS[max(0, min(len(STEPS) - 1, place + steps))]


def scale(percent: int, window: QSize) -> float:
    """How much larger than designed the type is drawn in a window of this size."""
    fit = min(window.width() / DESIGNED_FOR.width(), window.height() / DESIGNED_FOR.height())
    return round(max(1.0, fit) * percent / 100, 2)
