"""The frozen app's entry point: the same `mara-desktop` front door, made safe to freeze.

The minutes are laid out by a pool of worker processes started with "spawn". A frozen app
has no Python to spawn: each worker is the app's own program started again with
`--multiprocessing-fork` (and the pool's helper with `-c …`), which the command line would
reject. `freeze_support()` turns such a start into the worker it asks for; for a normal
start it does nothing. It must run before anything else reads the arguments.
"""

from __future__ import annotations

import multiprocessing

from mara_desktop.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())
