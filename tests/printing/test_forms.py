import json
from datetime import date

import pytest

from printing.forms import (
    FormKind,
    counter_name,
    has_form,
    parse_templates,
    set_in_force,
    shipped_templates,
    template_for,
)


def _numbers(on: date) -> dict[FormKind, str]:
    regulation = set_in_force(on)
    return {t.kind: t.number for t in shipped_templates() if t.regulation == regulation}


def test_dossiers_received_before_15_september_2025_follow_the_six_forms_of_2018():
    assert set_in_force(date(2025, 9, 14)) == "Thông tư 01/2018/TT-VPCP"
    assert _numbers(date(2025, 9, 14)) == {
        FormKind.RECEIPT: "01",
        FormKind.SUPPLEMENT: "02",
        FormKind.REFUSAL: "03",
        FormKind.APOLOGY: "04",
        FormKind.CONTROL: "05",
        FormKind.LEDGER: "06",
    }
    assert not has_form(FormKind.STOP, date(2025, 9, 14))


def test_dossiers_received_from_15_september_2025_follow_the_seven_forms_of_2025():
    day = date(2025, 9, 15)
    assert set_in_force(day) == "Thông tư 03/2025/TT-VPCP"
    assert _numbers(day) == {
        FormKind.RECEIPT: "01",
        FormKind.SUPPLEMENT: "02",
        FormKind.REFUSAL: "03",
        FormKind.EXTENSION: "04",
        FormKind.STOP: "05",
        FormKind.CONTROL: "06",
        FormKind.LEDGER: "07",
    }
    titles = {t.kind: t.title for t in shipped_templates() if t.regulation == set_in_force(day)}
    assert titles[FormKind.EXTENSION] == "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
    assert titles[FormKind.STOP] == "THÔNG BÁO DỪNG GIẢI QUYẾT HỒ SƠ"
    assert titles[FormKind.REFUSAL] == "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ"
    receipt = template_for(FormKind.RECEIPT, date(2026, 11, 23))
    assert (receipt.paper, receipt.orientation) == ("A5", "portrait")
    assert receipt.caption == "Mẫu số 01 - Thông tư 03/2025/TT-VPCP"
    ledger = template_for("ledger", date(2026, 11, 23))
    assert (ledger.number, ledger.paper, ledger.orientation) == ("07", "A4", "landscape")


def test_the_counter_is_named_by_the_decree_in_force_on_the_day():
    assert counter_name(date(2025, 6, 30), "xã Tân Phú") == "Bộ phận Tiếp nhận và Trả kết quả"
    assert counter_name(date(2025, 7, 1), "xã Tân Phú") == (
        "Trung tâm Phục vụ hành chính công xã Tân Phú"
    )


def _with_successor() -> tuple:
    document = {
        "sets": [
            {
                "regulation": "Old",
                "effective_from": "2018-08-21",
                "forms": [
                    {
                        "number": "04",
                        "kind": "apology",
                        "title": "OLD APOLOGY",
                        "paper": "A5",
                        "orientation": "portrait",
                    },
                    {
                        "number": "06",
                        "kind": "ledger",
                        "title": "OLD LEDGER",
                        "paper": "A4",
                        "orientation": "landscape",
                    },
                ],
            },
            {
                "regulation": "New",
                "effective_from": "2025-07-01",
                "forms": [
                    {
                        "number": "04",
                        "kind": "apology",
                        "title": "NEW APOLOGY",
                        "paper": "A4",
                        "orientation": "portrait",
                    },
                ],
            },
        ]
    }
    return parse_templates(json.dumps(document))


def test_template_in_force_is_the_latest_to_take_effect_by_the_date():
    templates = _with_successor()
    assert template_for("apology", date(2025, 6, 30), templates).title == "OLD APOLOGY"
    assert template_for("apology", date(2025, 7, 1), templates).title == "NEW APOLOGY"
    assert template_for("apology", date(2025, 7, 1), templates).number == "04"


def test_a_form_the_successor_does_not_replace_stays_in_force():
    assert template_for("ledger", date(2026, 1, 1), _with_successor()).title == "OLD LEDGER"


def test_a_date_before_every_set_gets_the_earliest_set():
    assert template_for("apology", date(2010, 1, 1), _with_successor()).title == "OLD APOLOGY"


def test_a_kind_without_any_template_is_an_error():
    with pytest.raises(LookupError):
        template_for("receipt", date(2026, 1, 1), _with_successor())
