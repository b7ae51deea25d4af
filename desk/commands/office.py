"""motcua init, demo-seed, procedures."""

from __future__ import annotations

import argparse
from typing import Any

from desk import audit, catalogue, demo, paths, recovery, setup
from desk.cli import Output, add_json_flag, login_of


def register(sub: Any) -> None:
    init = sub.add_parser("init", help="set up this desk for a commune")
    init.add_argument("--commune-code", required=True)
    init.add_argument("--commune-name", required=True)
    init.add_argument("--agency-code", help="national agency identifier, e.g. 000.00.12.H12")
    init.add_argument("--desk-number", type=int, default=0, help="0-9, one per desk of a commune")
    init.add_argument("--province-name", default="")
    init.add_argument("--governing-body", default="", help='e.g. "UBND TỈNH ĐỒNG NAI"')
    init.add_argument("--clerk", default="", help="name of the first clerk")
    add_json_flag(init)
    init.set_defaults(handler=run_init, permission="settings")

    seed = sub.add_parser("demo-seed", help="add demo dossiers (sets up a demo commune if needed)")
    seed.add_argument("--dossiers", type=int, default=200)
    seed.add_argument("--seed", type=int, default=2026)
    add_json_flag(seed)
    seed.set_defaults(handler=run_demo_seed)

    procedures = sub.add_parser("procedures", help="list the procedure catalogue")
    procedures.add_argument("query", nargs="?", default="", help="filter by name or code")
    add_json_flag(procedures)
    procedures.set_defaults(handler=run_procedures, permission=None)


def run_init(args: argparse.Namespace, out: Output) -> int:
    desk = setup.initialize(
        args.commune_code, args.commune_name, args.agency_code, desk_number=args.desk_number,
        province_name=args.province_name, governing_body=args.governing_body,
        clerk_name=args.clerk, now=args.now,
    )
    audit.record("desk_initialized", actor=login_of(args), target=desk.commune_code,
                 details={"desk_number": desk.number}, now=args.now)
    count = len(catalogue.active_procedures())
    key = recovery.reveal_once(paths.database_path(paths.data_dir(args.data_dir)),
                               by=login_of(args), now=args.now)
    text = (f"Đã khởi tạo {desk.name.lower()} cho {args.commune_name} "
            f"({count} thủ tục trong danh mục).")
    if key:
        text += f"\n\nKHÓA KHÔI PHỤC: {key}\n{recovery.ADVICE}"
    out.emit(
        {"commune_code": desk.commune_code, "desk_id": desk.id, "desk_number": desk.number,
         "procedures": count, "recovery_key": key},
        text,
    )
    return 0


def run_demo_seed(args: argparse.Namespace, out: Output) -> int:
    ctx = demo.ensure_demo_office(now=args.now)
    if args.dossiers < 0:
        raise SystemExit("--dossiers must be positive")
    made = demo.seed(ctx, args.dossiers, args.seed, by=login_of(args) or demo.demo_login(),
                     now=args.now)
    out.emit({"dossiers": made}, f"Đã tạo {made} hồ sơ mẫu.")
    return 0


def run_procedures(args: argparse.Namespace, out: Output) -> int:
    rows = [catalogue.procedure_json(p) for p in catalogue.active_procedures(args.query)]
    text = "\n".join(f"{r['code']:<14} {r['processing_text']:<20} {r['name']}" for r in rows)
    out.emit(rows, text or "Không có thủ tục nào khớp.")
    return 0
