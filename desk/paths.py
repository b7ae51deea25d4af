"""Where the desk keeps its files: platformdirs, overridable by --data-dir or MOTCUA_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "MotCuaDesk"
ENV_DATA_DIR = "MOTCUA_DATA_DIR"
DATABASE_FILE = "motcua.sqlite3"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data directory, created with owner-only permissions (it holds citizens' data)."""
    chosen = explicit or os.environ.get(ENV_DATA_DIR)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    if os.name == "posix":
        path.chmod(0o700)
    return path


def database_path(directory: Path) -> Path:
    return directory / DATABASE_FILE


def backups_dir(directory: Path) -> Path:
    path = directory / "backups"
    path.mkdir(exist_ok=True)
    return path


def logs_dir(directory: Path) -> Path:
    path = directory / "logs"
    path.mkdir(exist_ok=True)
    return path
