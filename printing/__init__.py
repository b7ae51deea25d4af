"""The one-stop documents as PDF bytes: pure functions from plain data, no Qt, no database.

    render_receipt(ReceiptData, paper="a5") -> bytes     form 01, two copies
    render_slip(Slip) -> bytes        supplement, refusal, apology (2018) or extension (2025),
                                      stop (2025), control slip
    render_ledger(Ledger) -> bytes    the ledger, A4 landscape

Each document uses the form set in force on the dossier's receipt date (printing/forms.json:
Thông tư 01/2018/TT-VPCP, then Thông tư 03/2025/TT-VPCP from 15/9/2025).

Each takes an optional `fonts=` (default: system Times New Roman if complete, else the bundled
Crimson Text). Output is deterministic: the same data gives the same bytes.
"""

from printing.fonts import FontSet, bundled_fonts, default_fonts
from printing.forms import FormKind, FormTemplate, has_form, set_in_force, template_for
from printing.layout import counter_of
from printing.ledger import render_ledger
from printing.model import (
    ApologySlip,
    Applicant,
    ControlSlip,
    ControlStep,
    DocumentForm,
    DocumentLine,
    ExtensionSlip,
    Ledger,
    LedgerEntry,
    Office,
    ReceiptData,
    RefusalSlip,
    ReturnMethod,
    Slip,
    StopSlip,
    SupplementSlip,
    Verdict,
    sentence_case_unit,
)
from printing.receipt import render_receipt
from printing.slips import render_slip

__all__ = [
    "Applicant",
    "ApologySlip",
    "ControlSlip",
    "ControlStep",
    "DocumentForm",
    "DocumentLine",
    "ExtensionSlip",
    "FontSet",
    "FormKind",
    "FormTemplate",
    "Ledger",
    "LedgerEntry",
    "Office",
    "ReceiptData",
    "RefusalSlip",
    "ReturnMethod",
    "Slip",
    "StopSlip",
    "SupplementSlip",
    "Verdict",
    "bundled_fonts",
    "counter_of",
    "has_form",
    "set_in_force",
    "default_fonts",
    "render_ledger",
    "render_receipt",
    "render_slip",
    "sentence_case_unit",
    "template_for",
]
