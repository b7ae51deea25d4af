"""motcua receipt, form, ledger: the official documents as PDF files."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from desk import audit, documents
from desk.cli import Output, login_of
from desk.errors import DomainError


def register(sub: Any) -> None:
    receipt = sub.add_parser("receipt", help="form 01 for a dossier, as PDF")
    receipt.add_argument("code")
    receipt.add_argument("--out", required=True, type=Path)
    receipt.add_argument("--paper", choices=("a4", "a5"))
    receipt.set_defaults(handler=run_receipt)

    form = sub.add_parser(
        "form", help="a slip of a dossier, as PDF: supplement, refusal, extension, stop, "
        "control (2025 forms); apology for dossiers on the 2018 forms")
    form.add_argument("kind", choices=documents.SLIP_KINDS)
    form.add_argument("code")
    form.add_argument("--out", required=True, type=Path)
    form.set_defaults(handler=run_form)

    ledger = sub.add_parser("ledger", help="the dossier ledger over dates, as PDF "
                            "(form 07; form 06 for periods before 15/9/2025)")
    ledger.add_argument("--from", dest="date_from", required=True, help="YYYY-MM-DD")
    ledger.add_argument("--to", dest="date_to", required=True, help="YYYY-MM-DD")
    ledger.add_argument("--out", required=True, type=Path)
    ledger.set_defaults(handler=run_ledger, permission="ledger")


def _write(path: Path, data: bytes, out: Output, args: argparse.Namespace, what: str,
           target: str = "") -> int:
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise DomainError("cannot_write", f"Không ghi được tệp {path}: {exc.strerror}.") from exc
    audit.exported(what, path, actor=login_of(args), now=args.now, target=target)
    out.emit({"out": str(path), "bytes": len(data)}, str(path))
    return 0


def run_receipt(args: argparse.Namespace, out: Output) -> int:
    return _write(args.out, documents.receipt_pdf(args.code, args.paper), out, args, "receipt",
                  args.code.strip().upper())


def run_form(args: argparse.Namespace, out: Output) -> int:
    return _write(args.out, documents.slip_pdf(args.kind, args.code), out, args,
                  f"form_{args.kind}", args.code.strip().upper())


def run_ledger(args: argparse.Namespace, out: Output) -> int:
    try:
        start, end = dt.date.fromisoformat(args.date_from), dt.date.fromisoformat(args.date_to)
    except ValueError as exc:
        raise DomainError("invalid_date", "Ngày phải có dạng YYYY-MM-DD.") from exc
    return _write(args.out, documents.ledger_pdf(start, end), out, args, "ledger",
                  f"{start.isoformat()}..{end.isoformat()}")
