"""Opening or creating the case file: the first thing a chair sees, often in a hurry.

Every failure is shown inside the dialog as the store's own sentence (what happened and
what to do next), never as a traceback, and the dialog stays open so the chair can act on
it: retype, choose another file, restore a backup. A wrong passphrase changes nothing in
the file. When this computer's keychain remembers the file's key, the file opens without a
question; the key kept is the file's derived key, never the passphrase.

The app claims a file before it opens it (session/claims.py): a file another window of the
app has open is refused with a sentence, before anything in it is touched, and the claim
goes with the open session to the console, which keeps it until the chair closes the window.

Titles never name the file: a file name can itself say whose case it is.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mara_desktop.errors import MaraError
from mara_desktop.protocol.loader import load_protocol
from mara_desktop.resources import bundled_protocols, default_protocol_path
from mara_desktop.session import (
    MINIMUM_LENGTH,
    InUse,
    Session,
    WeakPassphrase,
    WrongPassphrase,
    check_strength,
    keychain,
    open_claimed,
    ready_to_open,
)
from mara_desktop.ui.dialog_parts import StatusLine, heading, note, waiting
from mara_desktop.ui.file_dialogs import choose_case_file_to_open, choose_new_case_file

OPEN_TITLE = "Open case file — MARA Desktop"
CREATE_TITLE = "Create case file — MARA Desktop"


def sentence(error: Exception, path: Path | None) -> str:
    """The error's sentence with "This file" for the leading path (the page names the file)."""
    text = str(error) if isinstance(error, MaraError) else _os_sentence(error)
    if path is not None and text.startswith(f"{path}: "):
        text = text.removeprefix(f"{path}: ")
        if text.startswith(_VERBS):
            text = f"This file {text}"
    return text[:1].upper() + text[1:]


_VERBS = ("is ", "already ", "was ", "has ", "holds ")
"""How store sentences go on after "<path>: " when the path is their subject."""


def _os_sentence(error: Exception) -> str:
    reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
    return (
        f"The file could not be read ({reason}). Check that its disk is connected, then try again."
    )


class OpenCaseFileDialog(QDialog):
    """Choose, unlock or create a case file; when accepted, `session` is open and `claim`
    is this window's claim on its file, for the caller to keep and release.

    `use_remembered_key=False` always asks for the passphrase (unlocking after the app
    locked itself should not be undone by the keychain alone). `held` is the claim the
    window kept while locked.
    """

    def __init__(
        self,
        path: Path | None,
        parent: QWidget | None = None,
        *,
        use_remembered_key: bool = True,
        held: InUse | None = None,
    ) -> None:
        super().__init__(parent)
        self.session: Session | None = None
        self.claim: InUse | None = None
        self._held = held
        self.path: Path | None = None
        self.new_path: Path | None = None
        self._use_remembered_key = use_remembered_key
        self.setWindowTitle(OPEN_TITLE)
        self.setMinimumWidth(640)
        self.pages = QStackedWidget()
        self.choose_page = self._build_choose_page()
        self.unlock_page = self._build_unlock_page()
        self.create_page = self._build_create_page()
        for page in (self.choose_page, self.unlock_page, self.create_page):
            self.pages.addWidget(page)
        QVBoxLayout(self).addWidget(self.pages)
        # Enter must only ever unlock or create: no other button may become the default.
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(button in (self.unlock_button, self.create_button))
        if path is None:
            self.pages.setCurrentWidget(self.choose_page)
        else:
            self.show_unlock(path)

    def exec(self) -> int:
        """Opened already with the key this computer remembers: there is nothing to ask."""
        if self.session is not None:
            return int(QDialog.DialogCode.Accepted.value)
        return super().exec()

    # -- choose --------------------------------------------------------------------------

    def _build_choose_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading("Open a case file"))
        layout.addWidget(
            note(
                "A case file holds one MARAC's cases, encrypted with its passphrase. "
                "Open the one you use, or create a new one.",
                "About case files",
            )
        )
        open_button = QPushButton("Open a case file…")
        open_button.setAccessibleName("Open a case file")
        open_button.clicked.connect(self._choose_existing)
        open_button.setDefault(True)
        create_button = QPushButton("Create a new case file…")
        create_button.setAccessibleName("Create a new case file")
        create_button.clicked.connect(self.show_create)
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        for button in (open_button, create_button):
            layout.addWidget(button)
        layout.addStretch()
        layout.addLayout(_row(cancel))
        return page

    def _choose_existing(self) -> None:
        path = choose_case_file_to_open(self)
        if path is not None:
            self.show_unlock(path)

    # -- unlock --------------------------------------------------------------------------

    def _build_unlock_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading("Unlock the case file"))
        self.file_label = QLabel()
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.file_label.setWordWrap(True)
        self.file_label.setAccessibleName("Case file")
        layout.addWidget(self.file_label)
        self.passphrase = _secret_field("Passphrase")
        self.passphrase.returnPressed.connect(self.unlock)
        form = QFormLayout()
        form.addRow("&Passphrase:", self.passphrase)
        layout.addLayout(form)
        self.remember, remember_note = _remember_box()
        layout.addWidget(self.remember)
        layout.addWidget(remember_note)
        self.unlock_problem = StatusLine("Problem")
        layout.addWidget(self.unlock_problem)
        self.unlock_button = self._page_end(layout, "Choose another file…", "Unlock", self.unlock)
        return page

    def _page_end(
        self, layout: QVBoxLayout, back_text: str, action_text: str, action: Callable[[], None]
    ) -> QPushButton:
        """The foot of the unlock and create pages: back to the choice, Cancel, and the
        page's action as the default button; returns the action's button."""
        layout.addStretch()
        back = QPushButton(back_text)
        back.clicked.connect(lambda: self.pages.setCurrentWidget(self.choose_page))
        cancel = QPushButton("Cancel")
        cancel.clicked.connect(self.reject)
        button = QPushButton(action_text)
        button.setDefault(True)
        button.clicked.connect(action)
        layout.addLayout(_row(cancel, button, left=back))
        return button

    def show_unlock(self, path: Path) -> None:
        """Go to the unlock page for `path`, opening at once with a remembered key."""
        self.path = path
        self.setWindowTitle(OPEN_TITLE)
        self.file_label.setText(f"{path.name}\nin {path.parent}")
        self.passphrase.clear()
        self.unlock_problem.clear()
        self.pages.setCurrentWidget(self.unlock_page)
        self.passphrase.setFocus()
        try:
            ready_to_open(path, self._held)
            if self._use_remembered_key and keychain.remembers(path):
                self._opened(*open_claimed(path, lambda: Session.open(path), self._held))
        except (MaraError, OSError) as error:
            self.unlock_problem.problem(sentence(error, path))

    def unlock(self) -> None:
        path = self.path
        if path is None:
            return
        if not self.passphrase.text():
            self.unlock_problem.problem("Type the case file's passphrase.")
            self.passphrase.setFocus()
            return
        self.unlock_problem.clear()
        passphrase = self.passphrase.text()
        try:
            with waiting():
                session, claim = open_claimed(
                    path, lambda: Session.open(path, passphrase=passphrase), self._held
                )
        except WrongPassphrase as error:
            self.unlock_problem.problem(sentence(error, path))
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            return
        except (MaraError, OSError) as error:
            self.unlock_problem.problem(sentence(error, path))
            return
        self.passphrase.clear()
        if self.remember.isChecked():
            session.remember_or_warn()
        self._opened(session, claim)

    def _opened(self, session: Session, claim: InUse) -> None:
        self.session = session
        self.claim = claim
        self.accept()

    # -- create --------------------------------------------------------------------------

    def _build_create_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(heading("Create a new case file"))
        self.new_path_label = QLabel("No place chosen yet.")
        self.new_path_label.setTextFormat(Qt.TextFormat.PlainText)
        self.new_path_label.setWordWrap(True)
        self.new_path_label.setAccessibleName("New case file")
        where = QPushButton("Choose where to save it…")
        where.clicked.connect(self._choose_new_path)
        self.new_passphrase = _secret_field("New passphrase")
        self.repeat = _secret_field("Repeat the passphrase")
        self.strength = StatusLine("Passphrase check")
        self.protocols = QComboBox()
        self.protocols.setAccessibleName("Information-sharing protocol")
        form = QFormLayout()
        form.addRow("File:", self.new_path_label)
        form.addRow("", where)
        form.addRow("P&rotocol:", self.protocols)
        form.addRow("&Passphrase:", self.new_passphrase)
        form.addRow("&Repeat it:", self.repeat)
        layout.addLayout(form)
        layout.addWidget(self.strength)
        layout.addWidget(
            note(
                "The passphrase cannot be recovered: without it nobody, including you, can "
                "open the file again. Write it down and keep it as you keep the files.",
                "About the passphrase",
            )
        )
        self.create_remember, create_remember_note = _remember_box()
        layout.addWidget(self.create_remember)
        layout.addWidget(create_remember_note)
        self.create_problem = StatusLine("Problem")
        layout.addWidget(self.create_problem)
        self.create_button = self._page_end(layout, "Back", "Create", self.create_case_file)
        for field in (self.new_passphrase, self.repeat):
            field.textChanged.connect(self._hint)
        self._hint()
        return page

    def show_create(self) -> None:
        self.setWindowTitle(CREATE_TITLE)
        if self.protocols.count() == 0:
            self._fill_protocols()
        self.create_problem.clear()
        self.pages.setCurrentWidget(self.create_page)
        self.new_passphrase.setFocus()

    def _fill_protocols(self) -> None:
        """Bundled protocols by name; the default first, as most MARACs start from it."""
        paths = sorted(bundled_protocols(), key=lambda p: p != default_protocol_path())
        for path in paths:
            protocol = load_protocol(path)
            self.protocols.addItem(f"{protocol.name} (version {protocol.version})", path)

    def _choose_new_path(self) -> None:
        path = choose_new_case_file(self)
        if path is not None:
            self.new_path = path
            self.new_path_label.setText(f"{path.name}\nin {path.parent}")

    def _hint(self) -> None:
        """Says, while the chair types, whether the passphrase will be accepted and why not."""
        first, second = self.new_passphrase.text(), self.repeat.text()
        if not first:
            self.strength.problem(
                f"Use at least {MINIMUM_LENGTH} characters: a few unusual words in a row."
            )
            return
        try:
            check_strength(first)
        except WeakPassphrase as error:
            self.strength.problem(str(error))
            return
        if not second:
            self.strength.good("Strong enough. Now type it again below.")
        elif first != second:
            self.strength.problem("The two passphrases differ; type the same one twice.")
        else:
            self.strength.good("Strong enough, and both are the same.")

    def create_case_file(self) -> None:
        first, second = self.new_passphrase.text(), self.repeat.text()
        if self.new_path is None:
            self.create_problem.problem("Choose where to save the new case file.")
            return
        problem = _passphrase_problem(first, second)
        if problem is not None:
            self.create_problem.problem(problem)
            self.new_passphrase.setFocus()
            return
        path, protocol_path = self.new_path, self.protocols.currentData()
        try:
            with waiting():
                session, claim = open_claimed(
                    path,
                    lambda: Session.create(path, first, protocol_path.read_text("utf-8")),
                )
        except (MaraError, OSError) as error:
            self.create_problem.problem(sentence(error, path))
            return
        self.new_passphrase.clear()
        self.repeat.clear()
        if self.create_remember.isChecked():
            session.remember_or_warn()
        self._opened(session, claim)


def _passphrase_problem(first: str, second: str) -> str | None:
    try:
        check_strength(first)
    except WeakPassphrase as error:
        return str(error)
    if first != second:
        return "The two passphrases differ; type the same one twice."
    return None


def _secret_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


def _remember_box() -> tuple[QCheckBox, QLabel]:
    """The checkbox, usable only with a secure keychain, and the sentence saying which."""
    state = keychain.status()
    box = QCheckBox("Remember on this device")
    box.setAccessibleName("Remember on this device")
    box.setEnabled(state.available)
    label = note(state.sentence, "About remembering")
    box.setAccessibleDescription(state.sentence)
    return box, label


def _row(*buttons: QPushButton, left: QPushButton | None = None) -> QHBoxLayout:
    row = QHBoxLayout()
    if left is not None:
        row.addWidget(left)
    row.addStretch()
    for button in buttons:
        row.addWidget(button)
    return row
