"""motcua enroll, sync, parked [retry], bundle export|import (DESIGN.md §3-4)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from desk import audit
from desk.cli import Output, add_json_flag, login_of
from desk.clock import to_local
from desk.errors import DomainError
from desk.outbox import pending_count
from desk.sync import bundle, enrolment, parked, session


def register(sub: Any) -> None:
    enroll = sub.add_parser("enroll", help="register this desk with the upstream server")
    enroll.add_argument("--server", required=True, help="e.g. https://motcua.tinh.gov.vn")
    enroll.add_argument("--code", required=True, help="the one-time code from the province")
    add_json_flag(enroll)
    enroll.set_defaults(handler=run_enroll, permission="enrolment")

    sync = sub.add_parser("sync", help="send what waits, then fetch what changed upstream")
    add_json_flag(sync)
    sync.set_defaults(handler=run_sync, permission="sync")

    _register_parked(sub)

    bundles = sub.add_parser("bundle", help="carry sync data on a USB stick")
    actions = bundles.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write the waiting records to FILE (signed)")
    export.add_argument("file", type=Path)
    add_json_flag(export)
    export.set_defaults(handler=run_export, permission="bundles")
    reply = actions.add_parser("import", help="read the server's reply bundle FILE")
    reply.add_argument("file", type=Path)
    add_json_flag(reply)
    reply.set_defaults(handler=run_import, permission="bundles")


def _register_parked(sub: Any) -> None:
    listing = sub.add_parser("parked", help="records the server refused: list them, or "
                                            "'parked retry' to queue them again")
    add_json_flag(listing)
    listing.set_defaults(handler=run_parked, permission="sync")
    actions = listing.add_subparsers(dest="action", metavar="ACTION")
    retry = actions.add_parser("retry", help="queue parked records again, each with the other "
                                             "parked records of its dossier")
    retry.add_argument("seqs", nargs="*", type=int, metavar="SEQ",
                       help="the records' numbers, as 'motcua parked' lists them")
    retry.add_argument("--all", action="store_true", help="every parked record")
    # SUPPRESS: "parked --json retry" keeps the --json given before the action.
    retry.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                       help="print one JSON document")
    retry.set_defaults(handler=run_retry, permission="sync")


def run_enroll(args: argparse.Namespace, out: Output) -> int:
    done = enrolment.enroll(args.server, args.code, now=args.now)
    if done.get("warning"):
        print(done["warning"], file=sys.stderr)
    audit.record("enrolled", actor=login_of(args), target=done["device_id"], now=args.now)
    out.emit(done, f"Đã đăng ký máy với máy chủ cấp trên (mã máy {done['device_id']}).")
    return 0


def run_sync(args: argparse.Namespace, out: Output) -> int:
    done = session.sync(now=args.now)
    out.emit(done, f"Đã gửi {done['pushed']} bản ghi, nhận {done['pulled']} cập nhật; "
                   f"còn {done['pending']} bản ghi chờ gửi.")
    return 0


def run_export(args: argparse.Namespace, out: Output) -> int:
    done = bundle.export(args.file, now=args.now)
    audit.exported("bundle", args.file, actor=login_of(args), now=args.now)
    out.emit(done, f"Đã ghi {done['records']} bản ghi chờ gửi vào {done['file']} (đã niêm "
                   "phong: chỉ máy chủ cấp trên đọc được). Các bản ghi vẫn chờ đến khi cấp trên "
                   "xác nhận.")
    return 0


def run_import(args: argparse.Namespace, out: Output) -> int:
    done = bundle.import_reply(args.file, now=args.now)
    audit.record("bundle_imported", actor=login_of(args), now=args.now,
                 details={"file": args.file.name, "acked": done["acked"]})
    answers = done["answers"]
    if done.get("notice"):
        out.emit(done, f"{done['notice']} Nhận {done['pulled']} cập nhật; còn "
                       f"{done['pending']} bản ghi chờ gửi.")
        return 0
    answered = (f"Gói phản hồi cho gói xuất các bản ghi số {answers['first']}–{answers['last']}. "
                if answers["last"] else "Gói phản hồi cho một gói không có bản ghi chờ gửi. ")
    out.emit(done, answered + f"Cấp trên đã xác nhận {done['acked']} bản ghi; nhận "
                              f"{done['pulled']} cập nhật; còn {done['pending']} bản ghi chờ gửi.")
    return 0


def run_parked(args: argparse.Namespace, out: Output) -> int:
    records = parked.parked_records()
    lines = [f"Có {len(records)} bản ghi bị giữ lại (gửi lại: motcua parked retry SỐ… "
             "hoặc --all):"] if records else ["Không có bản ghi nào bị giữ lại."]
    for r in records:
        when = to_local(r.parked_at).strftime("%H:%M %d/%m/%Y") if r.parked_at else "không rõ"
        lines += [f"  #{r.seq}  {r.dossier_code or '(không rõ mã hồ sơ)'}  {r.label}  "
                  f"(giữ lại lúc {when})", f"      {r.reason}",
                  f"      [{r.code or '?'}: {r.detail}]"]
    changes = parked.parked_changes()
    if changes:
        lines.append(f"Có {len(changes)} bản ghi nhận từ cấp trên chưa áp dụng được (máy thử "
                     "lại ở mỗi lần đồng bộ):")
    for c in changes:
        lines += [f"  #{c.seq}  {c.dossier_code or '(không rõ mã hồ sơ)'}  {c.label}  "
                  f"(giữ lại lúc {to_local(c.parked_at).strftime('%H:%M %d/%m/%Y')})",
                  f"      {c.reason}", f"      [{c.detail}]"]
    out.emit({"parked": [r.json() for r in records],
              "pulled_parked": [c.json() for c in changes]}, "\n".join(lines))
    return 0


def run_retry(args: argparse.Namespace, out: Output) -> int:
    if bool(args.all) == bool(args.seqs):
        raise DomainError("choose_records", "Hãy ghi số của bản ghi cần gửi lại, hoặc --all "
                                            "để gửi lại tất cả (không dùng cả hai).")
    requeued = parked.requeue(None if args.all else args.seqs)
    done = {"requeued": requeued, "pending": pending_count(),
            "parked": len(parked.parked_records())}
    text = (f"Đã đưa {len(requeued)} bản ghi (số {', '.join(map(str, requeued))}) vào hàng "
            "chờ gửi; chạy «motcua sync» để gửi ngay." if requeued
            else "Không có bản ghi nào bị giữ lại.")
    out.emit(done, text)
    return 0
