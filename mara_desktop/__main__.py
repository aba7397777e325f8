"""`python -m mara_desktop` runs the same front door as the `mara-desktop` command."""

from mara_desktop.cli import main

raise SystemExit(main())
