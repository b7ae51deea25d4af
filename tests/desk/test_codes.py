import datetime as dt
import threading
from pathlib import Path

from desk import codes, dbkey, intake, setup
from desk.context import load_context
from desk.database import connect, open_database
from models import db
from tests.conftest import AGENCY, FixedClock, vn
from tests.desk.test_intake import PERSON


def test_code_has_the_national_format():
    assert codes.format_code(AGENCY, dt.date(2026, 11, 23), 1) == "000.00.12.H12-261123-0001"


def test_second_desk_numbers_from_its_own_block(database):
    clock = FixedClock(vn(2026, 11, 23, 9))
    setup.initialize("26734", "Xã Tân Phú", AGENCY, desk_number=1, now=clock)
    ctx = load_context(now=clock)
    made = intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=clock)
    assert made.code == "000.00.12.H12-261123-1001"


def test_codes_stay_unique_under_concurrent_desks(tmp_path: Path):
    """Three desks of one commune, offline, each with writers on several threads."""
    paths = [tmp_path / f"desk{n}.sqlite3" for n in range(3)]
    clock = FixedClock(vn(2026, 11, 23, 9))
    for number, path in enumerate(paths):
        open_database(path, now=clock)
        setup.initialize("26734", "Xã Tân Phú", AGENCY, desk_number=number, now=clock)
        db.close()
    results: list[str] = []
    lock = threading.Lock()

    def worker(ctx) -> None:
        try:
            for _ in range(15):
                code = intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON),
                                      now=clock).code
                with lock:
                    results.append(code)
        finally:
            db.close()

    for path in paths:
        # One handle per desk file, bound before its writers start; each thread gets its own
        # connection from it, as the window's workers do.
        db.initialize(connect(path, dbkey.require(path)))
        ctx = load_context(now=clock)
        threads = [threading.Thread(target=worker, args=(ctx,)) for _ in range(3)]
        [t.start() for t in threads]
        [t.join() for t in threads]
    assert len(results) == 3 * 3 * 15
    assert len(set(results)) == len(results)


def test_concurrent_writers_on_one_desk_never_share_a_code(database):
    clock = FixedClock(vn(2026, 11, 23, 9))
    setup.initialize("26734", "Xã Tân Phú", AGENCY, now=clock)
    ctx = load_context(now=clock)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            for _ in range(10):
                intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=clock)
        except BaseException as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)
        finally:
            db.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    assert errors == []
    from models import Dossier

    codes_made = [d.code for d in Dossier.select()]
    assert len(codes_made) == 40 == len(set(codes_made))
    assert sorted(c[-4:] for c in codes_made) == [f"{n:04d}" for n in range(1, 41)]


def test_ledger_entries_restart_each_year(database):
    assert [codes.next_ledger_entry(0, 2026) for _ in range(3)] == [1, 2, 3]
    assert codes.next_ledger_entry(0, 2027) == 1


def test_ledger_numbering_continues_across_books():
    assert codes.ledger_book(500, 500, 0, 2026) == "01/2026"
    assert codes.ledger_book(501, 500, 0, 2026) == "02/2026"


