"""Reference data that flows (DESIGN.md §3): a newer catalogue or calendar loaded upstream with
``motcua-server reference load`` reaches every desk at its next pull, a new release's data
reaches an existing desk at start, and an older version never replaces a newer one."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from desk import catalogue, intake, reference
from desk.clock import to_local
from desk.context import load_context
from desk.database import open_database
from desk.sync import enrolment, incoming, parked, session
from models import CalendarOverride, Dossier, Procedure
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON, bound
from tests.sync.test_parked_retry import NEW, parked_by_server, states

FIVE_DAYS = "1.000593"  # five working days
SHIPPED = catalogue.shipped("procedures.json")["version"]


def catalogue_file(folder: Path, version: str, extra: bool = True) -> Path:
    data = catalogue.shipped("procedures.json")
    data["version"] = version
    if extra:
        data["procedures"].append({
            "code": NEW, "name": "Cấp giấy xác nhận tình trạng hôn nhân (thí điểm)",
            "field": "Hộ tịch", "processing": {"value": 3, "unit": "working_days"},
            "documents": [{"name": "Tờ khai", "form": "original"}]})
    path = folder / f"catalogue-{version}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def calendar_file(folder: Path, version: str, day_off: dt.date) -> Path:
    data = catalogue.shipped("calendar_overrides.json")
    data["version"] = version
    data["overrides"].append({"date": day_off.isoformat(), "kind": "day_off",
                              "note": "Nghỉ theo thông báo của Chính phủ (thử)"})
    path = folder / f"calendar-{version}.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_parked_dossier_lands_after_the_province_loads_the_new_catalogue(
        hub, desk_factory, tmp_path):
    desk, refused = parked_by_server(hub, desk_factory)
    with desk.session():
        assert "motcua-server reference load" in parked.parked_records()[0].reason
    loaded = hub.admin("reference", "load", str(catalogue_file(tmp_path, "2027-01-05")),
                       "--json")
    assert loaded.returncode == 0, loaded.stderr
    assert json.loads(loaded.stdout)["loaded"] == {"catalogue": "2027-01-05"}
    with desk.session():
        parked.requeue()
        done = session.sync(now=desk.now)
        assert states() == {1: "acked", 2: "acked", 3: "acked", 4: "acked"}
        assert reference.versions()["catalogue"] == "2027-01-05"
        assert Procedure.get_by_id(NEW).active  # pulled with the catalogue
    assert (done["pushed"], done["parked"]) == (2, 0)
    with hub.session():
        assert Dossier.get(Dossier.code == refused.code).procedure_code == NEW
    shown = json.loads(hub.admin("stats", "--json").stdout)
    assert shown["reference"]["catalogue"] == "2027-01-05"
    assert shown["reference"]["calendar"] == SHIPPED


def test_an_older_version_or_a_malformed_file_is_refused_and_changes_nothing(hub, tmp_path):
    for path, code in ((catalogue_file(tmp_path, SHIPPED), "reference_not_newer"),
                       (catalogue_file(tmp_path, "2025-06-01"), "reference_not_newer")):
        said = hub.admin("reference", "load", str(path), "--json")
        assert said.returncode == 2 and json.loads(said.stderr)["error"] == code
        assert SHIPPED in json.loads(said.stderr)["detail"]
    broken = tmp_path / "broken.json"
    for text in ('{"version": "2027-01-05", "overrides": [{"date": "2027-02-30", '
                 '"kind": "day_off"}]}', '{"procedures": []}', "<html>"):
        broken.write_text(text, encoding="utf-8")
        said = hub.admin("reference", "load", str(broken))
        assert said.returncode == 2 and "Traceback" not in said.stderr
        assert len(said.stderr.strip().splitlines()) == 1
    shown = json.loads(hub.admin("stats", "--json").stdout)
    assert shown["reference"] == {"catalogue": SHIPPED, "calendar": SHIPPED}
    with hub.session():
        assert not Procedure.select().where(Procedure.code == NEW).exists()


def test_a_new_calendar_moves_later_appointments_and_never_those_already_given(
        hub, desk_factory, tmp_path):
    desk = desk_factory()
    with desk.session():
        enrolment.enroll(hub.base, hub.enrolment_code(TAN_PHU[0]), now=desk.now)
        ctx = load_context(now=desk.now)
        before = intake.receive(ctx, intake.IntakeRequest(FIVE_DAYS, PERSON), now=desk.now)
        day_off = ctx.calendar.next_working_day(to_local(before.received_at).date())
    assert day_off < to_local(before.due_at).date()  # a day inside the appointment's count
    path = calendar_file(tmp_path, "2027-01-02", day_off)
    loaded = hub.admin("reference", "load", str(path))
    assert loaded.returncode == 0 and "calendar version 2027-01-02" in loaded.stdout
    with desk.session():
        session.sync(now=desk.now)
        assert reference.versions()["calendar"] == "2027-01-02"
        assert CalendarOverride.get_by_id(day_off).source == "server"
        after = intake.receive(load_context(now=desk.now),
                               intake.IntakeRequest(FIVE_DAYS, PERSON), now=desk.now)
        kept = Dossier.get_by_id(before.id)
    assert kept.due_at == before.due_at  # printed before the notice: frozen
    assert after.due_at > before.due_at  # counted after it: the new day off skipped
    assert after.received_at == before.received_at


def test_a_new_release_reaches_an_existing_desk_and_never_undoes_newer_upstream_data(
        desk_factory, clock):
    desk = desk_factory()
    with desk.session():  # as a desk set up by an older release left it
        reference.DESK.put("calendar", "2025-12-01")
        CalendarOverride.delete().where(CalendarOverride.date.year == 2026).execute()
    desk.close()
    database = open_database(desk.path, now=clock)
    with bound(database):
        assert reference.versions()["calendar"] == SHIPPED
        assert CalendarOverride.select().where(CalendarOverride.date.year == 2026).exists()
        # Upstream then sends a newer calendar than this release ships...
        reference.apply("calendar", {"version": "2099-01-01", "overrides": [
            {"date": "2099-01-05", "kind": "day_off", "note": "from upstream"}]},
            reference.DESK, "server")
    database.close()
    database = open_database(desk.path, now=clock)  # ...and the desk starts again
    with bound(database):
        assert reference.versions() == {"catalogue": SHIPPED, "calendar": "2099-01-01"}
        assert [r.date for r in CalendarOverride.select()] == [dt.date(2099, 1, 5)]
    database.close()


def test_a_pull_from_a_server_not_yet_upgraded_leaves_the_desk_s_newer_data(desk_factory, clock):
    desk = desk_factory()
    with desk.session():
        reference.apply("calendar", {"version": "2099-01-01", "overrides": [
            {"date": "2099-01-05", "kind": "day_off", "note": "newer"}]}, reference.DESK,
            "shipped")
        older = {"version": SHIPPED, "overrides": [
            {"date": "2026-12-31", "kind": "day_off", "note": "older"}]}
        applied = incoming.apply([{"kind": "calendar", "record": older}], 7, now=clock)
        assert applied == 0
        assert reference.versions()["calendar"] == "2099-01-01"
        assert [r.date for r in CalendarOverride.select()] == [dt.date(2099, 1, 5)]
