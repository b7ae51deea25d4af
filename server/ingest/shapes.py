"""The shape every pushed record must have (models.wire, version 1), checked field by field.

A record that fails is refused with a stable code and the batch applies nothing; the desk parks
that record and sends the rest again. Every value must be one a column, a clock and every
reader can hold: JSON types exactly as the desk writes them (strict: no "12" for 12, no 1.0 or
true for 1), instants as ISO text with an offset between 2000 and 2100, and the moments a desk
records (receipt, event, recording, hybrid clock) no later than the server's clock allows.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    TypeAdapter,
    ValidationError,
    ValidationInfo,
)
from pydantic_core import PydanticCustomError

from desk.clock import EARLIEST, LATEST, decode_hlc, wire_instant
from desk.workflow import DATA_INSTANTS, EVENT_KINDS
from models.replica import CORRECTABLE_FIELDS

UUID = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
Id = Annotated[str, Field(pattern=UUID)]
Code = Annotated[str, Field(min_length=1, max_length=16)]
Short = Annotated[str, Field(max_length=200)]
Text = Annotated[str, Field(max_length=4000)]
INT32_MAX = 2_147_483_647  # INTEGER columns: a larger number would fail the insert, not the check
# A desk's clock may run ahead of the server's by this much and its records are still taken:
# commune PCs keep bad time (DESIGN.md §3). Beyond it a far-future clock would win every
# comparison, so the record is refused; it is taken once the server's clock has caught up.
FUTURE_TOLERANCE = dt.timedelta(days=1)
IN_FUTURE = "in_future"  # the error type, refused as "stamped_in_future"


def _instant(value: str) -> str:
    wire_instant(value)
    return value


def _not_future(value: str, info: ValidationInfo) -> str:
    latest = _latest(info)
    if latest is not None and wire_instant(value) > latest:
        raise PydanticCustomError(IN_FUTURE, "lies more than a day ahead of the server's clock")
    return value


def _hlc(value: str, info: ValidationInfo) -> str:
    millis, _ = decode_hlc(value)
    if millis < _millis(EARLIEST):
        raise ValueError(f"clock stamp lies before {EARLIEST:%Y}")
    if millis > _millis(_latest(info) or LATEST):
        raise PydanticCustomError(IN_FUTURE, "clock stamp lies more than a day ahead of the "
                                  "server's clock")
    return value


def _millis(instant: dt.datetime) -> int:
    return int(instant.timestamp() * 1000)


def _latest(info: ValidationInfo) -> dt.datetime | None:
    now = (info.context or {}).get("now")
    return None if now is None else now + FUTURE_TOLERANCE


def _date(value: str) -> str:
    dt.date.fromisoformat(value)
    return value


Instant = Annotated[str, AfterValidator(_instant)]
Stamped = Annotated[str, AfterValidator(_instant), AfterValidator(_not_future)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class ApplicantShape(Strict):
    id: Id
    name: Annotated[str, Field(min_length=1, max_length=200)]
    id_number: Annotated[str, Field(max_length=12)]
    phone: Annotated[str, Field(max_length=20)] = ""
    address: Text = ""
    email: Short = ""
    birth_date: Annotated[str, AfterValidator(_date)] | None = None
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
    received_at: Stamped
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
    at: Stamped
    recorded_at: Stamped
    hlc: Annotated[str, Field(pattern=r"^\d{15}-\d{6}$"), AfterValidator(_hlc)]
    actor: Short = ""
    origin: Literal["desk", "server"] = "desk"
    note: Text = ""
    data: dict[str, Any]


class Refusal(Exception):
    """One record refused: ``code`` is stable, ``detail`` says which field and why."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


SHAPES: dict[str, type[Strict]] = {"dossier": DossierShape, "event": EventShape}


def check_shape(record: dict[str, Any], now: dt.datetime | None = None,
                origin: str = "desk") -> None:
    """Refuse ``record`` unless it has its type's shape; with ``now``, also refuse moments
    further ahead than FUTURE_TOLERANCE. An event must be of ``origin``: only the server
    writes events of origin "server" (server.events), so a desk cannot pass its own off as
    decided upstream."""
    kind = record.get("type")
    shape = SHAPES.get(kind) if isinstance(kind, str) else None
    if shape is None:
        raise Refusal("unknown_record_type", f"unknown record type {str(kind)[:40]!r}")
    version = record.get("v")
    if type(version) is not int or version != 1:  # 1.0 and true equal 1 in Python
        raise Refusal("unsupported_version", f"wire version {str(version)[:20]!r} is not 1")
    try:
        shape.model_validate(record, context={"now": now})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        code = "stamped_in_future" if first["type"] == IN_FUTURE else "invalid_record"
        raise Refusal(code, f"{where}: {first['msg']}") from exc
    if record["type"] == "event":
        if record.get("origin", "desk") != origin:
            raise Refusal("invalid_record", f"origin: events from here are of origin {origin!r}")
        _check_event_data(record["kind"], record["data"])


def _check_event_data(kind: str, data: dict[str, Any]) -> None:
    """What the projection, the forms and the corrections will read from the event must be
    there and hold in its column."""
    for key in DATA_INSTANTS.get(kind, ()):
        _data_instant(kind, key, data.get(key))
    if kind == "rated" and (type(data.get("rating")) is not int or data["rating"] not in (1, 2, 3)):
        raise Refusal("invalid_event_data", "rated: rating must be 1, 2 or 3")
    if kind == "corrected" and "field" in data:
        _check_correction(data)
    if kind == "supplement_requested" and "documents" in data:
        try:
            _DOCUMENT_LIST.validate_python(data["documents"])
        except ValidationError as exc:
            raise Refusal("invalid_event_data", "supplement_requested: documents must be a "
                          "list of at most 100 names") from exc


def _check_correction(data: dict[str, Any]) -> None:
    field, value = data.get("field"), data.get("to")
    if not isinstance(value, str):
        raise Refusal("invalid_event_data", "corrected: 'to' must be text")
    adapter = _CORRECTABLE.get(field) if isinstance(field, str) else None
    if adapter is None:
        return  # not a declared field: every side ignores it (models.replica)
    try:
        adapter.validate_python(value)
    except ValidationError as exc:
        raise Refusal("invalid_event_data",
                      f"corrected: 'to' does not fit the applicant's {field}") from exc


def _data_instant(kind: str, key: str, value: Any) -> None:
    if not isinstance(value, str):
        raise Refusal("invalid_event_data", f"{kind}: {key} must be an ISO instant")
    try:
        wire_instant(value)
    except ValueError as exc:
        raise Refusal("invalid_event_data", f"{kind}: {key} {exc}") from exc


def _field_adapter(model: type[BaseModel], name: str) -> TypeAdapter[Any]:
    """A validator for one field of ``model``, with its constraints, strictly typed."""
    info = model.model_fields[name]
    shape = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    return TypeAdapter(shape, config=ConfigDict(strict=True))


_CORRECTABLE = {name: _field_adapter(ApplicantShape, name) for name in CORRECTABLE_FIELDS}
_DOCUMENT_LIST = TypeAdapter(
    Annotated[list[Annotated[str, Field(max_length=1000)]], Field(max_length=100)],
    config=ConfigDict(strict=True))
