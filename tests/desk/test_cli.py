"""The CLI contract of DESIGN.md §4, exercised through real subprocesses."""

import json


def test_procedures_json_has_the_contract_shape(initialised):
    rows = json.loads(initialised("procedures", "--json").stdout)
    assert len(rows) >= 50
    for row in rows:
        assert {"code", "name", "field", "processing"} <= set(row)
        assert row["processing"]["unit"] in ("working_days", "working_hours", "same_day",
                                             "calendar_days")


def test_intake_then_show_then_events(initialised):
    out = initialised("intake", "--procedure", "1.001193", "--name", "Đặng Văn Đức",
                      "--id-number", "079203001234", "--phone", "0912345678",
                      "--received-at", "2026-11-23T10:00:00+07:00", "--json").stdout
    made = json.loads(out)
    assert made["code"] == "000.00.12.H12-261123-0001"
    assert made["received_at"] == "2026-11-23T10:00:00+07:00"
    assert made["due_at"] == "2026-11-23T17:00:00+07:00"
    assert made["applicant"] == {**made["applicant"], "name": "Đặng Văn Đức",
                                 "id_number": "079203001234"}
    assert made["procedure"]["code"] == "1.001193"
    code = made["code"]
    initialised("event", code, "assign", "--at", "2026-11-23T10:30:00+07:00")
    initialised("event", code, "result-ready", "--at", "2026-11-23T14:00:00+07:00")
    shown = json.loads(initialised("show", code, "--json").stdout)
    assert [e["kind"] for e in shown["events"]] == ["received", "assigned", "result_ready"]
    assert shown["status"] == "result_ready"
    assert shown["events"][1]["at"] == "2026-11-23T10:30:00+07:00"


def test_plain_intake_prints_only_the_code(initialised):
    out = initialised("intake", "--procedure", "1.001193", "--name", "Lê Lan",
                      "--id-number", "001190000001").stdout.strip()
    assert out.startswith("000.00.12.H12-") and len(out.splitlines()) == 1


def test_refusal_exits_nonzero_with_vietnamese_line_and_json_code(initialised):
    plain = initialised("intake", "--procedure", "1.001193", "--name", "Lê Lan",
                        "--id-number", "123", check=False)
    assert plain.returncode != 0
    assert "12 chữ số" in plain.stderr and len(plain.stderr.strip().splitlines()) == 1
    as_json = initialised("intake", "--procedure", "1.001193", "--name", "Lê Lan",
                          "--id-number", "123", "--json", check=False)
    assert json.loads(as_json.stderr)["error"] == "invalid_id_number"


def test_forbidden_event_is_refused_by_the_cli(initialised):
    code = initialised("intake", "--procedure", "1.001193", "--name", "Lê Lan",
                       "--id-number", "001190000001").stdout.strip()
    result = initialised("event", code, "return", "--json", check=False)
    assert result.returncode != 0
    assert json.loads(result.stderr)["error"] == "transition_not_allowed"


def test_search_json_finds_by_folded_name(initialised):
    initialised("intake", "--procedure", "1.001193", "--name", "Đặng Văn Đức",
                "--id-number", "079203001234")
    rows = json.loads(initialised("search", "dang van duc", "--json").stdout)
    assert [r["applicant"]["name"] for r in rows] == ["Đặng Văn Đức"]


def test_commands_before_init_say_so(run):
    result = run("intake", "--procedure", "1.001193", "--name", "Lê Lan",
                 "--id-number", "001190000001", check=False)
    assert result.returncode != 0
    assert "chưa được khởi tạo" in result.stderr


def test_demo_seed_creates_dossiers_and_the_demo_account(run):
    assert json.loads(run("demo-seed", "--dossiers", "20", "--json").stdout) == {"dossiers": 20}
    rows = json.loads(run("--as", "demo", "search", "000.00.12.h12", "--limit", "100", "--json",
                          password="demo").stdout)
    assert len(rows) == 20
    # More demo dossiers on a desk that exists: its accounts apply, and no new one is made.
    assert run("demo-seed", "--dossiers", "1", check=False).returncode != 0
    run("--as", "demo", "demo-seed", "--dossiers", "5", password="demo")
    users = json.loads(run("--as", "demo", "users", "list", "--json", password="demo").stdout)
    assert [u["login"] for u in users] == ["demo"]


def test_second_assign_stop_and_the_2025_forms_through_the_cli(initialised, tmp_path):
    code = initialised("intake", "--procedure", "1.004873", "--name", "Lê Lan",
                       "--id-number", "001190000001",
                       "--received-at", "2026-11-23T10:00:00+07:00").stdout.strip()
    initialised("event", code, "assign", "--note", "Công chức Tư pháp - Hộ tịch",
                "--at", "2026-11-23T10:30:00+07:00")
    again = initialised("event", code, "assign", "--json", check=False)
    assert again.returncode != 0 and json.loads(again.stderr)["error"] == "already_assigned"
    no_reason = initialised("event", code, "stop", "--json", check=False)
    assert json.loads(no_reason.stderr)["error"] == "missing_reason"
    stopped = json.loads(initialised("event", code, "stop", "--note", "Công dân đề nghị dừng",
                                     "--at", "2026-11-24T09:00:00+07:00", "--json").stdout)
    assert stopped["status"] == "stopped" and stopped["status_label"] == "Đã dừng giải quyết"
    for kind in ("stop", "control"):
        out = tmp_path / f"{kind}.pdf"
        initialised("form", kind, code, "--out", str(out))
        assert out.read_bytes().startswith(b"%PDF")
    apology = initialised("form", "apology", code, "--out", str(tmp_path / "a.pdf"),
                          check=False)
    assert apology.returncode != 0 and "Thông tư 03/2025/TT-VPCP" in apology.stderr
    assert "«extension»" in apology.stderr


def test_intake_from_a_scanned_cccd_fills_the_applicant_and_warns_of_a_mismatch(initialised):
    qr = "079203001234|025123456|Đặng Văn Đức|15082004|NAM|Thôn Đông, Tân Phú, Đồng Nai|01092021"
    result = initialised("intake", "--procedure", "1.001193", "--cccd-qr", qr, "--json")
    made = json.loads(result.stdout)
    person = made["applicant"]
    assert (person["name"], person["id_number"], person["sex"], person["birth_date"]) == (
        "Đặng Văn Đức", "079203001234", "Nam", "2004-08-15")
    assert person["address"] == "Thôn Đông, Tân Phú, Đồng Nai"
    assert made["warnings"] and "năm sinh 2003" in made["warnings"][0]
    assert "Lưu ý: Số CCCD cho năm sinh 2003" in result.stderr
    bad = initialised("intake", "--procedure", "1.001193", "--cccd-qr", "rác", "--json",
                      check=False)
    assert json.loads(bad.stderr)["error"] == "invalid_qr"
