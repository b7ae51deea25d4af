"""Consent to notices at intake: stored with the dossier, carried on the wire, never implied."""

import json
import subprocess
import sys

import pytest

from desk import dossiers, intake
from desk.errors import ValidationError
from models import DESK_TABLES, Dossier, Outbox, db
from models.migrations import DESK_MIGRATIONS, migrate
from tests.conftest import models_as_of
from tests.desk.test_intake import PERSON, counts, request


def test_consent_is_stored_with_the_dossier_and_travels_in_its_wire_record(office, clock):
    dossier = intake.receive(office, request(notify=True), now=clock)
    assert Dossier.get_by_id(dossier.id).notify is True
    assert dossiers.details(dossier)["notify"] is True
    record = json.loads(Outbox.get(Outbox.record_type == "dossier").payload)
    assert record["notify"] is True


def test_without_the_box_ticked_there_is_no_consent(office, clock):
    dossier = intake.receive(office, request(), now=clock)
    assert Dossier.get_by_id(dossier.id).notify is False
    assert json.loads(Outbox.get(Outbox.record_type == "dossier").payload)["notify"] is False


def test_consent_with_no_phone_and_no_email_is_refused_and_nothing_is_written(office, clock):
    before = counts()
    person = intake.ApplicantInput(name=PERSON.name, id_number=PERSON.id_number)
    with pytest.raises(ValidationError) as caught:
        intake.receive(office, request(applicant=person, notify=True), now=clock)
    assert caught.value.code == "notify_without_contact"
    assert "số điện thoại hoặc email" in caught.value.message
    assert set(caught.value.fields) == {"notify"}
    assert counts() == before


def test_an_email_alone_is_enough_to_be_told(office, clock):
    person = intake.ApplicantInput(name=PERSON.name, id_number=PERSON.id_number,
                                   email="duc@example.vn")
    assert intake.receive(office, request(applicant=person, notify=True), now=clock).notify


def test_a_version_3_file_upgrades_with_no_consent_on_its_dossiers(tmp_path, clock, monkeypatch):
    from desk import audit, setup
    from desk.context import load_context
    from desk.database import connect, open_database

    path = tmp_path / "motcua.sqlite3"
    old = connect(path, None)  # release 3 wrote plain SQLite files
    db.initialize(old)
    migrate(old, DESK_MIGRATIONS[:3])
    with monkeypatch.context() as release_3, models_as_of(old, DESK_TABLES):
        release_3.setattr(audit, "record", lambda *args, **kwargs: None)  # no audit trail yet
        setup.initialize("26734", "Xã Tân Phú", "000.00.12.H12", now=clock)
        before = intake.receive(load_context(now=clock), request(), now=clock)
    old.close()
    open_database(path, now=clock)
    assert Dossier.get_by_id(before.id).notify is False
    made = intake.receive(load_context(now=clock), request(notify=True), now=clock)
    assert Dossier.get_by_id(made.id).notify is True


def test_cli_intake_takes_notify_and_show_says_so(tmp_path):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "ui.launcher", "--data-dir", str(tmp_path),
                               *args], capture_output=True, text=True, timeout=60)

    run("init", "--commune-code", "26734", "--commune-name", "Xã Tân Phú",
        "--agency-code", "000.00.12.H12")
    made = run("intake", "--procedure", "1.001193", "--name", "Đặng Văn Đức",
               "--id-number", "079203001234", "--phone", "0912345678", "--notify", "--json")
    assert json.loads(made.stdout)["notify"] is True
    refused = run("intake", "--procedure", "1.001193", "--name", "Đặng Văn Đức",
                  "--id-number", "079203001234", "--notify", "--json")
    assert refused.returncode == 2
    assert json.loads(refused.stderr)["error"] == "notify_without_contact"
