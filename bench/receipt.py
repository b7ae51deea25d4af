"""How long one receipt (form 01, two A5 copies) takes to render. Prints figures, asserts nothing.

cold: the first receipt in a fresh Python process (font lookup and registration included; the
      import of printing/reportlab is reported apart), median over several processes.
warm: median of many receipts in one process once the fonts are loaded.
Goals: warm <= 30 ms, cold <= 300 ms.

    .venv/bin/python bench/receipt.py [--runs 50] [--processes 5]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def sample():
    from printing import Applicant, DocumentForm, DocumentLine, Office, ReceiptData

    vn = timezone(timedelta(hours=7))
    received = datetime(2026, 11, 23, 10, 0, tzinfo=vn)
    return ReceiptData(
        dossier_code="000.00.12.H12-261123-0001",
        office=Office(
            "UBND tỉnh Thái Nguyên",
            "UBND xã Phú Lương",
            "Phú Lương",
            "000.00.12.H12",
            hotline="0208 3878 123",
        ),
        applicant=Applicant(
            "Nguyễn Thị Thanh Hương",
            "019186001234",
            "Xóm Đồng Ẻn, xã Phú Lương, tỉnh Thái Nguyên",
            "0912 345 678",
        ),
        procedure_name="Đăng ký khai sinh",
        procedure_code="1.001193",
        received_at=received,
        due_at=received + timedelta(days=2),
        processing_time="01 ngày làm việc",
        documents=(
            DocumentLine("Tờ khai đăng ký khai sinh"),
            DocumentLine("Giấy chứng sinh"),
            DocumentLine("Giấy chứng nhận kết hôn của cha, mẹ", DocumentForm.CERTIFIED_COPY),
        ),
        ledger_book="01",
        ledger_entry=123,
        fee=0,
        lookup_text="https://dichvucong.thainguyen.gov.vn/tra-cuu?ma=000.00.12.H12-261123-0001",
        clerk_name="Trần Văn Đức",
    )


def cold_child() -> None:
    """Run in a fresh process: time the import, then the first receipt."""
    start = time.perf_counter()
    import printing

    imported = time.perf_counter()
    data = sample()
    begin = time.perf_counter()
    printing.render_receipt(data)
    done = time.perf_counter()
    fonts = printing.default_fonts().source
    print(json.dumps({"import": imported - start, "first": done - begin, "fonts": fonts}))


def cold(processes: int) -> list[dict]:
    runs = []
    for _ in range(processes):
        out = subprocess.run(
            [sys.executable, __file__, "--cold-child"],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        ).stdout
        runs.append(json.loads(out.strip().splitlines()[-1]))
    return runs


def warm(runs: int) -> list[float]:
    import printing

    data = sample()
    printing.render_receipt(data)
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        printing.render_receipt(data)
        times.append(time.perf_counter() - begin)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--cold-child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cold_child:
        cold_child()
        return
    children = cold(args.processes)
    first = statistics.median(c["first"] for c in children) * 1000
    imports = statistics.median(c["import"] for c in children) * 1000
    times = warm(args.runs)
    ms = sorted(t * 1000 for t in times)
    print(f"fonts: {children[0]['fonts']}")
    print(
        f"cold: first receipt {first:.1f} ms median of {args.processes} processes "
        f"(+ import of printing {imports:.1f} ms)   goal <= 300 ms"
    )
    print(
        f"warm: {statistics.median(ms):.1f} ms median of {args.runs} "
        f"(min {ms[0]:.1f}, p90 {ms[int(len(ms) * 0.9) - 1]:.1f})   goal <= 30 ms"
    )


if __name__ == "__main__":
    main()
