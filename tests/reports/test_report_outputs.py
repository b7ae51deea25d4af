"""The report as Excel, as PDF and through the CLI hold the same numbers as desk.reports."""

import datetime as dt
import json
import re
import shutil
import subprocess
import sys

import openpyxl
import pytest

from desk import reports
from desk.periods import Period
from desk.report_table import GROUPS, office_table, report_table
from desk.report_xlsx import render_xlsx
from printing.fonts import bundled_fonts
from printing.report import format_value, render_report
from tests.printing.conftest import pdf_text
from tests.reports.conftest import AT_MID_DECEMBER, MID_DECEMBER
from tests.reports.scenario import NOVEMBER

NOV = Period.month(2026, 11)
# The total row of Biểu số 06/VPCP/KSTT for the scenario, columns (3) … (13): received 10
# (online 1, in person or by post 7, carried over 2) = settled 7 (5 resolved, the refusal and
# the withdrawal) + being settled 3 (in time: 1 running and 1 waiting for papers; overdue 1).
TOTAL_ROW = [10, 1, 7, 2, 7, 1, 3, 3, 3, 2, 1]


def adds_up(values) -> bool:
    c = dict(zip(range(3, 14), values, strict=True))
    return (c[3] == c[4] + c[5] + c[6] == c[7] + c[11] and c[7] == c[8] + c[9] + c[10]
            and c[11] == c[12] + c[13])


@pytest.fixture
def table(full_counter, office):
    report = reports.build_report(NOV, office.commune_code, now=AT_MID_DECEMBER)
    return office_table(report, office, dt.date(2026, 12, 1))


def test_the_national_table_has_a_row_per_field_then_the_total_and_every_row_adds_up(table):
    assert [line.level for line in table.lines] == ["item", "item", "item", "total"]
    assert [line.number for line in table.lines] == ["1", "2", "3", ""]
    assert list(table.lines[-1].values) == TOTAL_ROW
    assert all(adds_up(line.values) for line in table.lines)
    fields = [list(line.values) for line in table.lines[:-1]]
    assert [sum(column) for column in zip(*fields, strict=True)] == TOTAL_ROW
    assert table.unit_name == "UBND xã Tân Phú" and table.governing_body == "UBND TỈNH ĐỒNG NAI"
    assert table.side_block() == ("Đơn vị báo cáo: UBND xã Tân Phú",
                                  "Đơn vị nhận báo cáo: UBND tỉnh Đồng Nai",
                                  "Đơn vị tính: Số hồ sơ thủ tục hành chính")
    assert table.form_code == "Biểu số 06/VPCP/KSTT"
    assert table.place_and_date == "Tân Phú, ngày 01 tháng 12 năm 2026"
    assert "1 hồ sơ từ chối giải quyết, 0 hồ sơ dừng giải quyết và 1 hồ sơ công dân rút" in (
        table.notes[1])


def test_a_date_line_per_decree_30_writes_april_without_a_zero(table):
    from desk.report_table import _place_and_date

    assert _place_and_date("Tân Phú", dt.date(2026, 4, 5)) == "Tân Phú, ngày 05 tháng 4 năm 2026"
    assert _place_and_date("Tân Phú", dt.date(2026, 2, 5)) == "Tân Phú, ngày 05 tháng 02 năm 2026"


def test_excel_holds_the_same_numbers_as_numbers(table, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(render_xlsx(table))
    sheet = openpyxl.load_workbook(path).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[2:13] == TOTAL_ROW
    assert all(isinstance(v, int) for v in total[2:13])
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in rows[2]
    assert any("Tháng 11/2026" in str(v) for v in rows[3])
    assert "Biểu số 06/VPCP/KSTT" in str(rows[0][0])
    assert "Đơn vị nhận báo cáo: UBND tỉnh Đồng Nai" in rows[1]
    assert rows[5][2] == "Số hồ sơ nhận giải quyết" and rows[6][2:6] == list(GROUPS[0].columns)
    assert [v for v in rows[7] if v][:13] == [f"({n})" for n in range(1, 14)]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"C6:F6", "G6:J6", "K6:M6", "A6:A7"} <= merged
    assert any("Đơn vị tính: Số hồ sơ thủ tục hành chính" in str(r[0]) for r in rows)


def test_pdf_text_holds_the_figures(table, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(render_report(table, fonts=bundled_fonts()))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    total_line = next(line for line in text.splitlines() if "Tổng cộng" in line)
    assert re.findall(r"\d+(?:,\d)?", total_line) == [format_value(v) for v in TOTAL_ROW]
    flowing = pdf_text(path)
    for expected in ("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                     "Kỳ báo cáo: Tháng 11/2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)",
                     "Biểu số 06/VPCP/KSTT", "Đơn vị báo cáo: UBND xã Tân Phú",
                     "Đơn vị nhận báo cáo: UBND tỉnh Đồng Nai", "Trả quá hạn",
                     "Từ kỳ trước chuyển qua", "(13)", "Hộ tịch", "UBND XÃ TÂN PHÚ",
                     "hài lòng và rất hài lòng 50,0%", "THỦ TRƯỞNG ĐƠN VỊ"):
        assert expected in flowing, expected


def test_format_value_uses_vietnamese_separators():
    assert [format_value(v) for v in (1234567, 0.6, None, 1.0)] == [
        "1.234.567", "60,0", "-", "100,0"]


def test_an_empty_period_still_renders(database, office):
    report = reports.build_report(Period.month(2020, 1), now=AT_MID_DECEMBER)
    table = report_table(report, governing_body="", unit_name="Xã Tân Phú")
    assert list(table.lines[-1].values) == [0] * 11
    assert render_report(table, fonts=bundled_fonts()).startswith(b"%PDF")
    assert render_xlsx(table)[:2] == b"PK"


def test_cli_report_json_and_files(full_counter, database, tmp_path):
    motcua = [sys.executable, "-m", "ui.launcher", "--data-dir", str(database.parent)]
    xlsx, pdf = tmp_path / "nov.xlsx", tmp_path / "nov.pdf"
    args = ["report", "--month", "2026-11", "--json", "--xlsx", str(xlsx), "--pdf", str(pdf),
            "--as-of", MID_DECEMBER.isoformat(), "--cutoff", "calendar"]
    result = subprocess.run([*motcua, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {k: data[k] for k in NOVEMBER} == NOVEMBER
    assert data["period"] == "2026-11" and len(data["procedures"]) == 3
    assert xlsx.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF")
    state = subprocess.run([*motcua, "report", "--month", "2026-11", "--json", "--as-of",
                            MID_DECEMBER.isoformat()], capture_output=True, text=True, timeout=60)
    regime = json.loads(state.stdout)  # the default: the state regime's 15/10 to 14/11
    assert (regime["from"], regime["to"]) == ("2026-10-15", "2026-11-14")
    wrong = subprocess.run([*motcua, "report", "--quarter", "2026-13", "--json"],
                           capture_output=True, text=True, timeout=60)
    assert wrong.returncode != 0 and json.loads(wrong.stderr)["error"] == "invalid_period"
