import datetime as dt

import pytest

from desk import intake
from desk.errors import DomainError, ValidationError
from models import Applicant, DailySequence, Dossier, DossierEvent, Outbox, ReceivedDocument
from tests.conftest import vn

PERSON = intake.ApplicantInput(
    name="Đặng Văn Đức", id_number="079203001234", phone="0912 345 678",
    address="Thôn Đông, xã Tân Phú",
)


def request(**changes):
    fields = {"procedure_code": "1.001193", "applicant": PERSON}
    fields.update(changes)
    return intake.IntakeRequest(**fields)


def counts():
    return [m.select().count() for m in (Dossier, Applicant, DossierEvent, Outbox,
                                         ReceivedDocument)]


def test_intake_writes_dossier_event_documents_and_outbox(office, clock):
    dossier = intake.receive(office, request(), now=clock)
    assert dossier.code == "000.00.12.H12-261123-0001"
    assert dossier.status == "received"
    assert dossier.applicant.phone == "0912345678"
    assert [e.kind for e in dossier.events] == ["received"]
    assert ReceivedDocument.select().where(ReceivedDocument.dossier == dossier).count() >= 1
    assert [o.record_type for o in Outbox.select().order_by(Outbox.seq)] == ["dossier", "event"]


def test_same_day_procedure_received_before_cutoff_is_due_at_five(office, clock):
    dossier = intake.receive(office, request(), now=clock)
    assert dossier.due_at == vn(2026, 11, 23, 17, 0)


def test_codes_number_from_0001_within_a_day(office, clock):
    codes = [intake.receive(office, request(), now=clock).code[-4:] for _ in range(3)]
    assert codes == ["0001", "0002", "0003"]
    clock.set(vn(2026, 11, 25, 8, 0))
    assert intake.receive(office, request(), now=clock).code.endswith("-261125-0001")


@pytest.mark.parametrize(
    ("person", "code"),
    [
        (intake.ApplicantInput(name="", id_number="079203001234"), "missing_name"),
        (intake.ApplicantInput(name="Lê Lan", id_number="07920300123"), "invalid_id_number"),
        (intake.ApplicantInput(name="Lê Lan", id_number="999203001234"), "invalid_id_number"),
        (intake.ApplicantInput(name="Lê Lan", id_number="079203001234", phone="12345"),
         "invalid_phone"),
        (intake.ApplicantInput(name="Lê Lan 2", id_number="079203001234"), "invalid_name"),
    ],
)
def test_bad_applicant_is_refused_in_vietnamese_and_nothing_is_written(office, clock, person,
                                                                       code):
    before = counts()
    with pytest.raises(DomainError) as caught:
        intake.receive(office, request(applicant=person), now=clock)
    assert caught.value.code == code
    assert any(ch in caught.value.message for ch in "ăâđêôơưạảãáàệếềểễ")
    assert counts() == before


def test_all_field_errors_are_reported_together(office, clock):
    person = intake.ApplicantInput(name="", id_number="12", phone="abc")
    with pytest.raises(ValidationError) as caught:
        intake.receive(office, request(applicant=person), now=clock)
    assert set(caught.value.fields) == {"name", "id_number", "phone"}


def test_missing_required_document_is_refused(office, clock):
    with pytest.raises(DomainError) as caught:
        intake.receive(office, request(documents=()), now=clock)
    assert caught.value.code == "missing_documents"
    assert "bổ sung" in caught.value.message


def test_unknown_procedure_is_refused(office, clock):
    with pytest.raises(DomainError, match="Không tìm thấy thủ tục"):
        intake.receive(office, request(procedure_code="9.999999"), now=clock)


def test_future_reception_time_is_refused(office, clock):
    with pytest.raises(DomainError) as caught:
        intake.receive(office, request(received_at=clock() + dt.timedelta(hours=1)), now=clock)
    assert caught.value.code == "received_in_future"


def test_failure_mid_transaction_leaves_nothing_and_releases_the_code(office, clock,
                                                                      monkeypatch):
    before = counts()

    def broken(record, *, now):
        raise RuntimeError("disk full")

    monkeypatch.setattr(intake, "enqueue", broken)
    with pytest.raises(RuntimeError):
        intake.receive(office, request(), now=clock)
    assert counts() == before
    assert DailySequence.select().count() == 0
    monkeypatch.undo()
    assert intake.receive(office, request(), now=clock).code.endswith("-0001")


def test_text_is_stored_nfc_normalised(office, clock):
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Đặng Văn Đức")
    person = intake.ApplicantInput(name=decomposed, id_number="079203001234")
    dossier = intake.receive(office, request(applicant=person), now=clock)
    assert dossier.applicant.name == "Đặng Văn Đức"
