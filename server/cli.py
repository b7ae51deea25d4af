"""``motcua-server``: the administrator's face of the upstream server (DESIGN.md §4).

``--json`` prints one JSON document; refusals exit 2 with one line on stderr (``{"error": ...}``
with ``--json``), anything unexpected exits 1 the same way with its traceback in the server's
log file. ``main`` is an entry point: it chooses the clock and hands it to every
command as ``args.now``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import platformdirs

from desk import workflow
from desk.clock import Now, instant_option, iso_local, parse_instant, utcnow
from desk.errors import DomainError
from models.bundle import BundleError, read_file
from server import __version__, enrolment, events, reference, settings, stats
from server.bootstrap import open_hub
from server.bundles import import_bundle
from server.communes import add_commune
from server.dashboard.users import ROLES, Account, save_user
from server.database import default_url
from server.errors import ApiError
from server.files import private_file, private_folder, write_private
from server.notices import outbox
from server.notices.listing import notice_json

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="motcua-server", description="Một Cửa upstream server")
    parser.add_argument("--db", default=None,
                        help="postgresql://user:pass@host/db or a SQLite file (default: "
                             "$MOTCUA_SERVER_DB or a file in the user data folder)")
    parser.add_argument("--version", action="version", version=f"motcua-server {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve = sub.add_parser("serve", help="run the API and the dashboard")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1,
                       help="server processes sharing the port (about one per CPU core; "
                            "the database must be PostgreSQL to gain from more than one)")
    commune = sub.add_parser("add-commune", help="register a commune")
    commune.add_argument("code")
    commune.add_argument("name")
    commune.add_argument("--agency-code", default="")
    commune.add_argument("--province-name", default="")
    code = sub.add_parser("enrolment-code", help="make a one-time code for a desk of a commune")
    code.add_argument("code", metavar="COMMUNE")
    revoke = sub.add_parser("revoke-device", help="stop a device from syncing")
    revoke.add_argument("device_id")
    bundle = sub.add_parser("import-bundle", help="import a desk's USB bundle")
    bundle.add_argument("file", type=Path)
    bundle.add_argument("--reply", type=Path, help="write the reply bundle for the desk here")
    show = sub.add_parser("stats", help="dossiers and events held, per commune")
    show.add_argument("--commune")
    show.add_argument("--devices", action="store_true",
                      help="also each device: its desk release and last contact")
    user = sub.add_parser("create-user", help="create or reset a dashboard account")
    user.add_argument("username")
    user.add_argument("--display-name", default="")
    user.add_argument("--role", choices=sorted(ROLES), default="province",
                      help="province: every commune; commune: one commune's leader (--commune); "
                           "admin: also manages accounts, communes, codes and reference data")
    user.add_argument("--commune", default=None, help="the commune of a commune leader")
    user.add_argument("--password-stdin", action="store_true", help="read the password on stdin")
    event = _event_parser(sub)
    setting = sub.add_parser("setting", help="show or change a province setting "
                             "(lookup_url, notify_received, hotline, hotline.<commune>)")
    setting.add_argument("key", nargs="?", help="omit to list every setting")
    setting.add_argument("value", nargs="?", help="the new value; omit to show the current one")
    notices = sub.add_parser("notices", help="notices to citizens that failed or still wait")
    notices.add_argument("--all", action="store_true", help="sent ones too")
    data = sub.add_parser("reference", help="the procedure catalogue and holiday calendar "
                          "desks receive")
    load = data.add_subparsers(dest="action", required=True, metavar="ACTION").add_parser(
        "load", help="load a newer catalogue and/or calendar FILE (the shipped JSON format, "
        "with its version); desks get it at their next sync")
    load.add_argument("file", type=Path)
    for p in (commune, code, revoke, bundle, show, user, event, setting, notices, load):
        p.add_argument("--json", action="store_true", help="print one JSON document")
    return parser


def _event_parser(sub: Any) -> argparse.ArgumentParser:
    event = sub.add_parser("event", help="record an upstream event on a dossier held here")
    event.add_argument("code", help="the dossier code, e.g. 000.00.12.H12-261123-0001")
    event.add_argument("kind", help="assigned | supplement_requested | result_ready | refused | "
                                    "rescheduled (the desk's words, e.g. result-ready, work too)")
    event.add_argument("--note", default="", help="refused: the reasons (printed on form 03)")
    event.add_argument("--at", help="when it happened (ISO 8601, default now; without an "
                                    "offset it is Vietnam time)")
    event.add_argument("--actor", help="who did it (default: your login name)")
    event.add_argument("--new-due", help="rescheduled: the new appointment (ISO 8601)")
    return event


def main(argv: Sequence[str] | None = None, clock: Now = utcnow) -> int:
    args = build_parser().parse_args(argv)
    args.now = clock
    try:
        return _run(args)
    except (ApiError, BundleError, DomainError) as exc:
        return _fail(args, exc.code, exc.detail)
    except BrokenPipeError:  # `motcua-server stats | head`: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except Exception as exc:  # the last resort: one line, the traceback in the log
        where = _log_crash(args.command)
        return _fail(args, "internal_error", f"{type(exc).__name__}: {exc} (traceback in "
                     f"{where})"[:800], status=1)


def _run(args: argparse.Namespace) -> int:
    database = open_hub(args.db or default_url(), now=args.now)
    if args.command == "serve":
        return serve(args)
    with database.connection_context():
        data, text = COMMANDS[args.command](args)
    print(json.dumps(data, ensure_ascii=False, indent=2) if args.json else text)
    return 0


def serve(args: argparse.Namespace) -> int:
    from server import serving

    serving.run(args.db or default_url(), args.host, args.port, args.workers, clock=args.now)
    return 0


def run_add_commune(args: argparse.Namespace) -> tuple[Any, str]:
    c = add_commune(args.code, args.name, args.agency_code, args.province_name)
    return ({"code": c.code, "name": c.name, "agency_code": c.agency_code},
            f"Commune {c.code} {c.name} ({c.agency_code}) registered.")


def run_enrolment_code(args: argparse.Namespace) -> tuple[Any, str]:
    code, expires = enrolment.make_code(args.code, now=args.now)
    return ({"code": code, "commune_code": args.code, "expires_at": iso_local(expires)},
            f"{code}  (one use, for commune {args.code}, until {iso_local(expires)})")


def run_revoke(args: argparse.Namespace) -> tuple[Any, str]:
    if not enrolment.revoke(args.device_id, now=args.now):
        raise ApiError(404, "unknown_device", f"no active device {args.device_id}")
    return {"revoked": args.device_id}, f"Device {args.device_id} revoked."


def run_import_bundle(args: argparse.Namespace) -> tuple[Any, str]:
    result = import_bundle(read_file(args.file), now=args.now)
    if args.reply:
        write_private(args.reply, result.reply)
    data = {"device_id": result.device_id, "applied": result.applied,
            "duplicates": result.duplicates, "acked_seq": result.acked_seq,
            "refused": result.refused, "reply": str(args.reply) if args.reply else None}
    return data, (f"Applied {result.applied} record(s), {result.duplicates} already held, "
                  f"{len(result.refused)} refused; acknowledged up to {result.acked_seq}.")


def run_stats(args: argparse.Namespace) -> tuple[Any, str]:
    rows = stats.commune_stats(args.commune)
    text = "\n".join(f"{r['code']:<8} {r['dossiers']:>8} dossiers {r['events']:>9} events  "
                     f"last sync {r['last_sync'] or '-'}  desk release "
                     f"{', '.join(r['versions']) or '-'}" for r in rows)
    held = reference.versions()
    data: dict[str, Any] = {"communes": rows, "reference": held}
    text = (f"Reference data: catalogue version {held['catalogue'] or '-'}, calendar version "
            f"{held['calendar'] or '-'}\n" + (text or "No commune registered."))
    if args.devices:
        data["devices"] = stats.device_rows(args.commune)
        text += "".join(f"\n  {d['id']}  {d['commune']:<8} {d['app_version'] or '-':<10} "
                        f"last contact {d['last_contact'] or '-'}"
                        f"{'  (revoked)' if d['revoked'] else ''}" for d in data["devices"])
    return data, text


def run_event(args: argparse.Namespace) -> tuple[Any, str]:
    done = events.record(events.UpstreamEvent(
        code=args.code, kind=workflow.kind_named(args.kind), actor=_actor(args.actor),
        note=args.note, at=instant_option(args.at, "--at"),
        new_due=instant_option(args.new_due, "--new-due")),
        now=args.now)
    record, dossier = done.record, done.dossier
    data = {"code": dossier.code, "status": dossier.status, "due_at": iso_local(dossier.due_at),
            "event": {key: record[key] for key in
                      ("id", "kind", "hlc", "actor", "origin", "note", "data")}
            | {"at": iso_local(parse_instant(record["at"]))}}
    return data, (f"{dossier.code}: {record['kind']} recorded upstream at "
                  f"{data['event']['at']}; the dossier is now {dossier.status}.")


def _actor(given: str | None) -> str:
    """Who ran the command, when not said: the audit trail names a person, not "server"."""
    if given is not None:
        return given
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


def run_reference(args: argparse.Namespace) -> tuple[Any, str]:
    loaded = reference.load_file(args.file, now=args.now)
    text = "; ".join(f"loaded {kind} version {version}" for kind, version in loaded.items())
    return ({"loaded": loaded, "reference": reference.versions()},
            f"{text}; desks receive it at their next sync (or in their next reply bundle).")


def run_setting(args: argparse.Namespace) -> tuple[Any, str]:
    if args.key is None:
        values = settings.all_values()
        return values, "\n".join(f"{k} = {v}" for k, v in sorted(values.items()))
    if args.value is not None:
        settings.put(args.key, args.value, now=args.now())
    value = settings.get(args.key)
    return {args.key: value}, f"{args.key} = {value}"


def run_notices(args: argparse.Namespace) -> tuple[Any, str]:
    rows = [notice_json(n) for n in outbox.listed(include_sent=args.all)]
    text = "\n".join(f"{r['dossier_code']}  {r['kind']:<12} {r['channel']:<5} {r['state']:<8} "
                     f"{r['attempts']} attempt(s)  {r['last_error']}" for r in rows)
    return {"notices": rows}, text or "No notice waits or failed."


def run_create_user(args: argparse.Namespace) -> tuple[Any, str]:
    password = (sys.stdin.readline().rstrip("\n") if args.password_stdin
                else getpass.getpass("Password: "))
    user = save_user(Account(args.username, password, args.display_name, args.role,
                             args.commune), now=utcnow)
    return ({"username": user.username, "role": user.role, "commune": user.commune_code},
            f"Dashboard user {user.username} ({user.role}) ready; earlier sessions ended.")


COMMANDS = {
    "add-commune": run_add_commune, "enrolment-code": run_enrolment_code,
    "revoke-device": run_revoke, "import-bundle": run_import_bundle, "stats": run_stats,
    "create-user": run_create_user, "event": run_event, "setting": run_setting,
    "notices": run_notices, "reference": run_reference,
}


def _log_crash(command: str) -> Path:
    """The traceback of the exception being handled, into the server's log file."""
    folder = private_folder(Path(platformdirs.user_log_dir("MotCuaServer", appauthor=False)))
    path = private_file(folder / "motcua-server.log")
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    log.addHandler(handler)
    try:
        log.exception("motcua-server %s failed", command)
    finally:
        log.removeHandler(handler)
        handler.close()
    return path


def _fail(args: argparse.Namespace, code: str, detail: str, status: int = 2) -> int:
    if getattr(args, "json", False):
        print(json.dumps({"error": code, "detail": detail}), file=sys.stderr)
    else:
        print(f"Error: {detail}", file=sys.stderr)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
