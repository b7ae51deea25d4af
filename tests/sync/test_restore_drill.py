"""The restore drill: back up, work on, damage the file, restore, sync. What the server held
comes back, what it lacks goes up, and no dossier code is handed out twice."""

from __future__ import annotations

import os

from desk import backups, events, intake, restore
from desk.context import load_context
from desk.database import open_database
from desk.sync import enrolment, session
from models import Dossier, db
from tests.conftest import FixedClock
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON, DeskHarness, bound


def receive(clock: FixedClock) -> str:
    """An intake a minute after the one before, as at a counter."""
    clock.advance(minutes=1)
    ctx = load_context(now=clock)
    return intake.receive(ctx, intake.IntakeRequest("1.001193", PERSON), now=clock).code


def test_back_up_damage_restore_and_sync(hub, tmp_path, clock):
    data = tmp_path / "desk"
    data.mkdir()
    desk = DeskHarness(data / "motcua.sqlite3", TAN_PHU, now=clock)
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=clock)
        a, b = receive(clock), receive(clock)
        session.sync(now=clock)
        taken = backups.take(db.obj, data, by="", now=clock)
        c = receive(clock)
        events.record(load_context(now=clock), a, "assigned", now=clock)
        a_status = Dossier.get(Dossier.code == a).status
        assert session.sync(now=clock)["pending"] == 0  # the server holds C and A's new step
        d = receive(clock)  # never sent: only the damaged file knew it
    desk.close()

    path = data / "motcua.sqlite3"
    damaged = bytearray(path.read_bytes())
    damaged[:4096] = os.urandom(4096)
    path.write_bytes(bytes(damaged))

    found = restore.plan(taken.path, data, None)
    assert not found.current_readable
    clock.advance(hours=1)
    aside = restore.apply(found, data, None, by="", now=clock)
    with bound(open_database(path, now=clock)) as restored:
        restore.resume(found, aside, by="", now=clock)
        assert sorted(x.code for x in Dossier.select()) == [a, b]
        synced = session.sync(now=clock)
        # C and A's step came back from the server; nothing the server had was pushed again.
        assert sorted(x.code for x in Dossier.select()) == [a, b, c]
        assert Dossier.get(Dossier.code == a).status == a_status != "received"
        assert synced["pending"] == 0
        e = receive(clock)
        # C's code (on the server) is never handed out again; D died unsent with the file,
        # which the restore said (the current file was unreadable, so nothing could be told).
        assert e > c
        assert d
        synced = session.sync(now=clock)
        assert (synced["pushed"], synced["pending"], synced["parked"]) == (2, 0, 0)
        restored.close()
    assert hub.counts(TAN_PHU[0]) == (4, 5)
