"""Making one copy of the minutes: lay it out, encrypt it if asked, write it, read it back
from the disk and check it for leaks.

This is all a worker process of an export runs, and all it imports: the layout (reportlab),
the encryption and the leak check (pypdf), the views and the protocol's model. Never the
session, the store, the keychain or SQLCipher: a worker has no way to the case file, and a
spawned process imports whatever the module of its task imports before it can start
(nearly half a second of processor time more, per worker, on a slow machine, when this
lived beside the export). tests/unit/minutes/test_export.py checks what a worker loaded.
The same code makes the copies in the app's own process when an export is small.
"""

from __future__ import annotations

import atexit
import hashlib
import os
from pathlib import Path

from mara_desktop.atomic import write_atomically
from mara_desktop.minutes.copy_job import CopyJob, Outcome
from mara_desktop.minutes.document import minutes_story
from mara_desktop.minutes.fonts import register_fonts
from mara_desktop.minutes.leak_check import LeakCheckError, find_leaks
from mara_desktop.minutes.paragraphs import share_for_this_process, sharing
from mara_desktop.minutes.protect import encrypt
from mara_desktop.minutes.render import render

__all__ = ["make_copy", "sharing", "start"]


def make_copy(job: CopyJob) -> Outcome:
    """Runs in a worker process or in the caller's: it touches only the job's own file, and
    deletes it on any failure after writing, so an unchecked copy is never left behind."""
    story = minutes_story(job.view, job.protocol, job.copy)
    rendered = render(story, job.furniture, reproducible=job.reproducible)
    pdf = encrypt(rendered.pdf, job.password) if job.password else rendered.pdf

    def fill(temp: Path) -> None:
        temp.write_bytes(pdf)

    write_atomically(job.path, fill)
    try:
        on_disk = job.path.read_bytes()
        leaks = find_leaks(on_disk, job.needles, password=job.password)
    except LeakCheckError as error:
        job.path.unlink()
        return Outcome(rendered.pages, "", unreadable=str(error))
    except BaseException:
        job.path.unlink()
        raise
    if leaks:
        job.path.unlink()
        return Outcome(rendered.pages, "", leaks=tuple(leaks))
    return Outcome(rendered.pages, hashlib.sha256(on_disk).hexdigest())


def start() -> None:
    """Prepare a worker process: paragraphs shared between the copies it makes, fonts read
    before its first copy arrives, and a quick end.

    When the pool closes, a worker would take 0.35 s (benchmarks/minutes.py) to free every
    object of the copies it made, one by one, while the export waits for it. It holds
    nothing that needs it: its files are written and checked and its results sent (the
    pool's result queue writes as it is given). So it ends as soon as Python begins to."""
    share_for_this_process()
    register_fonts()
    atexit.register(os._exit, 0)
