"""The frozen app's entry point: the same `mara-desktop` front door, made safe to freeze.

The minutes are laid out by a pool of worker processes, forked from multiprocessing's fork
server on Linux and macOS and started with "spawn" on Windows. A frozen app has no Python
to start either with: the fork server, each spawned worker and the pool's helpers are the
app's own program started again with `-c …` or `--multiprocessing-fork`, which the command
line would reject. `freeze_support()` (with PyInstaller's runtime hook, which catches the
fork server's and the resource tracker's `-c` starts) turns such a start into the process
it asks for; for a normal start it does nothing. It must run before anything else reads
the arguments.
"""

from __future__ import annotations

import multiprocessing

from mara_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())
