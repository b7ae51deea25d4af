"""POST /api/v1/bundles: a sealed USB bundle uploaded by a person or a script.

The answer is the sealed reply bundle (acknowledgements and pull data) for the desk to import.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response

from models import db
from models.bundle import MAX_FILE, BundleError
from server.bundles import import_bundle
from server.clock import Clock
from server.errors import ApiError
from server.routers.body import limited_body

router = APIRouter(tags=["bundles"])
MAX_UPLOAD = MAX_FILE


async def bundle_body(request: Request) -> bytes:
    return await limited_body(request, MAX_UPLOAD)


# Read raw (bundle_body), so declared here for the API's readers and the fuzzer.
BUNDLE_BODY = {"requestBody": {"required": True, "description": (
    "A sealed USB bundle as `motcua bundle export` writes it (models/bundle.py), at most 64 MB."),
    "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}}}


@router.post("/bundles", openapi_extra=BUNDLE_BODY, response_class=Response, responses={
    200: {"description": "the sealed reply bundle for the desk", "content": {
        "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
    400: {"description": "invalid_bundle, unknown_device"},
    403: {"description": "bad_signature, device_revoked"}})
def upload(body: Annotated[bytes, Depends(bundle_body)], clock: Clock) -> Response:
    try:
        with db.connection_context():
            result = import_bundle(body, now=clock)
    except BundleError as exc:
        status = 403 if exc.code in ("bad_signature", "device_revoked") else 400
        raise ApiError(status, exc.code, exc.detail) from exc
    return Response(result.reply, media_type="application/octet-stream", headers={
        "Content-Disposition": 'attachment; filename="motcua-reply.bundle"',
        "X-Motcua-Acked-Seq": str(result.acked_seq),
        "X-Motcua-Applied": str(result.applied),
        "X-Motcua-Refused": str(len(result.refused)),
    })
