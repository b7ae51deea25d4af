"""Parked records on the desk alone: how they read, what a re-queue takes, the CLI's refusals."""

from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
from pathlib import Path

import pytest

from desk import events, intake
from desk.errors import DomainError
from desk.sync import parked
from desk.sync.push import mark_acked, park
from desk.sync.refusals import REASONS, explain
from models import Outbox
from tests import clocked

PERSON = intake.ApplicantInput(name="Đặng Văn Đức", id_number="079203001234")
SERVER = Path(__file__).parents[2] / "server"


def receive(office, clock):
    return intake.receive(office, intake.IntakeRequest("1.001193", PERSON), now=clock)


def states() -> list[str]:
    return [row.state for row in Outbox.select().order_by(Outbox.seq)]


def test_a_parked_dossier_and_event_read_in_vietnamese_with_the_servers_words_kept(
        office, clock):
    dossier = receive(office, clock)
    park({1: ("unknown_procedure", "procedure 1.001193 is not known"),
          2: ("unknown_dossier", "event x refers to a dossier the server does not hold")},
         now=clock)
    first, second = parked.parked_records()
    assert (first.seq, first.label, first.dossier_code) == (1, "Hồ sơ", dossier.code)
    assert (second.label, second.event_kind, second.dossier_code) == (
        "Sự kiện: Tiếp nhận hồ sơ", "received", dossier.code)
    assert first.reason.startswith("Máy chủ cấp trên chưa có thủ tục 1.001193 trong danh mục")
    assert first.detail == "procedure 1.001193 is not known"
    assert first.parked_at is not None and second.code == "unknown_dossier"


def test_every_refusal_code_the_server_sends_has_a_vietnamese_reason():
    """Codes come from the server's source, so a new refusal there fails here until the
    desk can tell the clerk what it means."""
    pattern = re.compile(r'Refus(?:ed|al)\(\s*(?:[\w.]+,\s*)?"([a-z_]+)"')
    sent = {code for path in (SERVER / "ingest").glob("*.py")
            for code in pattern.findall(path.read_text(encoding="utf-8"))}
    assert {"unknown_procedure", "wrong_commune", "record_conflict"} <= sent
    assert sent <= REASONS.keys()
    unknown = explain("new_code: something", {})
    assert unknown.code == "new_code" and "new_code" in unknown.reason
    assert explain("no code here", {}).detail == "no code here"


def test_choosing_one_event_sends_its_whole_dossier_again_and_nothing_else(office, clock):
    first = receive(office, clock)
    events.record(office, first.code, "assigned", now=clock)  # seq 3
    receive(office, clock)  # seq 4, 5
    park({seq: ("unknown_dossier", "") for seq in (2, 3, 5)} | {1: ("unknown_procedure", "")},
         now=clock)
    assert parked.requeue([3]) == [1, 2, 3]
    assert states() == ["pending", "pending", "pending", "pending", "parked"]


def test_a_number_that_is_not_parked_changes_nothing(office, clock):
    receive(office, clock)
    park({1: ("unknown_procedure", ""), 2: ("unknown_dossier", "")}, now=clock)
    with pytest.raises(DomainError) as refused:
        parked.requeue([2, 9])
    assert refused.value.code == "not_parked" and "9" in refused.value.message
    assert states() == ["parked", "parked"]


def test_only_an_answer_that_carried_a_requeued_row_marks_it_sent(office, clock):
    receive(office, clock)
    receive(office, clock)
    park({1: ("unknown_procedure", ""), 2: ("unknown_dossier", "")}, now=clock)
    mark_acked(4)  # a reply bundle's number: 3 and 4 were never refused
    parked.requeue()
    assert mark_acked(4) == 0  # a number alone does not cover re-queued rows
    assert mark_acked(4, carried=[3, 4]) == 0
    assert mark_acked(4, carried=[1, 2]) == 2
    assert states() == ["acked"] * 4


@pytest.fixture
def motcua(tmp_path, clock_start):
    calls = []

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        calls.append(args)  # each command a minute after the one before
        at = clock_start + dt.timedelta(minutes=len(calls))
        return subprocess.run(clocked.command(at, "motcua", "--data-dir", str(tmp_path), *args),
                              capture_output=True, text=True, timeout=60, cwd=clocked.ROOT)

    call("init", "--commune-code", "26734", "--commune-name", "Xã Tân Phú",
         "--agency-code", "000.00.12.H12")
    return call


def test_parked_commands_refuse_an_unclear_choice_with_a_code(motcua):
    listed = motcua("parked")
    assert listed.returncode == 0 and "Không có bản ghi nào bị giữ lại" in listed.stdout
    for args, code in ((("parked", "retry", "--json"), "choose_records"),
                       (("parked", "retry", "--all", "3", "--json"), "choose_records"),
                       (("parked", "retry", "7", "--json"), "not_parked")):
        done = motcua(*args)
        assert done.returncode == 2, args
        assert json.loads(done.stderr)["error"] == code
    assert json.loads(motcua("parked", "--json", "retry", "--all").stdout)["requeued"] == []
