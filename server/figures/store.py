"""Adding contributions to the figure tables: one upsert per table, counts added in SQL."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import peewee

from models import db
from models.bulk import bulk_add
from models.hub import (
    FIGURE_COLUMNS,
    FigureCommune,
    FigureIrregular,
    FigureProcedure,
    FigureProvince,
    FigureRepeat,
)
from server.database import CHANGE_LOG_LOCK, is_postgresql
from server.figures.buckets import buckets_of
from server.figures.contribution import Contribution

DayKey = tuple[str, str, dt.date]  # commune, procedure, day


@dataclass
class Delta:
    """Signed counts to add, per commune, procedure and day; repeats; irregular dossiers."""

    counts: dict[DayKey, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    repeats: Counter[tuple[str, str, dt.date, dt.date]] = field(default_factory=Counter)
    irregular: dict[str, str] = field(default_factory=dict)  # dossier id -> commune
    regular: set[str] = field(default_factory=set)  # dossier ids no longer irregular

    def add(self, made: Contribution, sign: int) -> None:
        where = (made.commune_code, made.procedure_code)
        for (day, name), count in made.counts.items():
            self.counts[(*where, day)][name] += sign * count
        for (first, last), count in made.repeats.items():
            self.repeats[(*where, first, last)] += sign * count


def difference(before: Iterable[Contribution], after: Iterable[Contribution]) -> Delta:
    delta = Delta()
    was = set()
    for made in before:
        delta.add(made, -1)
        if made.irregular:
            was.add(made.dossier_id)
    still = set()
    for made in after:
        delta.add(made, +1)
        if made.irregular:
            still.add(made.dossier_id)
            if made.dossier_id not in was:
                delta.irregular[made.dossier_id] = made.commune_code
    delta.regular = was - still
    return delta


@dataclass
class Rows:
    """A delta as the rows it adds to each figure table (counts summed per key)."""

    communes: dict[tuple, Counter[str]]
    procedures: dict[tuple, Counter[str]]
    province: dict[tuple, Counter[str]]
    repeats: Counter[tuple[str, str, dt.date, dt.date]]
    irregular: dict[str, str]
    regular: set[str]


def rows_of(delta: Delta) -> Rows:
    """Pure, so that a rebuild's worker processes can do it and leave the writer only SQL."""
    communes: dict[tuple, Counter[str]] = defaultdict(Counter)
    procedures: dict[tuple, Counter[str]] = defaultdict(Counter)
    province: dict[tuple, Counter[str]] = defaultdict(Counter)
    for (commune, procedure, day), counts in delta.counts.items():
        if not any(counts.values()):
            continue
        for grain, bucket in buckets_of(day):
            communes[(grain, bucket, commune)].update(counts)
            procedures[(commune, grain, bucket, procedure)].update(counts)
            province[(grain, bucket, procedure)].update(counts)
    return Rows(communes, procedures, province, delta.repeats, delta.irregular, delta.regular)


def write(delta: Delta) -> None:
    """Add ``delta`` inside the caller's transaction."""
    write_rows(rows_of(delta))


def write_rows(rows: Rows, province: bool = True) -> None:
    """Add ``rows`` inside the caller's transaction. With ``province=False`` the province-wide
    rows are left to the caller (a rebuild adds up every commune's and writes them once).

    On PostgreSQL the rows are written under the change log's lock, which every ingest takes
    before it commits: transactions touching the same figure rows then never wait on each
    other in opposite orders (no deadlock), and the province-wide rows, which every push of
    every commune updates, are not a second queue.
    """
    if is_postgresql(db.obj):
        db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (CHANGE_LOG_LOCK,))
    _upsert(FigureCommune, ("grain", "bucket", "commune_code"), rows.communes)
    _upsert(FigureProcedure, ("commune_code", "grain", "bucket", "procedure_code"),
            rows.procedures)
    if province:
        write_province(rows.province)
    _repeats(rows.repeats)
    _irregular(rows.irregular, rows.regular)


def write_province(rows: dict[tuple, Counter[str]]) -> None:
    _upsert(FigureProvince, ("grain", "bucket", "procedure_code"), rows)


def _upsert(model: type[peewee.Model], keys: tuple[str, ...],
            rows: dict[tuple, Counter[str]]) -> None:
    """Insert the rows, or add their counts to the rows already there (keys sorted, so that
    two writers lock shared rows in the same order)."""
    data = [{**dict(zip(keys, key, strict=True)),
             **{name: counts.get(name, 0) for name in FIGURE_COLUMNS}}
            for key, counts in sorted(rows.items()) if any(counts.values())]
    bulk_add(model, keys, data, FIGURE_COLUMNS)


def _repeats(repeats: Counter[tuple[str, str, dt.date, dt.date]]) -> None:
    keys = ("commune_code", "procedure_code", "first_day", "last_day")
    data = [{**dict(zip(keys, key, strict=True)), "count": n}
            for key, n in sorted(repeats.items()) if n]
    bulk_add(FigureRepeat, keys, data, ("count",))


def _irregular(irregular: dict[str, str], regular: set[str]) -> None:
    if regular:
        FigureIrregular.delete().where(FigureIrregular.dossier_id.in_(sorted(regular))).execute()
    if irregular:
        FigureIrregular.insert_many(
            [{"dossier_id": i, "commune_code": c} for i, c in sorted(irregular.items())]
        ).on_conflict_ignore().execute()
