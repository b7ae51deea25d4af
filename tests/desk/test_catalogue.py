"""The shipped catalogue: commune-level procedures under their national codes only."""

import json
import re
from importlib import resources

from desk.calendar import UNITS

NATIONAL_CODE = re.compile(r"^[1-3]\.\d{6}$")


def shipped():
    text = resources.files("desk").joinpath("data", "procedures.json").read_text("utf-8")
    return json.loads(text)["procedures"]


def test_at_least_fifty_procedures_each_under_a_national_code_once():
    codes = [p["code"] for p in shipped()]
    assert len(codes) >= 50
    assert len(set(codes)) == len(codes)
    assert all(NATIONAL_CODE.match(code) for code in codes), [
        c for c in codes if not NATIONAL_CODE.match(c)]


def test_the_high_volume_commune_procedures_of_2025_are_there_by_their_national_names():
    by_code = {p["code"]: p for p in shipped()}
    assert by_code["1.004859"]["name"] == (
        "Thay đổi, cải chính, bổ sung thông tin hộ tịch, xác định lại dân tộc")
    assert by_code["2.001016"]["name"] == "Chứng thực văn bản từ chối nhận di sản"
    for code in ("1.001776", "3.000722", "2.002913", "1.001266", "1.012812", "2.000528",
                 "2.000806", "1.013978"):
        assert code in by_code, code
    assert by_code["1.012812"]["processing"] == {"value": 30, "unit": "calendar_days"}
    assert "2.001009" not in by_code  # repealed (khai nhận di sản)


def test_every_procedure_has_a_known_unit_a_field_and_a_legal_basis():
    for procedure in shipped():
        assert procedure["processing"]["unit"] in UNITS
        assert procedure["field"] and procedure["legal_basis"] and procedure["source"]
