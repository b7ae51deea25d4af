"""motcua status: this desk's release, the reference data it holds, and how sync stands."""

from __future__ import annotations

import argparse
from typing import Any

from desk import __version__, reference
from desk.cli import Output, add_json_flag
from desk.clock import iso_local
from desk.context import load_context
from desk.sync.status import sync_status


def register(sub: Any) -> None:
    status = sub.add_parser("status", help="release, reference data versions and sync state")
    add_json_flag(status)
    status.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace, out: Output) -> int:
    ctx = load_context(now=args.now)
    held = reference.versions()
    sync = sync_status(now=args.now)
    data = {
        "version": __version__, "commune": {"code": ctx.commune.code, "name": ctx.commune.name},
        "reference": held,
        "sync": {"configured": sync.configured, "pending": sync.pending, "parked": sync.parked,
                 "last_success_at": iso_local(sync.last_success_at),
                 "last_error": sync.last_error, "stale": sync.stale},
    }
    text = "\n".join([
        f"Một Cửa Desk {__version__} · {ctx.commune.name} ({ctx.commune.code})",
        *(f"{reference.LABELS[k].capitalize()}: phiên bản {v or 'chưa rõ'}"
          for k, v in held.items()),
        f"Đồng bộ: {sync.pending} bản ghi chờ gửi, {sync.parked} bị giữ lại; lần cuối "
        + (iso_local(sync.last_success_at) or "chưa lần nào")
        + (f" · lỗi gần nhất: {sync.last_error}" if sync.last_error else ""),
    ])
    out.emit(data, text)
    return 0
