from desk import intake, search
from desk.text import fold
from tests.desk.test_intake import PERSON


def receive(office, clock, **person):
    applicant = intake.ApplicantInput(**{**PERSON.__dict__, **person})
    return intake.receive(office, intake.IntakeRequest("1.001193", applicant), now=clock)


def test_fold_drops_case_tones_and_d_stroke():
    assert fold("Đặng Văn Đức") == "dang van duc"
    assert fold("NGUYỄN THỊ ÁNH") == "nguyen thi anh"


def test_search_finds_dang_van_duc_from_plain_ascii(office, clock):
    dossier = receive(office, clock)
    receive(office, clock, name="Lê Thị Lan", id_number="001190000001", phone="0988000111")
    assert [d.code for d in search.search("dang van duc")] == [dossier.code]
    assert [d.code for d in search.search("ĐẶNG VĂN")] == [dossier.code]


def test_search_by_name_prefix(office, clock):
    dossier = receive(office, clock)
    assert dossier.code in [d.code for d in search.search("dan va d")]


def test_search_by_code_prefix_and_tail(office, clock):
    dossier = receive(office, clock)
    assert [d.code for d in search.search("000.00.12.h12-2611")] == [dossier.code]
    assert [d.code for d in search.search("261123-0001")] == [dossier.code]


def test_search_by_id_number_and_phone(office, clock):
    dossier = receive(office, clock)
    assert [d.code for d in search.search("079203001234")] == [dossier.code]
    assert [d.code for d in search.search("0912345")] == [dossier.code]
    assert [d.code for d in search.search("+84912345678")] == [dossier.code]


def test_search_results_come_newest_first(office, clock):
    first = receive(office, clock)
    second = receive(office, clock)
    assert [d.code for d in search.search("duc")] == [second.code, first.code]


def test_search_ignores_fts_syntax_in_the_query(office, clock):
    receive(office, clock)
    assert search.search('"') == []
    assert search.search("duc OR NOT *") == []


def test_scanned_code_opens_the_exact_dossier(office, clock):
    dossier = receive(office, clock)
    assert search.find_by_code(dossier.code.lower() + "\n").id == dossier.id
