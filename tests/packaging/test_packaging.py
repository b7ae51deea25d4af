"""One project, three installs (desk, server, dev) and one version number written once."""

import importlib.metadata
import re
import subprocess
import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement

import desk
import server

ROOT = Path(__file__).parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
# reportlab and its font are the server's too: the dashboard exports the desk's own report.
DESK_ONLY = {"pyside6-essentials", "python-barcode", "keyring", "pypdfium2"}
SERVER_ONLY = {"fastapi", "uvicorn", "jinja2", "python-multipart", "psycopg2-binary"}


def _names(requirements: list[str]) -> set[str]:
    return {Requirement(r).name.lower() for r in requirements}


def test_the_desk_installs_no_server_package_and_the_server_no_qt():
    core = _names(PYPROJECT["project"]["dependencies"])
    extras = {k: _names(v) for k, v in PYPROJECT["project"]["optional-dependencies"].items()}
    assert not core & (DESK_ONLY | SERVER_ONLY)
    assert extras["desk"] >= DESK_ONLY and not extras["desk"] & SERVER_ONLY
    assert extras["server"] >= SERVER_ONLY and not extras["server"] & DESK_ONLY


def test_the_version_is_written_once_and_read_everywhere():
    assert PYPROJECT["project"]["dynamic"] == ["version"]
    assert "version" not in PYPROJECT["project"]
    assert importlib.metadata.version("motcua") == desk.__version__ == server.__version__
    literal = re.compile(r"""(__version__|AppVersion|version)\s*=\s*["']\d+\.\d+""")
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                             check=True).stdout.split()
    carriers = [name for name in tracked
                if name.endswith((".py", ".toml", ".iss", ".spec", ".ps1", ".cfg"))
                and literal.search((ROOT / name).read_text(encoding="utf-8", errors="replace"))]
    assert carriers == ["desk/__init__.py"]


def test_both_programs_say_the_version():
    for module in ("ui.launcher", "server.cli"):
        shown = subprocess.run([sys.executable, "-m", module, "--version"], capture_output=True,
                               text=True, cwd=ROOT, check=True).stdout
        assert shown.split() == [shown.split()[0], desk.__version__], shown
