"""motcua enroll, sync, bundle export|import (DESIGN.md §3-4)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from desk.cli import Output, add_json_flag
from desk.sync import bundle, enrolment, session


def register(sub: Any) -> None:
    enroll = sub.add_parser("enroll", help="register this desk with the upstream server")
    enroll.add_argument("--server", required=True, help="e.g. https://motcua.tinh.gov.vn")
    enroll.add_argument("--code", required=True, help="the one-time code from the province")
    add_json_flag(enroll)
    enroll.set_defaults(handler=run_enroll)

    sync = sub.add_parser("sync", help="send what waits, then fetch what changed upstream")
    add_json_flag(sync)
    sync.set_defaults(handler=run_sync)

    bundles = sub.add_parser("bundle", help="carry sync data on a USB stick")
    actions = bundles.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write the waiting records to FILE (signed)")
    export.add_argument("file", type=Path)
    add_json_flag(export)
    export.set_defaults(handler=run_export)
    reply = actions.add_parser("import", help="read the server's reply bundle FILE")
    reply.add_argument("file", type=Path)
    add_json_flag(reply)
    reply.set_defaults(handler=run_import)


def run_enroll(args: argparse.Namespace, out: Output) -> int:
    done = enrolment.enroll(args.server, args.code)
    out.emit(done, f"Đã đăng ký máy với máy chủ cấp trên (mã máy {done['device_id']}).")
    return 0


def run_sync(args: argparse.Namespace, out: Output) -> int:
    done = session.sync()
    out.emit(done, f"Đã gửi {done['pushed']} bản ghi, nhận {done['pulled']} cập nhật; "
                   f"còn {done['pending']} bản ghi chờ gửi.")
    return 0


def run_export(args: argparse.Namespace, out: Output) -> int:
    done = bundle.export(args.file)
    out.emit(done, f"Đã ghi {done['records']} bản ghi chờ gửi vào {done['file']}. "
                   "Các bản ghi vẫn chờ đến khi cấp trên xác nhận.")
    return 0


def run_import(args: argparse.Namespace, out: Output) -> int:
    done = bundle.import_reply(args.file)
    out.emit(done, f"Cấp trên đã xác nhận {done['acked']} bản ghi; nhận {done['pulled']} "
                   f"cập nhật; còn {done['pending']} bản ghi chờ gửi.")
    return 0
