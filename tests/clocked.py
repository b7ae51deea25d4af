"""The entry points on the test's clock, for tests that run them as separate processes.

``python -m tests.clocked START motcua ARGS...`` runs the desk's ``motcua`` and
``python -m tests.clocked START motcua-server ARGS...`` the upstream server's, each with a clock
that reads START (ISO 8601) when the process begins and ticks at the wall clock's pace from
there: the test's fixed instant, moved by ``--clock-shift-weeks`` when it is.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).parents[1]


class TickingClock:
    """A clock that starts at a chosen instant and runs at the wall clock's pace."""

    def __init__(self, start: dt.datetime) -> None:
        self.start, self.origin = start.astimezone(dt.UTC), time.monotonic()

    def __call__(self) -> dt.datetime:
        return self.start + dt.timedelta(seconds=time.monotonic() - self.origin)


def command(start: dt.datetime, program: str, *args: str) -> list[str]:
    """The argv that runs ``program`` (motcua | motcua-server) on a clock starting at ``start``."""
    return [sys.executable, "-m", "tests.clocked", start.isoformat(), program, *args]


def main(argv: Sequence[str]) -> int:
    start, program, *args = argv
    clock = TickingClock(dt.datetime.fromisoformat(start))
    if program == "motcua":
        from desk import cli
        from ui.launcher import run_window

        return cli.main(args, gui=run_window, clock=clock)
    from server import cli as server_cli

    return server_cli.main(args, clock=clock)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
