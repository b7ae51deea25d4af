"""Parked records sent again, against a real server: they land once, or park again."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import httpx
import keyring

from desk import intake
from desk.context import load_context
from desk.sync import bundle, enrolment, parked, session
from desk.text import fold
from models import Dossier, Outbox, Procedure
from models.hub import IngestLedger
from tests import clocked
from tests.conftest import CLOCK_START
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON, DeskHarness, bound
from tests.sync.keyrings import JsonFileKeyring

NEW = "2.002999"  # a procedure the province adds to the desk before the district's server
NEW_NAME = "Cấp giấy xác nhận tình trạng hôn nhân (thí điểm)"


def add_procedure() -> None:
    """On whichever database is bound: the desk's, or the server's in ``hub.session()``."""
    Procedure.insert(code=NEW, name=NEW_NAME, name_folded=fold(NEW_NAME), field="Hộ tịch",
                     processing_value=3, processing_unit="working_days").execute()


def enrolled(hub, desk_factory) -> DeskHarness:
    desk = desk_factory()
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        add_procedure()
    return desk


def receive(desk: DeskHarness, procedure: str = "1.001193") -> Dossier:
    return intake.receive(load_context(now=desk.now), intake.IntakeRequest(procedure, PERSON),
                          now=desk.now)


def states() -> dict[int, str]:
    return {row.seq: row.state for row in Outbox.select().order_by(Outbox.seq)}


def parked_by_server(hub, desk_factory) -> tuple[DeskHarness, Dossier]:
    """A desk whose dossier of procedure NEW (seq 1) and its event (seq 2) the server refused;
    another dossier (seq 3, 4) went through."""
    desk = enrolled(hub, desk_factory)
    with desk.session():
        refused = receive(desk, NEW)
        receive(desk)
        done = session.sync(now=desk.now)
        codes = {r.seq: r.code for r in parked.parked_records()}
    assert (done["pushed"], done["parked"]) == (2, 2)
    assert codes == {1: "unknown_procedure", 2: "unknown_dossier"}
    assert hub.counts(TAN_PHU[0]) == (1, 1)
    return desk, refused


def test_a_dossier_refused_for_an_unknown_procedure_lands_once_after_the_server_learns_it(
        hub, desk_factory):
    desk, refused = parked_by_server(hub, desk_factory)
    with hub.session():
        add_procedure()
    with desk.session():
        listed = parked.parked_records()
        assert NEW in listed[0].reason and listed[0].dossier_code == refused.code
        assert parked.requeue([1]) == [1, 2]  # its event goes back with it
        done = session.sync(now=desk.now)
        assert states() == {1: "acked", 2: "acked", 3: "acked", 4: "acked"}
        Outbox.update(state="pending").execute()  # as if every answer had been lost
        again = session.sync(now=desk.now)
    assert (done["pushed"], done["parked"], done["pending"]) == (2, 0, 0)
    assert (again["pushed"], again["parked"]) == (4, 0)
    assert hub.counts(TAN_PHU[0]) == (2, 2)
    with hub.session():
        assert IngestLedger.select().where(IngestLedger.record_id == refused.id).count() == 1
        assert Dossier.get(Dossier.code == refused.code).procedure_code == NEW


def test_a_record_still_refused_parks_again_without_blocking_the_queue(
        hub, desk_factory, clock):
    desk, _ = parked_by_server(hub, desk_factory)
    with desk.session():
        first = {r.seq: r.parked_at for r in parked.parked_records()}
        assert parked.requeue() == [1, 2]
        clock.advance(minutes=30)
        receive(desk)  # seq 5, 6: written after the re-queue, sent in the same batch
        done = session.sync(now=desk.now)
        again = {r.seq: r for r in parked.parked_records()}
    assert (done["pushed"], done["parked"], done["pending"]) == (2, 2, 0)
    assert [r.code for r in again.values()] == ["unknown_procedure", "unknown_dossier"]
    assert all(again[seq].parked_at > first[seq] and again[seq].attempts == 2 for seq in first)
    assert hub.counts(TAN_PHU[0]) == (2, 2)


def test_a_record_requeued_while_a_batch_is_in_flight_is_not_marked_sent_by_its_answer(
        hub, desk_factory):
    """The clerk presses "Gửi lại" while the background sync waits for the server: the answer
    to that batch acknowledges a number above the re-queued rows, and must not mark them."""
    desk, _ = parked_by_server(hub, desk_factory)
    with hub.session():
        add_procedure()
    pushes: list[str] = []

    def clerk_presses_send_again(request: httpx.Request) -> None:
        if request.url.path.endswith("/sync/push"):
            pushes.append(request.headers["X-Motcua-Batch"])
            if len(pushes) == 1:
                parked.requeue()

    with desk.session():
        receive(desk)  # seq 5, 6
        with httpx.Client(event_hooks={"request": [clerk_presses_send_again]}) as client:
            done = session.sync(client=client, now=desk.now)
        left = states()
    assert pushes == ["5-6", "1-2"]
    assert done["pushed"] == 4 and set(left.values()) == {"acked"}
    assert hub.counts(TAN_PHU[0]) == (3, 3)


def test_a_reply_bundle_does_not_acknowledge_a_requeued_record_it_did_not_carry(
        hub, desk_factory, tmp_path):
    desk, _ = parked_by_server(hub, desk_factory)
    out, reply = tmp_path / "out.bundle", tmp_path / "reply.bundle"
    with desk.session():
        receive(desk)  # seq 5, 6
        assert bundle.export(out, now=desk.now)["records"] == 2
        parked.requeue()  # after the export: the bundle does not carry seq 1, 2
    upload = httpx.post(hub.base + "/api/v1/bundles", content=out.read_bytes())
    assert upload.status_code == 200, upload.text
    reply.write_bytes(upload.content)
    with desk.session():
        done = bundle.import_reply(reply, now=desk.now)
        assert states() == {1: "pending", 2: "pending", 3: "acked", 4: "acked",
                            5: "acked", 6: "acked"}
    assert (done["acked"], done["pending"]) == (2, 2)
    with hub.session():
        add_procedure()
    with desk.session():
        assert session.sync(now=desk.now)["pushed"] == 2
    assert hub.counts(TAN_PHU[0]) == (3, 3)


def test_parked_and_parked_retry_commands_with_a_real_server(hub, tmp_path, monkeypatch):
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "tests.sync.keyrings.JsonFileKeyring",
           "MOTCUA_TEST_KEYRING_FILE": str(tmp_path / "keys.json"),
           "PYTHONPATH": str(Path(__file__).parents[2])}
    # This process opens the same encrypted file between commands: the same keyring file.
    monkeypatch.setenv("MOTCUA_TEST_KEYRING_FILE", env["MOTCUA_TEST_KEYRING_FILE"])
    keyring.set_keyring(JsonFileKeyring())
    data = tmp_path / "desk"

    def run(*args: str) -> dict:
        done = subprocess.run(clocked.command(hub.now(), "motcua", "--data-dir", str(data), *args),
                              capture_output=True, text=True, env=env, timeout=120,
                              cwd=clocked.ROOT)
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout) if "--json" in args else {}

    run("init", "--commune-code", TAN_PHU[0], "--commune-name", TAN_PHU[1],
        "--agency-code", TAN_PHU[2])
    run("enroll", "--server", hub.base, "--code", hub.enrolment_code(TAN_PHU[0]))
    with bound(_open(data)) as database:
        add_procedure()
        database.close()
    run("intake", "--procedure", NEW, "--name", "Lê Thị Mai", "--id-number", "079203001234")
    assert run("sync", "--json")["pushed"] == 0
    listed = run("parked", "--json")["parked"]
    assert [(r["seq"], r["record_type"], r["code"]) for r in listed] == [
        (1, "dossier", "unknown_procedure"), (2, "event", "unknown_dossier")]
    assert {"dossier_code", "event_kind", "label", "parked_at", "reason", "detail"} <= set(
        listed[1])
    assert listed[1]["label"] == "Sự kiện: Tiếp nhận hồ sơ"
    assert listed[0]["parked_at"].endswith("+07:00")
    with hub.session():
        add_procedure()
    assert run("parked", "retry", "2", "--json") == {"requeued": [1, 2], "pending": 2,
                                                     "parked": 0}
    synced = run("sync", "--json")
    assert (synced["pushed"], synced["pending"], synced["acked_seq"]) == (2, 0, 2)
    assert run("parked", "--json") == {"parked": [], "pulled_parked": []}
    assert hub.counts(TAN_PHU[0]) == (1, 1)


def _open(data: Path):  # noqa: ANN202
    from desk import paths
    from desk.database import open_database

    return open_database(paths.database_path(data), now=lambda: CLOCK_START)
