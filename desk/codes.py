"""Dossier codes (Circular 01/2018 art. 19) and ledger entry numbers.

Code: ``<agency code>-<YYMMDD>-<XXXX>``. Several desks of one commune may work for days with no
network between them, so each desk owns a block of the four-digit sequence: desk number d
(0–9, set when the desk is installed) hands out d×1000 + 1 … d×1000 + 999. A one-desk commune is
desk 0 and numbers 0001, 0002, …; its second desk numbers 1001, 1002, … The counter is bumped in
the intake transaction, so an intake that fails releases its number.
"""

from __future__ import annotations

import datetime as dt
import re

from desk.errors import DomainError
from desk.text import clean
from models import db

MAX_DESK_NUMBER = 9
BLOCK = 1000
MAX_CODE_LENGTH = 48  # the dossier table's code column
# <agency code>-<YYMMDD>-<XXXX>; the agency code is dot-separated letters and digits.
DOSSIER_CODE = re.compile(r"^[A-Z0-9]{1,16}(?:\.[A-Z0-9]{1,16}){0,7}-\d{6}-\d{4}$")


def format_code(agency_code: str, day: dt.date, sequence: int) -> str:
    return f"{agency_code}-{day:%y%m%d}-{sequence:04d}"


def parse_code(text: str) -> str | None:
    """The dossier code as stored (trimmed, upper case), or None when ``text`` cannot be one
    (typed by a citizen, read from a QR, or put in a URL by anyone)."""
    code = clean(text).upper()
    if len(code) > MAX_CODE_LENGTH or not DOSSIER_CODE.match(code):
        return None
    return code


def is_code_of(code: str, agency_code: str) -> bool:
    """Is ``code`` a dossier code that ``agency_code`` hands out (``format_code``'s shape)?

    The server takes a commune's dossiers only under its own agency code, so one commune can
    never claim, or learn about, a code of another."""
    return re.fullmatch(re.escape(agency_code) + r"-\d{6}-\d{4}", code) is not None


def next_dossier_code(agency_code: str, desk_number: int, day: dt.date) -> str:
    """The next free code of this desk for ``day``; call inside the intake transaction."""
    if not 0 <= desk_number <= MAX_DESK_NUMBER:
        raise ValueError(f"desk number {desk_number} outside 0..{MAX_DESK_NUMBER}")
    number = _bump(
        'INSERT INTO "daily_sequence" ("agency_code", "day", "desk_number", "last") '
        "VALUES (?, ?, ?, 1) ON CONFLICT DO UPDATE SET \"last\" = \"last\" + 1 RETURNING \"last\"",
        (agency_code, f"{day:%y%m%d}", desk_number),
    )
    if number >= BLOCK:
        raise DomainError(
            "daily_codes_exhausted",
            f"Máy số {desk_number + 1} đã cấp hết {BLOCK - 1} mã hồ sơ trong ngày. "
            "Hãy tiếp nhận trên máy khác.",
        )
    return format_code(agency_code, day, desk_number * BLOCK + number)


def resume_past(code: str, agency_code: str, desk_number: int) -> None:
    """A code of this desk learned from elsewhere (its own dossier pulled back from the server
    after a restore): the day's counter moves past it, so the code is never handed out again."""
    parts = code.rsplit("-", 2)
    if len(parts) != 3:
        return
    agency, day, number = parts
    if agency != agency_code or not (day.isdigit() and number.isdigit()):
        return
    if int(number) // BLOCK != desk_number:
        return
    db.execute_sql(
        'INSERT INTO "daily_sequence" ("agency_code", "day", "desk_number", "last") '
        'VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET "last" = max("last", excluded."last")',
        (agency_code, day, desk_number, int(number) % BLOCK))


def next_ledger_entry(desk_number: int, year: int) -> int:
    """Entries of the Sổ theo dõi hồ sơ restart from 1 each year (form 06)."""
    return _bump(
        'INSERT INTO "ledger_sequence" ("year", "desk_number", "last") VALUES (?, ?, 1) '
        'ON CONFLICT DO UPDATE SET "last" = "last" + 1 RETURNING "last"',
        (year, desk_number),
    )


def _bump(sql: str, params: tuple[object, ...]) -> int:
    """One statement that creates or increments a counter and returns its new value, so two
    writers can never read the same number (the intake transaction holds the write lock)."""
    return int(db.execute_sql(sql, params).fetchone()[0])


def ledger_book(entry: int, entries_per_book: int, desk_number: int, year: int) -> str:
    """The book an entry is written in: numbering continues across books within a year."""
    book = (entry - 1) // max(entries_per_book, 1) + 1
    suffix = f"/M{desk_number}" if desk_number else ""
    return f"{book:02d}/{year}{suffix}"
