"""Finding dossiers on the server by code, name (tones optional, đ = d), ID number or phone.

The rule is the desk's (desk.search): the same folded text per dossier, every word of the
query a prefix of one of its words, newest first. On SQLite the index is the desk's own FTS5
table; on PostgreSQL a table of each dossier's words as a ``tsvector`` under a GIN index, with
the reception time beside it, so that a rare name is found through the index and a common one
("Nguyễn") by walking the newest dossiers until enough match.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable, Iterator
from typing import Any

from desk.search import index_dossier, match_expression, query_tokens, search_text, terms
from models import Applicant, Dossier, db
from models.base import utc_text
from models.replica import instant
from server.database import is_postgresql

CHUNK = 2000


def index(records: Iterable[dict[str, Any]]) -> None:
    """Index dossiers just written from their wire records (in the same transaction)."""
    rows = [(r["id"], r["commune_code"], utc_text(instant(r["received_at"])),
             search_text(r["code"], r["applicant"]["name"], r["applicant"]["id_number"],
                         r["applicant"].get("phone", "")))
            for r in records]
    if rows:
        _insert(rows)


def reindex(dossier_ids: Collection[str]) -> None:
    """Index again dossiers whose applicant was corrected."""
    if not dossier_ids:
        return
    query = (Dossier.select(Dossier, Applicant).join(Applicant)
             .where(Dossier.id.in_(sorted(dossier_ids))))
    if not is_postgresql(db.obj):
        for dossier in query:
            index_dossier(dossier, dossier.applicant)
        return
    for dossier in query:
        db.execute_sql(
            'INSERT INTO "dossier_search" ("dossier_id", "commune_code", "received_at", "terms") '
            "VALUES (%s, %s, %s, array_to_tsvector(%s::text[])) ON CONFLICT (dossier_id) "
            'DO UPDATE SET "terms" = EXCLUDED."terms"',
            (dossier.id, dossier.commune_code, utc_text(dossier.received_at),
             sorted(set(terms(search_text(dossier.code, dossier.applicant.name,
                                          dossier.applicant.id_number,
                                          dossier.applicant.phone))))))


def rebuild() -> int:
    """Index every dossier again (after the migration that made the index)."""
    db.execute_sql('DELETE FROM "dossier_search"')
    count = 0
    for rows in _all_rows():
        _insert(rows)
        count += len(rows)
    return count


def _all_rows() -> Iterator[list[tuple[str, str, str, str]]]:
    """Every dossier's row for the index, in chunks, walking the primary key."""
    after = ""
    while True:
        query = (Dossier.select(Dossier.id, Dossier.commune_code, Dossier.received_at,
                                Dossier.code, Applicant.name, Applicant.id_number,
                                Applicant.phone)
                 .join(Applicant).where(Dossier.id > after).order_by(Dossier.id)
                 .limit(CHUNK).tuples())
        rows = [(i, c, utc_text(r), search_text(code, name, number, phone))
                for i, c, r, code, name, number, phone in query]
        if not rows:
            return
        yield rows
        after = rows[-1][0]


def _insert(rows: list[tuple[str, str, str, str]]) -> None:
    if not is_postgresql(db.obj):
        db.cursor().executemany(
            'INSERT INTO "dossier_search" (rowid, "folded") '
            'SELECT rowid, ? FROM "dossier" WHERE "id" = ?',
            [(text, dossier_id) for dossier_id, _, _, text in rows])
        return
    lines = "".join(
        f"{_copy(i)}\t{_copy(c)}\t{_copy(r)}\t{_copy(_tsvector(text))}\n" for i, c, r, text in rows)
    db.cursor().copy_expert(
        'COPY "dossier_search" ("dossier_id", "commune_code", "received_at", "terms") FROM STDIN',
        io.BytesIO(lines.encode()))


def _tsvector(text: str) -> str:
    """A tsvector in its text form: each word quoted (words hold only [0-9a-z.-])."""
    return " ".join(f"'{word}'" for word in sorted(set(terms(text))))


def _copy(value: str) -> str:
    return (value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def find(query: str, commune: str | None = None, limit: int = 50) -> list[str]:
    """Ids of the dossiers matching ``query`` (of ``commune`` only, when given), newest first."""
    if is_postgresql(db.obj):
        tokens = query_tokens(query)
        if not tokens:
            return []
        scope, params = ("AND commune_code = %s ", [commune]) if commune else ("", [])
        cursor = db.execute_sql(
            'SELECT "dossier_id" FROM "dossier_search" WHERE "terms" @@ %s::tsquery '
            f'{scope}ORDER BY "received_at" DESC LIMIT %s',
            [" & ".join(f"'{t}':*" for t in tokens), *params, limit])
        return [row[0] for row in cursor.fetchall()]
    expression = match_expression(query)
    if expression is None:
        return []
    scope, params = ('AND d."commune_code" = ? ', [commune]) if commune else ("", [])
    cursor = db.execute_sql(
        'SELECT d."id" FROM "dossier_search" s JOIN "dossier" d ON d.rowid = s.rowid '
        f'WHERE "dossier_search" MATCH ? {scope}ORDER BY s.rowid DESC LIMIT ?',
        [expression, *params, limit])
    return [row[0] for row in cursor.fetchall()]
