"""The ``motcua`` entry point: the CLI, or the window when no command is given.

It lives in ``ui/`` because only this layer may import Qt; the CLI itself stays in ``desk/``.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from desk import cli


def run_window(start: cli.GuiStart) -> int:
    from ui.app import run  # Qt loads only when the window is wanted

    return run(start)


def run_board(data_dir: Path) -> int:
    from ui.board import run

    return run(data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(sys.argv[1:] if argv is None else argv, gui=run_window, board=run_board)


if __name__ == "__main__":
    raise SystemExit(main())
