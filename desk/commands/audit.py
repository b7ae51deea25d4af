"""motcua audit [--since ISO] [--json]: the audit trail, with its hash chain checked."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from desk import audit
from desk.cli import Output, add_json_flag
from desk.clock import parse_instant, to_local


def register(sub: Any) -> None:
    p = sub.add_parser("audit", help="who did what and when (leader, admin)")
    p.add_argument("--since", metavar="ISO", help="entries from this instant on")
    p.add_argument("--limit", type=int, help="only the newest N entries")
    add_json_flag(p)
    p.set_defaults(handler=run_audit, permission="audit")


def run_audit(args: argparse.Namespace, out: Output) -> int:
    since = parse_instant(args.since) if args.since else None
    rows = audit.entries(since, args.limit)
    out.emit(rows, "\n".join(describe(r) for r in rows) or "Nhật ký chưa có mục nào.")
    check = audit.verify()
    if check.ok:
        return 0
    # The entries still print: they are the evidence. The break is said apart, and fails.
    say_broken(check, out)
    return 3


def describe(row: dict[str, Any]) -> str:
    when = to_local(parse_instant(row["at"])).strftime("%H:%M:%S %d/%m/%Y")
    details = audit.details_text(row["details"])
    parts = [f"#{row['seq']}", when, row["actor"] or audit.NO_ACTOR, row["label"],
             row["target"], f"({details})" if details else ""]
    return "  ".join(p for p in parts if p)


def say_broken(check: audit.ChainCheck, out: Output) -> None:
    if out.as_json:
        print(json.dumps({"error": "audit_chain_broken", "broken_at": check.broken_at,
                          "message": check.message}, ensure_ascii=False), file=sys.stderr)
    else:
        print("Cảnh báo: " + check.message, file=sys.stderr)
