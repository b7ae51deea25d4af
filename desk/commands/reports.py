"""motcua report: the period's on-time figures as text, JSON, Excel or PDF."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk import audit, reports, settings
from desk.cli import Output, add_json_flag, login_of
from desk.clock import instant_option, to_local
from desk.context import load_context
from desk.errors import DomainError
from desk.periods import CUTOFFS, Period
from desk.report_table import office_table
from desk.report_xlsx import render_xlsx
from printing.report import format_value, render_report


def register(sub: Any) -> None:
    p = sub.add_parser("report", help="on-time figures for a month, quarter or year")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--month", metavar="YYYY-MM")
    which.add_argument("--quarter", metavar="YYYY-Qn")
    which.add_argument("--year", metavar="YYYY")
    p.add_argument("--xlsx", type=Path, metavar="FILE", help="write the table as Excel")
    p.add_argument("--pdf", type=Path, metavar="FILE", help="write the table as PDF (A4)")
    p.add_argument("--cutoff", choices=tuple(CUTOFFS),
                   help="state: the 15th of the month before to the 14th (the state regime); "
                   "calendar: calendar months (default: the setting reports.cutoff)")
    p.add_argument("--as-of", metavar="ISO",
                   help="compute as if it were this instant (default now; reruns, tests)")
    add_json_flag(p)
    p.set_defaults(handler=run_report, permission="statistics")


def chosen_period(args: argparse.Namespace) -> Period:
    cutoff = args.cutoff or settings.get("reports.cutoff")
    period = Period.parse(args.month or args.quarter or args.year, CUTOFFS[cutoff])
    expected = "month" if args.month else "quarter" if args.quarter else "year"
    if period.kind != expected:
        raise DomainError("invalid_period", "Kỳ báo cáo không khớp với tùy chọn đã chọn.")
    return period


def run_report(args: argparse.Namespace, out: Output) -> int:
    ctx = load_context(now=args.now)
    as_of = instant_option(args.as_of, "--as-of") or ctx.now()
    report = reports.build_report(chosen_period(args), ctx.commune_code, now=lambda: as_of)
    if args.xlsx or args.pdf:
        table = office_table(report, ctx, to_local(as_of).date())
        _write(args.xlsx, lambda: render_xlsx(table))
        _write(args.pdf, lambda: render_report(table))
        for path in (args.xlsx, args.pdf):
            if path is not None:
                audit.exported("report", path, actor=login_of(args), now=args.now,
                               target=report.period.label)
    out.emit(reports.report_json(report), summary(report))
    return 0


def _write(path: Path | None, render: Any) -> None:
    if path is None:
        return
    try:
        path.write_bytes(render())
    except OSError as exc:
        raise DomainError("cannot_write", f"Không ghi được tệp «{path}»: {exc.strerror}.") from exc


def summary(report: reports.Report) -> str:
    f = report.total.figures
    moment = to_local(report.as_of)
    return "\n".join([
        f"{report.period.label}, từ {report.period.first_day:%d/%m/%Y} đến "
        f"{report.period.last_day:%d/%m/%Y} (số đang giải quyết tính đến "
        f"{moment:%H:%M %d/%m/%Y})",
        f"Tổng số hồ sơ: {f.total} (kỳ trước chuyển qua {f.carried_over}, mới tiếp nhận "
        f"{f.received}: trực tuyến {f.received_online}, trực tiếp {f.received_direct}, "
        f"bưu chính {f.received_post})",
        f"Đã giải quyết: {f.resolved} (trước hạn {f.resolved_early}, đúng hạn "
        f"{f.resolved_on_time}, quá hạn {f.resolved_late})",
        f"Đang giải quyết: {f.pending} (trong hạn {f.pending_on_time}, quá hạn "
        f"{f.pending_overdue}); chờ bổ sung {f.waiting_supplement}",
        f"Từ chối: {f.refused}; dừng giải quyết: {f.stopped}; rút hồ sơ: {f.withdrawn}",
        f"Tỷ lệ đúng hạn: {format_value(f.on_time_rate)}%; "
        f"hài lòng: {format_value(f.satisfaction_rate)}%",
    ])
