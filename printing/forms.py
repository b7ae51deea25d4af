"""The official form templates as versioned data, and the choice of the one in force on a date.

Regulations renumber and retitle the forms (Circular 01/2018 had six, its 2025 successor has
seven), so numbers, titles, paper sizes, fixed notes and the name of the commune's counter live
in forms.json, one set per regulation with the date it took effect, instead of in the renderers.
A dossier's documents follow the set in force on its receipt date.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import cache
from importlib import resources
from typing import Any


class FormKind(StrEnum):
    """What a form is for, stable across regulations (numbers and titles are not)."""

    RECEIPT = "receipt"
    SUPPLEMENT = "supplement"
    REFUSAL = "refusal"
    APOLOGY = "apology"  # 2018 form 04: apology and new appointment
    EXTENSION = "extension"  # 2025 form 04: apology and request to extend the time
    STOP = "stop"  # 2025 form 05: notice that processing stopped
    CONTROL = "control"
    LEDGER = "ledger"


class Issuer(StrEnum):
    """Who issues a form, which decides its header (Decree 30/2020: governing body over issuer).

    COUNTER: the one-stop counter under the commune's People's Committee; AUTHORITY: the
    People's Committee itself (the apology or extension and the stop notice are its decisions).
    """

    COUNTER = "counter"
    AUTHORITY = "authority"


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
    issuer: Issuer = Issuer.COUNTER
    notes: tuple[str, ...] = ()

    @property
    def caption(self) -> str:
        """The small print naming the form, e.g. "Mẫu số 01 - Thông tư 03/2025/TT-VPCP"."""
        return f"Mẫu số {self.number} - {self.regulation}"


@dataclass(frozen=True)
class CounterName:
    """The name the commune's one-stop counter has from a date; {commune} is "xã Tân Phú"."""

    effective_from: date
    pattern: str
    source: str = ""

    def for_commune(self, commune: str) -> str:
        return " ".join(self.pattern.replace("{commune}", commune).split())


def _template(form_set: dict[str, Any], form: dict[str, Any]) -> FormTemplate:
    return FormTemplate(
        kind=FormKind(form["kind"]),
        number=form["number"],
        title=form["title"],
        paper=form["paper"],
        orientation=form["orientation"],
        regulation=form_set["regulation"],
        effective_from=date.fromisoformat(form_set["effective_from"]),
        reference_suffix=form.get("reference_suffix"),
        issuer=Issuer(form.get("issuer", "counter")),
        notes=tuple(form.get("notes", ())),
    )


def parse_templates(text: str) -> tuple[FormTemplate, ...]:
    """Read the templates of every set in a forms.json document."""
    document = json.loads(text)
    return tuple(_template(s, f) for s in document["sets"] for f in s["forms"])


def _shipped_text() -> str:
    return resources.files(__package__).joinpath("forms.json").read_text(encoding="utf-8")


@cache
def shipped_templates() -> tuple[FormTemplate, ...]:
    """The templates shipped in printing/forms.json (read once)."""
    return parse_templates(_shipped_text())


@cache
def shipped_counter_names() -> tuple[CounterName, ...]:
    document = json.loads(_shipped_text())
    names = [
        CounterName(date.fromisoformat(c["effective_from"]), c["name"], c.get("source", ""))
        for c in document["counters"]
    ]
    return tuple(sorted(names, key=lambda c: c.effective_from))


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


def set_in_force(on: date, templates: tuple[FormTemplate, ...] | None = None) -> str:
    """The regulation whose forms a dossier received on `on` follows."""
    every = sorted(templates or shipped_templates(), key=lambda t: t.effective_from)
    in_force = [t for t in every if t.effective_from <= on] or every[:1]
    return in_force[-1].regulation


def has_form(kind: FormKind | str, on: date) -> bool:
    """Whether the set in force on `on` has a form of `kind` (2018 has no stop notice)."""
    regulation = set_in_force(on)
    return any(t.kind == FormKind(kind) and t.regulation == regulation
               for t in shipped_templates())


def counter_name(on: date, commune: str) -> str:
    """The counter's default name on `on` for `commune` ("xã Tân Phú")."""
    names = shipped_counter_names()
    in_force = [n for n in names if n.effective_from <= on] or list(names[:1])
    return in_force[-1].for_commune(commune)
