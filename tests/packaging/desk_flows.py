"""The desk's flows, CLI and window, in one process: ``python desk_flows.py DATA_DIR OUT_DIR``.

test_frozen_manifest.py runs this under strace and collects every file opened, by Python or
by Qt, so a data file another change makes the desk read is seen whether or not anyone told
the spec about it.
"""

import sys
from pathlib import Path


def main(data: str, out: str) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from desk import cli
    from ui import app as window

    def call(*args: str) -> str:
        import contextlib
        import io

        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            code = cli.main(["--data-dir", data, *args])
        assert code == 0, (args, code)
        return buffer.getvalue().strip()

    call("init", "--commune-code", "26734", "--commune-name", "Xã Tân Phú",
         "--agency-code", "000.00.12.H12")
    call("procedures", "--json")
    code = call("intake", "--procedure", "1.001193", "--name", "Đặng Văn Đức",
                "--id-number", "079203001234", "--phone", "0912345678",
                "--received-at", "2026-11-23T09:00:00+07:00")
    for paper in ("a4", "a5"):
        call("receipt", code, "--out", f"{out}/receipt-{paper}.pdf", "--paper", paper)
    call("form", "control", code, "--out", f"{out}/control.pdf")
    call("ledger", "--from", "2026-11-01", "--to", "2026-11-30", "--out", f"{out}/ledger.pdf")
    call("report", "--month", "2026-11", "--xlsx", f"{out}/report.xlsx", "--json")
    call("search", "dang van duc", "--json")
    # The first account, then the window opened for it (a scripted start: --as and the
    # password in MOTCUA_PASSWORD), so the main window itself is drawn.
    import io
    import os

    sys.stdin = io.StringIO("mat-khau-quan-tri\n")
    call("users", "add", "admin", "--name", "Lê Văn Quản", "--role", "admin", "--password-stdin")
    os.environ[cli.ENV_PASSWORD] = "mat-khau-quan-tri"
    application = QApplication.instance() or QApplication([])
    QTimer.singleShot(1500, application.quit)
    window.run(cli.GuiStart(Path(data), False, "admin"))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
