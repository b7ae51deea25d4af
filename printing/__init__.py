"""The one-stop documents as PDF bytes: pure functions from plain data, no Qt, no database.

    render_receipt(ReceiptData, paper="a5") -> bytes     form 01, two copies
    render_slip(SupplementSlip | RefusalSlip | ApologySlip | ControlSlip) -> bytes  forms 02-05
    render_ledger(Ledger) -> bytes                       form 06, A4 landscape

Each takes an optional `fonts=` (default: system Times New Roman if complete, else the bundled
Crimson Text). Output is deterministic: the same data gives the same bytes.
"""

from printing.fonts import FontSet, bundled_fonts, default_fonts
from printing.forms import FormKind, FormTemplate, template_for
from printing.ledger import render_ledger
from printing.model import (
    ApologySlip,
    Applicant,
    ControlSlip,
    ControlStep,
    DocumentForm,
    DocumentLine,
    Ledger,
    LedgerEntry,
    Office,
    ReceiptData,
    RefusalSlip,
    ReturnMethod,
    Slip,
    SupplementSlip,
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
    "SupplementSlip",
    "bundled_fonts",
    "default_fonts",
    "render_ledger",
    "render_receipt",
    "render_slip",
    "template_for",
]
