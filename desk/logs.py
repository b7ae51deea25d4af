"""Logs go to a rotating file in the data directory. Nothing personal is ever logged."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from desk.paths import logs_dir

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def setup(data_dir: Path, level: int = logging.INFO) -> None:
    root = logging.getLogger()
    if any(getattr(h, "_motcua", False) for h in root.handlers):
        return
    handler = logging.handlers.RotatingFileHandler(
        logs_dir(data_dir) / "motcua.log", maxBytes=1_000_000, backupCount=5, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._motcua = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(level)
