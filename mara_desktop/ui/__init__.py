"""The Qt windows and dialogs: everything a chair sees, on the session's views."""

from mara_desktop.ui.immortal_none import make_none_immortal

make_none_immortal()
