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
# The total row of the national table for the scenario, column by column (3) … (17).
TOTAL_ROW = [10, 2, 1, 7, 5, 1, 2, 2, 2, 1, 1, 1, 1, 1, 0.6]


@pytest.fixture
def table(full_counter, office):
    report = reports.build_report(NOV, office.commune_code, now=AT_MID_DECEMBER)
    return office_table(report, office, dt.date(2026, 12, 1))


def test_the_table_rows_follow_fields_then_procedures_then_total(table):
    assert [line.level for line in table.lines] == [
        "group", "item", "group", "item", "group", "item", "total"]
    assert [line.number for line in table.lines][:4] == ["I", "1", "II", "2"]
    assert list(table.lines[-1].values) == TOTAL_ROW
    assert table.unit_name == "UBND Xã Tân Phú" and table.governing_body == "UBND TỈNH ĐỒNG NAI"
    assert table.place_and_date == "Tân Phú, ngày 01 tháng 12 năm 2026"


def test_excel_holds_the_same_numbers_as_numbers(table, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(render_xlsx(table))
    sheet = openpyxl.load_workbook(path).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    total = next(r for r in rows if r[1] == "Tổng cộng")
    assert total[2:17] == TOTAL_ROW
    assert all(isinstance(v, int | float) for v in total[2:17])
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in rows[2]
    assert any("Tháng 11/2026" in str(v) for v in rows[3])
    assert rows[5][2] == "Tổng số hồ sơ" and rows[6][2:6] == list(GROUPS[0].columns)
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert {"C6:F6", "G6:J6", "Q6:Q7", "A6:A7"} <= merged
    assert sheet.cell(rows.index(total) + 1, 17).number_format == "0.0%"


def test_pdf_text_holds_the_figures(table, tmp_path):
    if not shutil.which("pdftotext"):
        pytest.skip("poppler-utils not installed")
    path = tmp_path / "r.pdf"
    path.write_bytes(render_report(table, fonts=bundled_fonts()))
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH" in text
    assert "Tháng 11/2026 (từ ngày 01/11/2026 đến ngày 30/11/2026)" in text
    total_line = next(line for line in text.splitlines() if "Tổng cộng" in line)
    assert re.findall(r"\d+(?:,\d)?", total_line) == [format_value(v) for v in TOTAL_ROW]
    flowing = pdf_text(path)
    assert "Đăng ký thành lập hộ kinh doanh" in flowing and "Quá hạn" in flowing
    assert "UBND XÃ TÂN PHÚ" in flowing and "hài lòng và rất hài lòng 50,0%" in flowing


def test_format_value_uses_vietnamese_separators():
    assert [format_value(v) for v in (1234567, 0.6, None, 1.0)] == [
        "1.234.567", "60,0", "-", "100,0"]


def test_an_empty_period_still_renders(database, office):
    report = reports.build_report(Period.month(2020, 1), now=AT_MID_DECEMBER)
    table = report_table(report, governing_body="", unit_name="Xã Tân Phú")
    assert table.lines[-1].values[-1] is None
    assert render_report(table, fonts=bundled_fonts()).startswith(b"%PDF")
    assert render_xlsx(table)[:2] == b"PK"


def test_cli_report_json_and_files(full_counter, database, tmp_path):
    motcua = [sys.executable, "-m", "ui.launcher", "--data-dir", str(database.parent)]
    xlsx, pdf = tmp_path / "nov.xlsx", tmp_path / "nov.pdf"
    args = ["report", "--month", "2026-11", "--json", "--xlsx", str(xlsx), "--pdf", str(pdf),
            "--as-of", MID_DECEMBER.isoformat()]
    result = subprocess.run([*motcua, *args], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {k: data[k] for k in NOVEMBER} == NOVEMBER
    assert data["period"] == "2026-11" and len(data["procedures"]) == 3
    assert xlsx.stat().st_size > 0 and pdf.read_bytes().startswith(b"%PDF")
    wrong = subprocess.run([*motcua, "report", "--quarter", "2026-13", "--json"],
                           capture_output=True, text=True, timeout=60)
    assert wrong.returncode != 0 and json.loads(wrong.stderr)["error"] == "invalid_period"
