import json
from datetime import date

import pytest

from printing.forms import FormKind, parse_templates, shipped_templates, template_for


def test_shipped_templates_hold_the_six_forms_of_circular_01_2018():
    templates = shipped_templates()
    numbers = {t.kind: t.number for t in templates}
    assert numbers == {
        FormKind.RECEIPT: "01",
        FormKind.SUPPLEMENT: "02",
        FormKind.REFUSAL: "03",
        FormKind.APOLOGY: "04",
        FormKind.CONTROL: "05",
        FormKind.LEDGER: "06",
    }
    receipt = template_for(FormKind.RECEIPT, date(2026, 11, 23))
    assert receipt.title == "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ"
    assert (receipt.paper, receipt.orientation) == ("A5", "portrait")
    assert receipt.regulation == "Thông tư 01/2018/TT-VPCP"
    ledger = template_for("ledger", date(2026, 11, 23))
    assert (ledger.paper, ledger.orientation) == ("A4", "landscape")


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
