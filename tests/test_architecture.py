"""The arrows of DESIGN.md §1 point one way: import-linter checks the contracts in pyproject."""

import subprocess
import sys
from pathlib import Path


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], capture_output=True, text=True,
                            cwd=Path(__file__).parents[1])
    assert result.returncode == 0, result.stdout + result.stderr
