"""motcua intake, show, event, search."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from desk import catalogue, citizen_id, corrections, dossiers, events, intake, search, workflow
from desk.cli import Output, add_json_flag, login_of
from desk.clock import instant_option, iso_local, parse_instant, to_local
from desk.context import load_context
from desk.errors import DomainError


def register(sub: Any) -> None:
    _register_intake(sub)
    show = sub.add_parser("show", help="show one dossier")
    show.add_argument("code")
    add_json_flag(show)
    show.set_defaults(handler=run_show)

    event = sub.add_parser("event", help="record what happened to a dossier")
    event.add_argument("code")
    event.add_argument("kind", choices=list(workflow.VERBS))
    event.add_argument("--note", default="",
                       help="what happened; the reason of refuse, reschedule and stop")
    event.add_argument("--at", help="when it happened (ISO 8601; default now)")
    event.add_argument("--new-due", help="reschedule: the new appointment (ISO 8601)")
    event.add_argument("--rating", type=int, help="rate: 1 không hài lòng … 3 rất hài lòng")
    event.add_argument("--field", choices=list(corrections.FIELDS),
                       help="correct: which field (a reason in --note is required)")
    event.add_argument("--value", help="correct: the corrected value (birth_date as "
                                       "YYYY-MM-DD or DD/MM/YYYY; sex Nam or Nữ)")
    event.add_argument("--document", action="append", default=None, metavar="NAME",
                       help="request-supplement: a document to add (repeat)")
    event.add_argument("--actor", dest="by", default="",
                       help="who did it, when not the signed-in account (paper records)")
    add_json_flag(event)
    event.set_defaults(handler=run_event)

    find = sub.add_parser("search", help="find dossiers by name, code, ID number or phone")
    find.add_argument("query")
    find.add_argument("--limit", type=int, default=50)
    add_json_flag(find)
    find.set_defaults(handler=run_search)


def _register_intake(sub: Any) -> None:
    p = sub.add_parser("intake", help="receive a dossier; prints its code")
    p.add_argument("--procedure", required=True, help="procedure code")
    p.add_argument("--cccd-qr", metavar="TEXT",
                   help="the text a scanner reads from the CCCD's QR: fills name, ID number, "
                   "birth date, sex and address (flags given as well win)")
    p.add_argument("--name")
    p.add_argument("--id-number")
    p.add_argument("--phone", default="")
    p.add_argument("--address", default="")
    p.add_argument("--email", default="")
    p.add_argument("--received-at", help="ISO 8601 (default now; for paper records)")
    p.add_argument(
        "--document", action="append", default=None, metavar="POS[:QTY]",
        help="catalogue document received (repeat); default: every required document",
    )
    p.add_argument("--verification", action="store_true", help="procedure needs verification")
    p.add_argument("--channel", default="direct", choices=intake.CHANNELS)
    p.add_argument("--return-method", default="counter", choices=intake.RETURN_METHODS)
    p.add_argument("--sets", type=int, default=1)
    p.add_argument("--fee", type=int)
    p.add_argument("--clerk", default="")
    p.add_argument("--note", default="")
    p.add_argument("--notify", action="store_true",
                   help="the citizen agrees to be told by SMS/e-mail (needs --phone or --email)")
    add_json_flag(p)
    p.set_defaults(handler=run_intake)


def _applicant(args: argparse.Namespace) -> intake.ApplicantInput:
    """From the flags, filled in from the scanned CCCD where a flag is not given."""
    card = citizen_id.parse_qr(args.cccd_qr) if args.cccd_qr else None
    name = args.name or (card.name if card else "")
    id_number = args.id_number or (card.id_number if card else "")
    if not name or not id_number:
        raise DomainError("missing_applicant",
                          "Cần --name và --id-number, hoặc --cccd-qr với nội dung mã QR.")
    return intake.ApplicantInput(
        name=name, id_number=id_number, phone=args.phone,
        address=args.address or (card.address if card else ""), email=args.email,
        birth_date=card.birth_date if card else None, sex=card.sex if card else "",
    )


def run_intake(args: argparse.Namespace, out: Output) -> int:
    ctx = load_context(now=args.now)
    applicant = _applicant(args)
    warnings = citizen_id.mismatches(applicant.id_number, applicant.birth_date, applicant.sex)
    for warning in warnings:  # shown before the dossier is written, as the window does
        print(f"Lưu ý: {warning}", file=sys.stderr)
    request = intake.IntakeRequest(
        procedure_code=args.procedure,
        applicant=applicant,
        documents=_documents(args.procedure, args.document),
        received_at=instant_option(args.received_at, "--received-at"),
        channel=args.channel, return_method=args.return_method, sets_count=args.sets,
        fee_amount=args.fee, note=args.note, clerk=args.clerk or _name(args),
        verification=args.verification, notify=args.notify,
    )
    dossier = intake.receive(ctx, request, by=login_of(args), now=ctx.now)
    out.emit({**dossiers.details(dossier), "warnings": warnings}, dossier.code)
    return 0


def _name(args: argparse.Namespace) -> str:
    """The signed-in account's name, which goes on the receipt and the event."""
    return args.actor.name if args.actor is not None else ""


def _documents(
    procedure_code: str, specs: list[str] | None
) -> tuple[intake.DocumentInput, ...] | None:
    if specs is None:
        return None
    listed = {d.position: d for d in catalogue.get_procedure(procedure_code).documents}
    chosen = []
    for spec in specs:
        position, _, quantity = spec.partition(":")
        try:
            doc = listed[int(position)]
            chosen.append(intake.DocumentInput(doc.name, doc.form, int(quantity or doc.quantity)))
        except (KeyError, ValueError) as exc:
            raise DomainError(
                "invalid_document", f"Không có giấy tờ số «{spec}» trong danh mục của thủ tục."
            ) from exc
    return tuple(chosen)


def run_show(args: argparse.Namespace, out: Output) -> int:
    data = dossiers.details(events.get_dossier(args.code))
    out.emit(data, _describe(data))
    return 0


def _describe(data: dict[str, Any]) -> str:
    lines = [
        f"Mã hồ sơ: {data['code']}  ({data['status_label']})",
        f"Người nộp: {data['applicant']['name']}",
        f"Thủ tục: {data['procedure']['code']} {data['procedure']['name']}",
        f"Tiếp nhận: {_local(data['received_at'])}    Hẹn trả: {_local(data['due_at'])}",
    ]
    lines += [f"  {_local(e['at'])}  {e['label']}  {e['note']}".rstrip() for e in data["events"]]
    return "\n".join(lines)


def _local(iso: str | None) -> str:
    return "" if iso is None else to_local(parse_instant(iso)).strftime("%H:%M %d/%m/%Y")


def run_event(args: argparse.Namespace, out: Output) -> int:
    kind = workflow.VERBS[args.kind]
    data: dict[str, Any] = {}
    if args.new_due:
        data["due_at"] = instant_option(args.new_due, "--new-due")
    if args.rating is not None:
        data["rating"] = args.rating
    if args.field:
        data.update(field=args.field, value=args.value or "")
    if args.document:
        data["documents"] = args.document
    at = instant_option(args.at, "--at")
    event = events.record(load_context(now=args.now), args.code, kind, at=at, note=args.note,
                          data=data, actor=args.by or _name(args), by=login_of(args),
                          now=args.now)
    dossier = events.get_dossier(args.code)
    out.emit(
        dossiers.details(dossier),
        f"{dossier.code}: {workflow.EVENT_LABELS[event.kind]} lúc {_local(iso_local(event.at))}"
        f" — {workflow.STATUS_LABELS[dossier.status]}",
    )
    return 0


def run_search(args: argparse.Namespace, out: Output) -> int:
    found = search.search(args.query, args.limit)
    rows = [
        {"code": d.code, "status": d.status, "applicant": {"name": d.applicant.name},
         "procedure": {"code": d.procedure_code}, "received_at": iso_local(d.received_at),
         "due_at": iso_local(d.due_at)}
        for d in found
    ]
    text = "\n".join(f"{r['code']}  {r['applicant']['name']}  "
                     f"{workflow.STATUS_LABELS.get(r['status'], r['status'])}" for r in rows)
    out.emit(rows, text or "Không tìm thấy hồ sơ nào.")
    return 0


