"""``--as`` and ``users``: right after init the CLI works as before; once an account exists,
citizens' data needs a signed-in account with the right role."""

import json

INTAKE = ("intake", "--procedure", "1.001193", "--name", "Đặng Văn Đức",
          "--id-number", "079203001234")


def test_once_an_account_exists_commands_need_as(staffed):
    refused = staffed(*INTAKE, "--json", check=False)
    assert refused.returncode != 0
    assert json.loads(refused.stderr)["error"] == "login_required"
    plain = staffed(*INTAKE, check=False)
    assert "--as" in plain.stderr and len(plain.stderr.strip().splitlines()) == 1
    # The catalogue holds no citizen's data: it stays open.
    assert staffed("procedures", "--json").returncode == 0


def test_a_wrong_password_is_refused_with_a_clear_message(staffed):
    wrong = staffed("--as", "hong", *INTAKE, password="sai", check=False)
    assert wrong.returncode != 0
    assert wrong.stderr.strip() == "Lỗi: Tên đăng nhập hoặc mật khẩu không đúng."
    no_password = staffed("--as", "hong", *INTAKE, "--json", check=False)
    assert json.loads(no_password.stderr)["error"] == "password_required"


def test_the_signed_in_clerk_receives_and_is_named_on_the_dossier(staffed):
    made = json.loads(staffed("--as", "hong", *INTAKE, "--json", password="mat-khau-hong").stdout)
    shown = json.loads(staffed("--as", "hong", "show", made["code"], "--json",
                               password="mat-khau-hong").stdout)
    assert shown["received_by"] == "Trần Thị Hồng"
    staffed("--as", "hong", "event", made["code"], "assign", password="mat-khau-hong")
    shown = json.loads(staffed("--as", "hong", "show", made["code"], "--json",
                               password="mat-khau-hong").stdout)
    assert shown["events"][-1]["actor"] == "Trần Thị Hồng"


def test_roles_gate_the_commands(staffed):
    clerk = staffed("--as", "hong", "report", "--month", "2026-11", "--json",
                    password="mat-khau-hong", check=False)
    assert json.loads(clerk.stderr)["error"] == "forbidden"
    assert staffed("--as", "lanh.dao", "report", "--month", "2026-11", "--json",
                   password="mat-khau-lanh.dao").returncode == 0
    leader = staffed("--as", "lanh.dao", "users", "list", password="mat-khau-lanh.dao",
                     check=False)
    assert leader.returncode != 0 and "quản lý tài khoản" in leader.stderr


def test_users_list_disable_and_passwd(staffed):
    admin = {"password": "mat-khau-quan-tri"}
    rows = json.loads(staffed("--as", "admin", "users", "list", "--json", **admin).stdout)
    assert [(r["login"], r["role"], r["active"]) for r in rows] == [
        ("admin", "admin", True), ("hong", "clerk", True), ("lanh.dao", "leader", True)]
    staffed("--as", "admin", "users", "disable", "hong", **admin)
    disabled = staffed("--as", "hong", *INTAKE, "--json", password="mat-khau-hong", check=False)
    assert json.loads(disabled.stderr)["error"] == "account_disabled"
    # Anyone may change their own password, only an admin someone else's.
    staffed("--as", "lanh.dao", "users", "passwd", "lanh.dao", "--password-stdin",
            password="mat-khau-lanh.dao", stdin="mat-khau-moi-1\n")
    other = staffed("--as", "lanh.dao", "users", "passwd", "admin", "--password-stdin",
                    password="mat-khau-moi-1", stdin="chiem-quyen-1\n", check=False)
    assert other.returncode != 0
    assert staffed("--as", "lanh.dao", "report", "--month", "2026-11",
                   password="mat-khau-moi-1").returncode == 0


def test_the_first_account_made_from_the_cli_must_be_admin(initialised):
    first = initialised("users", "add", "hong", "--name", "Trần Thị Hồng", "--role", "clerk",
                        "--password-stdin", stdin="mat-khau-hong\n", check=False)
    assert first.returncode != 0 and "quản trị" in first.stderr


def test_audit_lists_who_did_what_for_leaders_only(staffed):
    made = json.loads(staffed("--as", "hong", *INTAKE, "--received-at", "2026-11-23T10:00:00",
                              "--json", password="mat-khau-hong").stdout)
    staffed("--as", "hong", "event", made["code"], "assign", "--at", "2026-11-23T10:30:00",
            password="mat-khau-hong")
    clerk = staffed("--as", "hong", "audit", "--json", password="mat-khau-hong", check=False)
    assert json.loads(clerk.stderr)["error"] == "forbidden"
    rows = json.loads(staffed("--as", "lanh.dao", "audit", "--json",
                              password="mat-khau-lanh.dao").stdout)
    assert all({"at", "actor", "action", "target", "details"} <= set(r) for r in rows)
    mine = [(r["actor"], r["action"], r["target"]) for r in rows if r["actor"] == "hong"]
    assert mine == [("hong", "login", "hong"), ("hong", "event.received", made["code"]),
                    ("hong", "login", "hong"), ("hong", "event.assigned", made["code"]),
                    ("hong", "login", "hong")]
    assert rows[-1] == {**rows[-1], "actor": "lanh.dao", "action": "login"}
    # A paper record entered after the fact says so: the time it claims is in the entry.
    assigned = next(r for r in rows if r["action"] == "event.assigned")
    assert assigned["details"]["at"]
    since = json.loads(staffed("--as", "admin", "audit", "--since", rows[-1]["at"], "--json",
                               password="mat-khau-quan-tri").stdout)
    assert len(since) < len(rows)
    text = staffed("--as", "admin", "audit", password="mat-khau-quan-tri").stdout
    assert "Tiếp nhận hồ sơ" in text and "Đặng" not in text
