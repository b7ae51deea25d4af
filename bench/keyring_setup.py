"""Benchmarks keep their databases' keys in the test suite's file keyring under bench/out/,
never in the keyring of the person running them (their data is synthetic). Import this module
before anything from desk/; child processes inherit the setting."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
(ROOT / "bench" / "out").mkdir(exist_ok=True)
os.environ["PYTHON_KEYRING_BACKEND"] = "tests.sync.keyrings.JsonFileKeyring"
os.environ.setdefault("MOTCUA_TEST_KEYRING_FILE", str(ROOT / "bench" / "out" / "keys.json"))
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT),
                                                         os.environ.get("PYTHONPATH")]))
