"""Cold start of the window: a fresh process until the main window is shown and the event loop
goes idle, median of 5, beside a bare ``import PySide6.QtWidgets``. Goal (issue #4): ≤ 1.0 s.

The demo database is made once beforehand (seeding is not start-up). Without a display the
offscreen platform is used. Usage: python bench/startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import keyring_setup  # noqa: F401 - where the children's database keys go

ROOT = Path(__file__).resolve().parents[1]

SEED = """
import sys
from pathlib import Path
from desk import demo, paths
from desk.clock import utcnow
from desk.database import open_database
open_database(paths.database_path(Path(sys.argv[1])), now=utcnow)
demo.seed(demo.ensure_demo_office(now=utcnow), 120, now=utcnow)
"""

WINDOW = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from desk import paths
from desk.clock import utcnow
from desk.context import load_context
from desk.database import open_database
app = QApplication(sys.argv[:1])
open_database(paths.database_path(Path(sys.argv[1])), now=utcnow)
from ui.main_window import MainWindow
window = MainWindow(load_context(now=utcnow))
window.show()
def idle():
    print("idle", flush=True)
    app.quit()
QTimer.singleShot(0, idle)  # fires once the loop has drained what show() queued
app.exec()
window.tasks.wait()
"""

BARE = "import PySide6.QtWidgets\nprint('idle', flush=True)\n"


def timed(code: str, *args: str) -> float:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = time.perf_counter() - started
    _, errors = child.communicate()  # Qt's platform chatter is shown only when a run fails
    if line.strip() != "idle":
        raise SystemExit(f"child did not reach idle (exit {child.returncode}):\n{errors}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-c", SEED, tmp], cwd=ROOT, check=True)
        window = statistics.median(timed(WINDOW, tmp) for _ in range(args.runs))
        bare = statistics.median(timed(BARE) for _ in range(args.runs))
    print(f"window shown and idle: median {window:.3f} s over {args.runs} runs")
    print(f"import PySide6.QtWidgets: median {bare:.3f} s")
    print(f"ratio: {window / bare:.2f}")


if __name__ == "__main__":
    main()
