"""Finding a dossier by name, code, ID number or phone, ignoring case and tones (đ = d).

The folded text lives in an FTS5 table keyed by the dossier's rowid. Results come newest first
by walking the index in rowid order, so a common surname among a million dossiers stays fast.
"""

from __future__ import annotations

import re

from peewee import SQL

from desk.text import fold
from models import Applicant, Dossier, db

_TOKEN = re.compile(r"[0-9a-z.\-]+")
_PHONE_PREFIX = re.compile(r"^\+?84(\d{6,10})$")


def folded_text(dossier: Dossier, applicant: Applicant) -> str:
    return search_text(dossier.code, applicant.name, applicant.id_number, applicant.phone)


def search_text(code: str, name: str, id_number: str, phone: str) -> str:
    """What a dossier is found by, folded: the name, the code and its date-and-number tail
    (what a citizen reads out), the ID number, the phone. The server indexes the same text."""
    tail = code.split("-", 1)[1] if "-" in code else ""
    parts = (name, code, tail, id_number, phone)
    return " ".join(fold(p) for p in parts if p)


def terms(text: str) -> list[str]:
    """The words of a folded text, as the index cuts them (FTS5 keeps '.' and '-' in words)."""
    return _TOKEN.findall(text)


def query_tokens(query: str) -> list[str]:
    """The words of a query, folded; a phone written +84… is matched as 0…"""
    tokens = []
    for token in _TOKEN.findall(fold(query)):
        phone = _PHONE_PREFIX.match(token)
        tokens.append("0" + phone.group(1) if phone else token.strip(".-"))
    return [t for t in tokens if t]


def index_dossier(dossier: Dossier, applicant: Applicant, new: bool = False) -> None:
    """(Re)index one dossier; call in the transaction that writes it."""
    if not new:
        db.execute_sql(
            'DELETE FROM "dossier_search" WHERE rowid = '
            '(SELECT rowid FROM "dossier" WHERE "id" = ?)', (dossier.id,)
        )
    db.execute_sql(
        'INSERT INTO "dossier_search" (rowid, "folded") '
        'SELECT rowid, ? FROM "dossier" WHERE "id" = ?',
        (folded_text(dossier, applicant), dossier.id),
    )


def match_expression(query: str) -> str | None:
    """An FTS5 expression where every word of the query is a prefix, all of them required."""
    tokens = query_tokens(query)
    if not tokens:
        return None
    return " AND ".join(f'"{t}"*' for t in tokens)


def search(query: str, limit: int = 50) -> list[Dossier]:
    """Dossiers matching ``query``, newest first."""
    expression = match_expression(query)
    if expression is None:
        return []
    # The newest matches are picked inside the index first, and the dossiers read by rowid in
    # the same query, so only those rows' pages are touched: joining before the limit read (and
    # on an encrypted desk, decrypted) the pages of every dossier sharing a common word such as
    # "nguyen", and a second lookup by id read the id index's pages again.
    newest = SQL('"t1".rowid IN (SELECT rowid FROM "dossier_search" WHERE "dossier_search" '
                 'MATCH ? ORDER BY rowid DESC LIMIT ?)', (expression, limit))
    return list(Dossier.select().where(newest).order_by(SQL('"t1".rowid DESC')))


def find_by_code(code: str) -> Dossier | None:
    """Exact lookup, as a barcode scan gives it."""
    return Dossier.get_or_none(Dossier.code == code.strip().upper())
