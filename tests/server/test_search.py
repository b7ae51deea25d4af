"""Finding dossiers on the server: by name with or without tones (đ = d), by ID number, by
code or the part of it a citizen reads out, newest first, within a commune when asked; on
SQLite and PostgreSQL alike, kept current by every push (a corrected name too)."""

from __future__ import annotations

import datetime as dt

import pytest

from desk.clock import encode_hlc
from models import Dossier
from server import search
from server.derived import BUILDERS
from tests.conftest import vn
from tests.server.conftest import AN_BINH, TAN_PHU, commune, device_of, two_procedures
from tests.server.records import Pusher, dossier, events, iso, uid
from tests.sync.harness import choose_dialect

pytestmark = pytest.mark.parametrize(
    "dialect", ["sqlite", pytest.param("postgresql", marks=pytest.mark.pg)])


@pytest.fixture
def dialect(request, monkeypatch):
    choose_dialect(request.param, monkeypatch)
    return request.param


@pytest.fixture
def people(dialect, server_db):
    procedure = two_procedures()[0]
    start = vn(2026, 11, 2, 8, 0)
    made = {}
    for offset, (place, name, number) in enumerate([
            (TAN_PHU[0], "Đặng Văn Đức", "079203001234"),
            (TAN_PHU[0], "Nguyễn Thị Hoà", "079303004321"),
            (AN_BINH[0], "Đặng Thị Đào", "079303009999"),
            (TAN_PHU[0], "Đặng Văn Đức", "079203005555")]):
        received = start + dt.timedelta(hours=offset)
        record = dossier(commune(place), procedure, received, received + dt.timedelta(days=3),
                         name=name, id_number=number)
        Pusher(device_of(place)).push([record, *events(record, [])])
        made[(name, number)] = record
    return made


def codes(ids):
    return [Dossier.get_by_id(i).code for i in ids]


def test_names_are_found_without_tones_and_with_d_for_dj(people):
    duc = [people[("Đặng Văn Đức", "079203005555")]["code"],
           people[("Đặng Văn Đức", "079203001234")]["code"]]
    assert codes(search.find("dang van duc")) == duc  # newest first
    assert codes(search.find("ĐẶNG VĂN ĐỨC")) == duc
    assert codes(search.find("van du")) == duc  # every word a prefix of a word
    assert set(codes(search.find("dang"))) == {*duc, people[("Đặng Thị Đào",
                                                              "079303009999")]["code"]}
    assert search.find("hoa") == [people[("Nguyễn Thị Hoà", "079303004321")]["id"]]
    assert search.find("") == [] and search.find("   .- ") == []


def test_id_numbers_and_codes_are_found_whole_or_by_their_start(people):
    record = people[("Nguyễn Thị Hoà", "079303004321")]
    assert search.find("079303004321") == [record["id"]]
    assert search.find("0793030043") == [record["id"]]
    assert search.find(record["code"]) == [record["id"]]
    assert search.find(record["code"].split("-", 1)[1]) == [record["id"]]  # "261102-0002"
    assert len(search.find("+84912345678")) == 4  # every test applicant shares this phone


def test_a_commune_finds_only_its_own_dossiers(people):
    assert search.find("dang", commune=AN_BINH[0]) == [
        people[("Đặng Thị Đào", "079303009999")]["id"]]
    assert len(search.find("dang", commune=TAN_PHU[0])) == 2
    assert search.find("dao", commune=TAN_PHU[0]) == []


def test_a_corrected_name_is_found_by_the_new_name(people):
    record = people[("Nguyễn Thị Hoà", "079303004321")]
    moment = vn(2026, 11, 3, 9, 0)
    correction = {"type": "event", "v": 1, "id": uid(), "commune_code": TAN_PHU[0],
                  "dossier_id": record["id"], "kind": "corrected", "at": iso(moment),
                  "recorded_at": iso(moment),
                  "hlc": encode_hlc(int(moment.timestamp() * 1000), 0), "actor": "",
                  "origin": "desk", "note": "",
                  "data": {"field": "name", "from": "Nguyễn Thị Hoà", "to": "Nguyễn Thị Hòa Bình"}}
    Pusher(device_of(TAN_PHU[0])).push([correction])
    assert search.find("hoa binh") == [record["id"]]
    assert search.find("nguyen thi hoa") == [record["id"]]


def test_a_rebuilt_index_finds_the_same(people):
    before = {q: search.find(q) for q in ("dang", "079303", "hoa", "dao")}
    assert BUILDERS["search"]() == 4
    assert {q: search.find(q) for q in before} == before
