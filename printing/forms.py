"""The official form templates as versioned data, and the choice of the one in force on a date.

Regulations renumber and retitle the forms (the 2025 successor of Circular 01/2018 has seven),
so numbers, titles and paper sizes live in forms.json, one set per regulation with the date it
took effect, instead of in the renderers.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources


class FormKind(StrEnum):
    """What a form is for, stable across regulations (numbers and titles are not)."""

    RECEIPT = "receipt"
    SUPPLEMENT = "supplement"
    REFUSAL = "refusal"
    APOLOGY = "apology"
    CONTROL = "control"
    LEDGER = "ledger"


@dataclass(frozen=True)
class FormTemplate:
    """One form of one regulation: its number ("01"), title, paper and orientation."""

    kind: FormKind
    number: str
    title: str
    paper: str
    orientation: str
    regulation: str
    effective_from: date
    reference_suffix: str | None = None

    @property
    def caption(self) -> str:
        """The small print naming the form, e.g. "Mẫu số 01 - Thông tư 01/2018/TT-VPCP"."""
        return f"Mẫu số {self.number} - {self.regulation}"


def parse_templates(text: str) -> tuple[FormTemplate, ...]:
    """Read the templates of every set in a forms.json document."""
    document = json.loads(text)
    templates = []
    for form_set in document["sets"]:
        since = date.fromisoformat(form_set["effective_from"])
        for form in form_set["forms"]:
            templates.append(
                FormTemplate(
                    kind=FormKind(form["kind"]),
                    number=form["number"],
                    title=form["title"],
                    paper=form["paper"],
                    orientation=form["orientation"],
                    regulation=form_set["regulation"],
                    effective_from=since,
                    reference_suffix=form.get("reference_suffix"),
                )
            )
    return tuple(templates)


@cache
def shipped_templates() -> tuple[FormTemplate, ...]:
    """The templates shipped in printing/forms.json (read once)."""
    text = resources.files(__package__).joinpath("forms.json").read_text(encoding="utf-8")
    return parse_templates(text)


def template_for(
    kind: FormKind | str,
    on: date,
    templates: tuple[FormTemplate, ...] | None = None,
) -> FormTemplate:
    """The template of `kind` in force on `on`: the latest one that took effect by then.

    A date before every set (paper records entered late) gets the earliest set, because
    refusing to print an old dossier helps nobody.
    """
    candidates = [t for t in templates or shipped_templates() if t.kind == FormKind(kind)]
    if not candidates:
        raise LookupError(f"no template for form kind {kind!r}")
    candidates.sort(key=lambda t: t.effective_from)
    in_force = [t for t in candidates if t.effective_from <= on]
    return in_force[-1] if in_force else candidates[0]
