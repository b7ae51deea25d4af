"""The audit trail: every step names its account, nothing personal, and tampering shows."""

import datetime as dt
import json

import peewee
import pytest

from desk import accounts, audit, events, intake, settings
from desk.errors import DomainError
from models import AuditEntry, db

PERSON = intake.ApplicantInput(name="Đặng Văn Đức", id_number="079203001234",
                               phone="0912345678", address="Thôn Đông, xã Tân Phú")


@pytest.fixture
def staffed(office, clock):
    accounts.add("admin", "Lê Văn Quản", "admin", "mat-khau-1", by="", now=clock)
    accounts.add("hong", "Trần Thị Hồng", "clerk", "mat-khau-2", by="admin", now=clock)
    return office


def received(office, clock, by="hong"):
    request = intake.IntakeRequest("1.001193", PERSON, clerk="Trần Thị Hồng")
    return intake.receive(office, request, now=clock, by=by)


def test_intake_and_every_step_are_recorded_with_their_account(staffed, clock):
    dossier = received(staffed, clock)
    clock.set(clock() + dt.timedelta(minutes=5))
    events.record(staffed, dossier.code, "assigned", note="Giao anh Đức (0912345678)",
                  now=clock, by="hong")
    events.record(staffed, dossier.code, "corrected", data={"field": "phone",
                  "value": "0987654321"}, note="Công dân đổi số", now=clock, by="hong")
    rows = [r for r in audit.entries() if r["action"].startswith("event.")]
    assert [(r["actor"], r["action"], r["target"]) for r in rows] == [
        ("hong", "event.received", dossier.code), ("hong", "event.assigned", dossier.code),
        ("hong", "event.corrected", dossier.code)]
    assert rows[2]["details"] == {"field": "phone"}
    assert rows[1]["label"] == "Chuyển xử lý"


def test_nothing_personal_enters_the_trail(staffed, clock):
    dossier = received(staffed, clock)
    events.record(staffed, dossier.code, "corrected", data={"field": "name",
                  "value": "Đặng Văn Đông"}, note="Đặng Văn Đức xin sửa tên", now=clock, by="hong")
    with pytest.raises(DomainError):
        accounts.authenticate("Đặng Văn Đức 079203001234", "x", now=clock)
    text = json.dumps([r for r in audit.entries()], ensure_ascii=False)
    for secret in ("Đặng", "079203001234", "0912345678", "Thôn Đông", "Đông"):
        assert secret not in text
    assert dossier.code in text


def test_logins_and_failed_logins_are_recorded(staffed, clock):
    accounts.authenticate("hong", "mat-khau-2", now=clock)
    with pytest.raises(DomainError):
        accounts.authenticate("hong", "sai", now=clock)
    with pytest.raises(DomainError):
        accounts.authenticate("khong-co-ai", "sai", now=clock)
    tail = [(r["actor"], r["action"], r["target"], r["details"]) for r in audit.entries()[-3:]]
    assert tail == [("hong", "login", "hong", {}),
                    ("", "login_failed", "hong", {"reason": "wrong_password"}),
                    ("", "login_failed", "", {"reason": "unknown_account"})]


def test_only_changed_settings_are_recorded(staffed, clock):
    changed = settings.change({"printing.copies": 2, "printing.paper": "a5"}, by="admin",
                              now=clock)
    assert changed == ["printing.copies"]
    assert audit.entries()[-1]["target"] == "printing.copies"
    with pytest.raises(DomainError):
        settings.change({"printing.copies": 3, "printing.paper": "letter"}, by="admin",
                        now=clock)
    assert settings.get("printing.copies") == 2  # all or nothing
    assert audit.entries()[-1]["target"] == "printing.copies"


def test_the_trail_refuses_updates_and_deletes(staffed, clock):
    received(staffed, clock)
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        AuditEntry.update(actor="someone").execute()
    with pytest.raises(peewee.IntegrityError, match="append-only"):
        AuditEntry.delete().execute()
    assert audit.verify().ok


def _forced(sql, *params):
    """What someone with the file and a SQLite tool could do: drop the guard, then edit."""
    db.execute_sql('DROP TRIGGER "audit_entry_no_update"')
    db.execute_sql('DROP TRIGGER "audit_entry_no_delete"')
    db.execute_sql(sql, params)


@pytest.mark.parametrize(("sql", "reason"), [
    ('UPDATE "audit_entry" SET "actor" = \'admin\' WHERE "seq" = 3', "nội dung không khớp"),
    ('DELETE FROM "audit_entry" WHERE "seq" = 2', "thiếu mục"),
    ('DELETE FROM "audit_entry" WHERE "seq" = (SELECT MAX("seq") FROM "audit_entry")',
     "các mục cuối đã bị xóa"),
])
def test_an_edited_or_deleted_entry_breaks_the_chain(staffed, clock, sql, reason):
    for _ in range(3):
        received(staffed, clock)
    assert audit.verify().ok
    _forced(sql)
    check = audit.verify()
    assert not check.ok and check.reason == reason
    assert "đã bị sửa hoặc xóa" in check.message
    with pytest.raises(DomainError) as caught:
        audit.require_intact()
    assert caught.value.code == "audit_chain_broken"


def test_entries_since_an_instant(staffed, clock):
    received(staffed, clock)
    clock.set(clock() + dt.timedelta(days=1))
    later = received(staffed, clock)
    rows = audit.entries(since=clock())
    assert [r["target"] for r in rows] == [later.code]
    assert rows[0]["at"].endswith("+07:00")
