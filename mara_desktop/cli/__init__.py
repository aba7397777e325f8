"""The command line's front door: same services as the GUI, one clear line per failure.

Every error a user can cause is a `MaraError` whose sentence is printed as is, with the
exit code pinned in DESIGN.md. Anything else is a bug: it is reported by type only (its
message might hold case data) and the traceback is shown only with MARA_DEBUG=1.
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable, Sequence

from mara_desktop.cli import key_ahead
from mara_desktop.cli.parser import build, build_app
from mara_desktop.cli.terminal import tell
from mara_desktop.errors import ExitCode, MaraError

Command = Callable[..., int]

COMMANDS = {
    "create": "casefile_commands:create",
    "import": "transfer_commands:import_",
    "export": "casefile_commands:export",
    "verify": "casefile_commands:verify",
    "backup": "casefile_commands:backup",
    "restore": "casefile_commands:restore",
    "passphrase": "casefile_commands:passphrase",
    "remember": "casefile_commands:remember",
    "forget": "casefile_commands:forget",
    "demo": "casefile_commands:demo",
    "transfer": "transfer_commands:transfer",
    "view": "disclosure_commands:view",
    "explain": "disclosure_commands:explain",
    "stats": "stats_commands:stats",
    "protocol": "disclosure_commands:protocol",
    "minutes": "minutes_commands:minutes",
    "notice": "notice_commands:notice",
    "conference": "agenda_commands:conference",
    "agenda": "agenda_commands:agenda",
    "actions": "actions_commands:actions",
    "dpia": "dpia_commands:dpia",
    "sar": "subject_access_commands:sar",
    "close": "retention_commands:close",
    "reopen": "retention_commands:reopen",
    "retention": "retention_commands:retention",
    "purge": "retention_commands:purge",
}
"""Each command and where it lives, imported only when it runs: `view` and `verify` must
not pay for reportlab and pypdf, which only minutes and notices use."""
COMMAND_NAMES = tuple(COMMANDS)


def _command(name: str) -> Command:
    module, function = COMMANDS[name].split(":")
    found: Command = getattr(importlib.import_module(f"mara_desktop.cli.{module}"), function)
    return found


def owner_only_files() -> None:
    """Whatever else this process creates (a library's temporary file, a print job), only
    its owner can read; the files the app writes itself set their mode explicitly."""
    os.umask(0o077)


def no_core_dumps() -> None:
    """A crash must not leave decrypted case data on disk in a core dump."""
    try:
        import resource  # noqa: PLC0415 (POSIX only)

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    no_core_dumps()
    owner_only_files()
    try:
        if (args and args[0] in COMMAND_NAMES) or args[:1] in (["-h"], ["--help"]):
            return _run_command(args)
        return _run_app(args)
    except MaraError as error:
        _report(error)
        return int(error.exit_code)
    except KeyboardInterrupt:
        print("Cancelled; nothing more was changed.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return _reader_went_away()
    except Exception as error:  # a bug: never echo its message, it may hold case data
        if os.environ.get("MARA_DEBUG"):
            import traceback  # noqa: PLC0415  (debugging only: not loaded by every command)

            traceback.print_exc()
        print(
            f"MARA Desktop stopped on an unexpected problem ({type(error).__name__}). "
            "Nothing more was changed. Run again with MARA_DEBUG=1 to see details.",
            file=sys.stderr,
        )
        return int(ExitCode.USAGE)


def _reader_went_away() -> int:
    """The output was piped into a program that stopped reading (`view ... | head`): what
    it took was what it wanted; the command's own work was done. Python would otherwise
    complain once more when it flushes the closed pipe at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return int(ExitCode.OK)


def _run_command(args: list[str]) -> int:
    parsed = build().parse_args(args)
    key_ahead.begin(parsed)  # before the command's module, which loads the session layer
    return _command(parsed.command)(parsed)


def _run_app(args: list[str]) -> int:
    parsed = build_app().parse_args(args)
    # Qt is loaded only when the app is asked for: commands must start fast and headless.
    from mara_desktop.ui.app import run  # noqa: PLC0415

    return run(parsed.file, demo=parsed.demo)


def _report(error: MaraError) -> None:
    tell(error.message)
    if len(error.details) > 1 or (error.details and error.details[0] != error.message):
        for line in error.details:
            tell(f"  {line}")
