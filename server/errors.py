"""Refusals of the API: an HTTP status, a stable English code, and a sentence for people.

Codes are part of the protocol (desks and scripts branch on them); the detail may change.
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exception_handlers import request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

API_PREFIX = "/api/v1"


class ApiError(Exception):
    def __init__(self, status: int, code: str, detail: str, **extra: Any) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.extra = extra

    def body(self) -> dict[str, Any]:
        return {"error": self.code, "detail": self.detail, **self.extra}


async def api_error_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
    return JSONResponse(exc.body(), status_code=exc.status, headers=headers)


async def validation_error_handler(request: Request, exc: Exception) -> Response:
    """A parameter the API cannot take (a header beyond its column, a query out of range) is
    refused in the API's own shape, naming it; the dashboard keeps FastAPI's answer."""
    assert isinstance(exc, RequestValidationError)
    if not request.url.path.startswith(API_PREFIX + "/"):
        return await request_validation_exception_handler(request, exc)
    first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
    where = " ".join(str(part) for part in first.get("loc", ()))
    error = ApiError(422, "invalid_request", f"{where}: {first.get('msg', '')}".strip(": "))
    return JSONResponse(error.body(), status_code=422)


class RefusedRecord(BaseModel):
    seq: int
    code: str
    detail: str


class ErrorBody(BaseModel):
    """Every refusal of the API: a stable code, a sentence, and for a push the records."""

    error: str
    detail: str
    refused: list[RefusedRecord] | None = None


ERROR_SCHEMA = {"title": "ApiError", "type": "object", "required": ["error", "detail"],
                "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
                "additionalProperties": True}


def document_errors(schema: dict[str, Any]) -> dict[str, Any]:
    """The API's OpenAPI document with its refusals in their real shape: FastAPI describes a
    422 as its own ``HTTPValidationError`` (validation_error_handler answers ``{"error",
    "detail"}`` instead) and the other refusals without a body, so neither a reader nor a
    fuzzer could check them."""
    schema.setdefault("components", {}).setdefault("schemas", {})["HTTPValidationError"] = \
        ERROR_SCHEMA
    for operation in (op for path in schema.get("paths", {}).values() for op in path.values()):
        for status, response in operation.get("responses", {}).items():
            if status[:1] in "45" and "content" not in response:
                response["content"] = {"application/json": {"schema": {
                    "$ref": "#/components/schemas/HTTPValidationError"}}}
    return schema
