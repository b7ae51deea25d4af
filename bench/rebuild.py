"""The figure rebuild alone, on a province bench/province.py kept (``--keep``). Prints the
seconds, and with ``--dump`` writes every figure table sorted, before and after, so a faster
rebuild can be shown to give exactly the same tables (``cmp`` the two files).

Usage: python bench/rebuild.py --pg DSN --schema bench_100000 [--dump /tmp/figures]
It rewrites the schema's figure tables (with the same rows): never point it at a schema
someone else is measuring.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.province import scoped  # noqa: E402
from models.hub import FIGURE_TABLES  # noqa: E402
from server.bootstrap import open_hub  # noqa: E402
from server.figures.rebuild import rebuild  # noqa: E402


def dump(path: str) -> None:
    # repr of sorted tuples: exact, and independent of the order the rebuild wrote rows in.
    with open(path, "w", encoding="utf-8") as out:
        for table in FIGURE_TABLES:
            rows = sorted(repr(row) for row in table.select().tuples())
            out.write(f"## {table._meta.table_name} {len(rows)}\n")
            out.writelines(row + "\n" for row in rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg", required=True)
    parser.add_argument("--schema", required=True)
    parser.add_argument("--dump", help="write PATH.before and PATH.after")
    args = parser.parse_args()
    now = dt.datetime.now(dt.UTC)
    database = open_hub(scoped(args.pg, args.schema), now=lambda: now)
    with database.connection_context():
        if args.dump:
            dump(f"{args.dump}.before")
        print(f"load {os.getloadavg()[0]:.2f}", flush=True)
        started = time.monotonic()
        counted = rebuild()
        print(f"figures of {counted:,} dossiers built in {time.monotonic() - started:.1f} s")
        print(f"load {os.getloadavg()[0]:.2f}")
        if args.dump:
            dump(f"{args.dump}.after")
    database.close()


if __name__ == "__main__":
    main()
