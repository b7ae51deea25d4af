"""``motcua-server``: the administrator's commands, as a script would call them."""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import subprocess

import httpx

from desk import intake
from desk.context import load_context
from desk.sync import bundle, enrolment
from models.hub import ServerSetting
from tests import clocked
from tests.sync.conftest import TAN_PHU
from tests.sync.harness import PERSON


def admin(hub, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return hub.admin(*args, stdin=stdin)


def test_admin_commands_from_commune_to_bundle_import_and_stats(hub, desk_factory, tmp_path):
    made = admin(hub, "add-commune", "26999", "Xã Mới", "--agency-code", "000.00.99.H12",
                 "--json")
    assert json.loads(made.stdout)["code"] == "26999"
    code = json.loads(admin(hub, "enrolment-code", TAN_PHU[0], "--json").stdout)["code"]
    desk = desk_factory()
    out, reply = tmp_path / "out.bundle", tmp_path / "reply.bundle"
    with desk.session():
        enrolment.enroll(hub.base, code, now=desk.now)
        intake.receive(load_context(now=desk.now), intake.IntakeRequest("1.001193", PERSON),
                       now=desk.now)
        bundle.export(out, now=desk.now)
    imported = admin(hub, "import-bundle", str(out), "--reply", str(reply), "--json")
    assert json.loads(imported.stdout)["applied"] == 2, imported.stderr
    again = json.loads(admin(hub, "import-bundle", str(out), "--json").stdout)
    assert (again["applied"], again["duplicates"]) == (0, 2)
    with desk.session():
        assert bundle.import_reply(reply, now=desk.now)["pending"] == 0
    shown = admin(hub, "stats", "--commune", TAN_PHU[0], "--json")
    assert shown.returncode == 0, shown.stderr
    stats = json.loads(shown.stdout)
    row = stats["communes"][0]
    assert (row["code"], row["dossiers"], row["events"]) == (TAN_PHU[0], 1, 1)
    assert row["last_sync"] is not None


def test_refusals_exit_non_zero_with_a_stable_code(hub):
    failed = admin(hub, "enrolment-code", "00000", "--json")
    assert failed.returncode == 2
    assert json.loads(failed.stderr)["error"] == "unknown_commune"
    weak = admin(hub, "create-user", "ward", "--password-stdin", "--json", stdin="short\n")
    assert json.loads(weak.stderr)["error"] == "weak_password"


def test_health_is_open_and_the_api_is_described(hub):
    health = httpx.get(hub.base + "/api/v1/health")
    assert health.status_code == 200 and health.json()["server_time"]
    # The Date header is the server's own clock (the test's), not the wall's.
    stamped = email.utils.parsedate_to_datetime(health.headers["date"])
    told = dt.datetime.fromisoformat(health.json()["server_time"])
    assert abs((stamped - hub.now()).total_seconds()) < 60
    assert abs((stamped - told).total_seconds()) < 2
    assert len(health.headers.get_list("date")) == 1
    spec = httpx.get(hub.base + "/api/v1/openapi.json").json()
    assert {"/api/v1/health", "/api/v1/enrol", "/api/v1/sync/push", "/api/v1/sync/pull",
            "/api/v1/bundles"} <= set(spec["paths"])


def test_a_setting_is_stamped_on_the_command_s_clock(hub):
    assert admin(hub, "setting", "hotline", "0251 3822 123").returncode == 0
    with hub.session():
        stamped = ServerSetting.get_by_id("hotline").updated_at
    assert abs((stamped - hub.now()).total_seconds()) < 60  # the hub's clock, not the wall's


def test_anything_unexpected_is_one_line_and_its_traceback_goes_to_the_log(tmp_path):
    broken = tmp_path / "hub.sqlite3"
    broken.write_bytes(b"this is not a database " * 200)
    env = {**os.environ, "XDG_STATE_HOME": str(tmp_path / "state"),
           "HOME": str(tmp_path / "home")}
    for extra in ((), ("--json",)):
        said = subprocess.run(clocked.command(dt.datetime(2026, 11, 23, tzinfo=dt.UTC),
                                              "motcua-server", "--db", str(broken), "stats",
                                              *extra),
                              capture_output=True, text=True, timeout=60, cwd=clocked.ROOT,
                              env=env)
        assert said.returncode == 1 and "Traceback" not in said.stderr
        assert len(said.stderr.strip().splitlines()) == 1
    assert json.loads(said.stderr)["error"] == "internal_error"
    logs = list((tmp_path).rglob("motcua-server.log"))
    assert len(logs) == 1 and "Traceback" in logs[0].read_text(encoding="utf-8")


def test_create_user_gives_a_role_and_a_commune_to_a_leader(hub):
    made = admin(hub, "create-user", "lanhdao", "--role", "commune", "--commune",
                 TAN_PHU[0], "--display-name", "Chủ tịch xã", "--password-stdin", "--json",
                 stdin="mật-khẩu-đủ-dài\n")
    assert json.loads(made.stdout) == {"username": "lanhdao", "role": "commune",
                                       "commune": TAN_PHU[0]}
    orphan = admin(hub, "create-user", "lanhdao2", "--role", "commune", "--password-stdin",
                   "--json", stdin="mật-khẩu-đủ-dài\n")
    assert json.loads(orphan.stderr)["error"] == "invalid_commune"
