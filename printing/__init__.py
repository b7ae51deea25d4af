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

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the names as type checkers and readers see them
    from printing.fonts import (
        FontSet,
        bundled_fonts,
        default_fonts,
    )
    from printing.forms import (
        FormKind,
        FormTemplate,
        has_form,
        set_in_force,
        template_for,
    )
    from printing.layout import (
        counter_of,
    )
    from printing.ledger import (
        render_ledger,
    )
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
    from printing.receipt import (
        render_receipt,
    )
    from printing.slips import (
        render_slip,
    )

# Imported on first use (PEP 562): the server reads printing.forms (which form set a dossier
# follows) without reportlab, which only the desk installs.
_WHERE = {
    "ApologySlip": "printing.model",
    "Applicant": "printing.model",
    "ControlSlip": "printing.model",
    "ControlStep": "printing.model",
    "DocumentForm": "printing.model",
    "DocumentLine": "printing.model",
    "ExtensionSlip": "printing.model",
    "FontSet": "printing.fonts",
    "FormKind": "printing.forms",
    "FormTemplate": "printing.forms",
    "Ledger": "printing.model",
    "LedgerEntry": "printing.model",
    "Office": "printing.model",
    "ReceiptData": "printing.model",
    "RefusalSlip": "printing.model",
    "ReturnMethod": "printing.model",
    "Slip": "printing.model",
    "StopSlip": "printing.model",
    "SupplementSlip": "printing.model",
    "Verdict": "printing.model",
    "bundled_fonts": "printing.fonts",
    "counter_of": "printing.layout",
    "default_fonts": "printing.fonts",
    "has_form": "printing.forms",
    "render_ledger": "printing.ledger",
    "render_receipt": "printing.receipt",
    "render_slip": "printing.slips",
    "sentence_case_unit": "printing.model",
    "set_in_force": "printing.forms",
    "template_for": "printing.forms",
}


def __getattr__(name: str) -> object:
    if name not in _WHERE:
        raise AttributeError(f"module 'printing' has no attribute {name!r}")
    return getattr(importlib.import_module(_WHERE[name]), name)


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
