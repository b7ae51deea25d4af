"""Several desks of two communes doing random work against one real server.

Invariants: nothing lost, nothing doubled, every desk of a commune converges on what the server
holds for it, and nothing crosses from one commune to the other.
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import httpx
import peewee
import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from desk import events, intake, workflow
from desk.context import load_context
from desk.sync import bundle, enrolment, pull, push, session
from desk.sync.batching import BatchSizer, next_batch
from models import Dossier, DossierEvent, Outbox
from models.hub import ChangeLog
from tests.conftest import FixedClock
from tests.sync.harness import PERSON, DeskHarness, content_hash

SIMPLE_KINDS = ("assigned", "supplement_requested", "supplemented", "result_ready", "returned",
                "refused", "withdrawn")
numbers = itertools.count(1)


class Replication(RuleBasedStateMachine):
    hub = None  # set by the test below

    def __init__(self) -> None:
        super().__init__()
        self.now = FixedClock(self.hub.now())  # every desk's; a minute passes per step
        self.folder = Path(tempfile.mkdtemp(prefix="motcua-stateful-"))
        n = next(numbers)
        # Two communes: two codes, two agency codes (one code twice would be one commune).
        self.communes = [(f"4{n:03d}{k}", f"Xã Thử {n}.{k}", f"000.{n:02d}.{k}.H12")
                         for k in (1, 2)]
        self.desks: list[DeskHarness] = []
        for commune, number in ((self.communes[0], 0), (self.communes[0], 1),
                                (self.communes[1], 0)):
            self.hub.add_commune(*commune)
            desk = DeskHarness(self.folder / f"d{len(self.desks)}.sqlite3", commune, number,
                               now=self.now)
            with desk.session():
                enrolment.enroll(self.hub.base, self.hub.enrolment_code(commune[0]),
                                 now=self.now)
            self.desks.append(desk)

    desk_index = st.integers(min_value=0, max_value=2)

    @rule(i=desk_index, procedure=st.sampled_from(("1.001193", "1.000894", "1.004837")))
    def receive(self, i: int, procedure: str) -> None:
        with self.desks[i].session():
            intake.receive(load_context(now=self.now), intake.IntakeRequest(procedure, PERSON),
                           now=self.now)

    @rule(i=desk_index, pick=st.integers(0, 10**6), kind=st.sampled_from(SIMPLE_KINDS))
    def record_event(self, i: int, pick: int, kind: str) -> None:
        with self.desks[i].session():
            held = list(Dossier.select().order_by(Dossier.id))
            if not held:
                return
            dossier = held[pick % len(held)]
            state = events.current_state(dossier)
            if kind in workflow.allowed_kinds(state):
                events.record(load_context(now=self.now), dossier.code, kind, now=self.now)

    @rule(i=desk_index)
    def sync(self, i: int) -> None:
        with self.desks[i].session():
            session.sync(sizer=BatchSizer(max_records=7), now=self.now)

    @rule(i=desk_index)
    def pull_only(self, i: int) -> None:
        with self.desks[i].session():
            pull.pull(session.transport(now=self.now), now=self.now)

    @rule(i=desk_index)
    def crash_before_marking_the_ack(self, i: int) -> None:
        """The server commits a batch; the desk dies before writing down the answer."""
        with self.desks[i].session():
            batch = next_batch(BatchSizer(max_records=5))
            if batch is None:
                return
            link = session.transport(now=self.now)
            answer = link.call("POST", "/sync/push", content=batch.body,
                               headers={"Content-Encoding": "zstd",
                                        "Content-Type": batch.media_type})
            assert answer.status_code == 200, answer.text

    @rule(i=desk_index)
    def replay_acknowledged_rows(self, i: int) -> None:
        """An old batch arrives again (a restored backup, a proxy replay): changes nothing."""
        with self.desks[i].session():
            rows = list(Outbox.select().where(Outbox.state == "acked").order_by(Outbox.seq)
                        .limit(6))
            if not rows:
                return
            for row in rows:
                row.state = "pending"
                row.save()
            push.push(session.transport(now=self.now), now=self.now)
            assert Outbox.select().where(Outbox.seq.in_([r.seq for r in rows])
                                         & (Outbox.state != "acked")).count() == 0

    @rule(i=desk_index)
    def bundle_imported_twice(self, i: int) -> None:
        out, reply = self.folder / "out.bundle", self.folder / "reply.bundle"
        with self.desks[i].session():
            bundle.export(out, now=self.now)
        for _ in range(2):
            answer = httpx.post(self.hub.base + "/api/v1/bundles", content=out.read_bytes())
            assert answer.status_code == 200, answer.text
            reply.write_bytes(answer.content)
        with self.desks[i].session():
            bundle.import_reply(reply, now=self.now)
            bundle.import_reply(reply, now=self.now)

    @invariant()
    def time_passes(self) -> None:
        self.now.advance(minutes=1)

    @invariant()
    def nothing_crosses_communes(self) -> None:
        for desk in self.desks:
            with desk.session():
                assert not Dossier.select().where(Dossier.commune_code != desk.commune).exists()
                assert not DossierEvent.select().where(
                    DossierEvent.commune_code != desk.commune).exists()

    def teardown(self) -> None:
        try:
            for _ in range(2):  # everyone pushes, then everyone pulls what the others pushed
                for desk in self.desks:
                    with desk.session():
                        assert session.sync(now=self.now)["pending"] == 0
            self._check_converged()
        finally:
            for desk in self.desks:
                desk.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _check_converged(self) -> None:
        for commune in self.communes:
            code = commune[0]
            mine = [d for d in self.desks if d.commune == code]
            born: set[str] = set()
            for desk in mine:
                with desk.session():
                    own = load_context(now=self.now).desk.id
                    born |= {d.id for d in Dossier.select().where(Dossier.desk_id == own)}
                    assert content_hash(code) == self.hub.content_hash(code)
                    statuses = dict(Dossier.select(Dossier.id, Dossier.status).tuples())
                with self.hub.session():
                    upstream = dict(Dossier.select(Dossier.id, Dossier.status)
                                    .where(Dossier.commune_code == code).tuples())
                    doubled = doubled_changes()
                assert statuses == upstream
                assert doubled == []
            assert set(upstream) == born  # nothing lost, nothing invented


def doubled_changes() -> list[str]:
    """Records the server applied more than once: a retried or replayed batch that was not
    recognised writes its records to the change log again, and every desk pulls them twice.
    (The ingest ledger cannot show it: its key is the record id.)"""
    query = (ChangeLog.select(ChangeLog.record_id)
             .where(ChangeLog.kind.in_(("dossier", "event")))
             .group_by(ChangeLog.record_id).having(peewee.fn.COUNT(ChangeLog.seq) > 1))
    return [record_id for (record_id,) in query.tuples()]


def test_a_record_applied_twice_is_seen(hub):
    with hub.session():
        assert doubled_changes() == []
        row = {"commune_code": "26734", "kind": "event", "record_id": "r1", "origin_device": "d",
               "payload": "{}", "created_at": hub.now()}
        ChangeLog.insert_many([row, row]).execute()
        assert doubled_changes() == ["r1"]


@pytest.mark.slow
def test_desks_of_two_communes_converge_exactly_once(hub):
    Replication.hub = hub
    run_state_machine_as_test(Replication, settings=settings(
        max_examples=8, stateful_step_count=20, deadline=None,
        suppress_health_check=list(HealthCheck)))
