"""Issue #11 item 3: each copy of the receipt on one A5 page, checked with pdfinfo."""

import json
import re
from importlib import resources

import pytest

from printing import DocumentForm, DocumentLine, render_receipt
from tests.printing import samples
from tests.printing.conftest import needs_poppler, pdf_info, pdf_text, write


def catalogue():
    text = resources.files("desk").joinpath("data", "procedures.json").read_text("utf-8")
    return json.loads(text)["procedures"]


def pages(path) -> int:
    return int(pdf_info(path)["Pages"])


def six_documents(procedure) -> tuple[DocumentLine, ...]:
    names = [d["name"] for d in procedure["documents"]]
    names += [f"Giấy tờ khác kèm theo hồ sơ số {i}" for i in range(1, 7)]
    return tuple(DocumentLine(n, DocumentForm.CERTIFIED_COPY, 2) for n in names[:6])


LONGEST = sorted(catalogue(), key=lambda p: len(p["name"]), reverse=True)[:3]


@needs_poppler
@pytest.mark.parametrize("procedure", LONGEST, ids=[p["code"] for p in LONGEST])
def test_the_longest_procedures_with_six_documents_fit_one_a5_page_per_copy(
    tmp_path, fonts, procedure
):
    data = samples.receipt(procedure_name=procedure["name"], procedure_code=procedure["code"],
                           documents=six_documents(procedure))
    path = write(tmp_path, render_receipt(data, fonts=fonts))
    assert pages(path) == 2  # Liên 1 and Liên 2
    for page in (1, 2):
        text = pdf_text(path, page)
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Vào Sổ theo dõi hồ sơ" in text
        assert "Mẫu số 01 - Thông tư 03/2025/TT-VPCP" in text


@needs_poppler
def test_every_catalogue_procedure_with_its_first_six_documents_fits(tmp_path, fonts):
    too_long = []
    for procedure in catalogue():
        data = samples.receipt(procedure_name=procedure["name"],
                               procedure_code=procedure["code"],
                               documents=six_documents(procedure))
        path = write(tmp_path, render_receipt(data, fonts=fonts), f"{procedure['code']}.pdf")
        if pages(path) != 2:
            too_long.append(procedure["code"])
    assert too_long == []


@needs_poppler
def test_what_cannot_fit_flows_on_with_the_signatures_never_alone(tmp_path, fonts):
    documents = tuple(DocumentLine(f"Giấy tờ số {i:02d} kèm xác nhận của cơ quan có thẩm quyền",
                                   DocumentForm.COPY, 1) for i in range(1, 31))
    path = write(tmp_path, render_receipt(samples.receipt(documents=documents), fonts=fonts))
    per_copy = pages(path) // 2
    last = pdf_text(path, per_copy)
    assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in last
    # The ledger line and at least one numbered item travel with the signature block.
    assert "Vào Sổ theo dõi hồ sơ" in last
    assert re.search(r"Giấy tờ số \d\d|\d\. Thời gian", last)
