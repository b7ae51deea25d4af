"""motcua board: the waiting-room display board, full screen on the second screen."""

from __future__ import annotations

from typing import Any


def register(sub: Any) -> None:
    board = sub.add_parser("board", help="open the waiting-room display board (full screen)")
    board.set_defaults(window="board")
