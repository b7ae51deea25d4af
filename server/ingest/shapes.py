"""The shape every pushed record must have (models.wire, version 1), checked field by field.

A record that fails is refused with a stable code and the batch applies nothing; the desk parks
that record and sends the rest again.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictBool, ValidationError

from desk.workflow import EVENT_KINDS

UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Id = Annotated[str, Field(pattern=UUID)]
Code = Annotated[str, Field(min_length=1, max_length=16)]
Short = Annotated[str, Field(max_length=200)]
Text = Annotated[str, Field(max_length=4000)]
INT32_MAX = 2_147_483_647  # INTEGER columns: a larger number would fail the insert, not the check


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=False)


class ApplicantShape(Strict):
    id: Id
    name: Annotated[str, Field(min_length=1, max_length=200)]
    id_number: Annotated[str, Field(max_length=12)]
    phone: Annotated[str, Field(max_length=20)] = ""
    address: Text = ""
    email: Short = ""
    birth_date: dt.date | None = None
    sex: Annotated[str, Field(max_length=8)] = ""


class DocumentShape(Strict):
    id: Id
    position: Annotated[int, Field(ge=1, le=1000)]
    name: Annotated[str, Field(min_length=1, max_length=1000)]
    form: Annotated[str, Field(max_length=20)]
    quantity: Annotated[int, Field(ge=1, le=1000)]


class DossierShape(Strict):
    type: Literal["dossier"]
    v: Literal[1]
    id: Id
    commune_code: Code
    desk_id: Id
    code: Annotated[str, Field(min_length=1, max_length=48)]
    procedure_code: Annotated[str, Field(min_length=1, max_length=32)]
    received_at: AwareDatetime
    received_by: Short = ""
    channel: Annotated[str, Field(max_length=16)]
    return_method: Annotated[str, Field(max_length=16)]
    sets_count: Annotated[int, Field(ge=1, le=99)]
    fee_amount: Annotated[int, Field(ge=0, le=INT32_MAX)]
    note: Text = ""
    ledger_book: Annotated[str, Field(max_length=32)] = ""
    ledger_entry: Annotated[int, Field(ge=0, le=INT32_MAX)] = 0
    notify: StrictBool = False  # consent to notices; desks before schema 4 do not send it
    applicant: ApplicantShape
    documents: Annotated[list[DocumentShape], Field(max_length=100)]


class EventShape(Strict):
    type: Literal["event"]
    v: Literal[1]
    id: Id
    commune_code: Code
    dossier_id: Id
    kind: Literal[EVENT_KINDS]  # type: ignore[valid-type]
    at: AwareDatetime
    recorded_at: AwareDatetime
    hlc: Annotated[str, Field(pattern=r"^\d{15}-\d{6}$")]
    actor: Short = ""
    origin: Annotated[str, Field(max_length=16)] = "desk"
    note: Text = ""
    data: dict[str, Any]


class Refusal(Exception):
    """One record refused: ``code`` is stable, ``detail`` says which field and why."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


SHAPES: dict[str, type[Strict]] = {"dossier": DossierShape, "event": EventShape}


def check_shape(record: dict[str, Any]) -> None:
    shape = SHAPES.get(record.get("type", ""))
    if shape is None:
        raise Refusal("unknown_record_type", f"unknown record type {record.get('type')!r}")
    if record.get("v") != 1:
        raise Refusal("unsupported_version", f"wire version {record.get('v')!r} is not 1")
    try:
        shape.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise Refusal("invalid_record", f"{where}: {first['msg']}") from exc
    if record["type"] == "event":
        _check_event_data(record["kind"], record["data"])


def _check_event_data(kind: str, data: dict[str, Any]) -> None:
    """What the projection will read from the event must be there and well-formed."""
    needed = {"received": ("due_at", "deadline_at"), "supplemented": ("due_at", "deadline_at"),
              "rescheduled": ("due_at",)}.get(kind, ())
    for key in needed:
        _instant(kind, key, data.get(key))
    if kind == "rated" and data.get("rating") not in (1, 2, 3):
        raise Refusal("invalid_event_data", "rated: rating must be 1, 2 or 3")
    if kind == "corrected" and "field" in data and not isinstance(data.get("to"), str):
        raise Refusal("invalid_event_data", "corrected: 'to' must be text")


def _instant(kind: str, key: str, value: Any) -> None:
    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise Refusal("invalid_event_data", f"{kind}: {key} must be an ISO instant") from exc
    if parsed.tzinfo is None:
        raise Refusal("invalid_event_data", f"{kind}: {key} must carry its UTC offset")
