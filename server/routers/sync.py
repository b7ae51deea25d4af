"""POST /api/v1/sync/push and GET /api/v1/sync/pull (DESIGN.md §3)."""

from __future__ import annotations

from typing import Annotated

import zstandard
from fastapi import APIRouter, Depends, Header, Query, Response
from pydantic import BaseModel

from models import db
from models.wire import PUSH_TYPES, media_type
from server import client_version
from server import pull as pull_service
from server.auth import authenticate, bearer_token
from server.clock import Clock
from server.errors import ApiError
from server.ingest.batch import ingest
from server.ingest.decode import MAX_SEQ, check_range, decompress, parse_lines
from server.ingest.shapes import INT32_MAX
from server.routers.body import push_body

router = APIRouter(prefix="/sync", tags=["sync"])
# What the desk reports as still waiting: the dashboard's INTEGER column.
Pending = Annotated[int | None, Header(ge=0, le=INT32_MAX)]
REFUSALS = {
    400: {"description": "bad_compression, malformed_body, empty_batch, batch_range_mismatch"},
    401: {"description": "missing_token, invalid_token"},
    403: {"description": "device_revoked"},
    409: {"description": "records_refused (a record_conflict among them); nothing applied"},
    413: {"description": "batch_too_large: halve the batch"},
    415: {"description": "unsupported_encoding, unsupported_media_type"},
    422: {"description": "records_refused: per-record codes; nothing applied"},
}


class PushAnswer(BaseModel):
    acked_seq: int
    applied: int
    duplicates: int


# The body is read raw (server.routers.body), so FastAPI would declare none: say what it is,
# so that the API's readers and a fuzzer (tests/server/test_fuzzing.py) reach it.
PUSH_BODY = {"requestBody": {"required": True, "description": (
    "One zstd frame (Content-Encoding: zstd) of NDJSON lines {\"seq\": n, \"record\": {...}}, "
    "at most 1 MB compressed (DESIGN.md §3)."), "content": {
        kind: {"schema": {"type": "string", "format": "binary"}} for kind in PUSH_TYPES}}}


@router.post("/push", responses=REFUSALS, openapi_extra=PUSH_BODY)  # type: ignore[arg-type]
def push(
    token: Annotated[str, Depends(bearer_token)],
    body: Annotated[bytes, Depends(push_body)],
    clock: Clock,
    content_type: Annotated[str | None, Header()] = None,
    content_encoding: Annotated[str | None, Header()] = None,
    x_motcua_batch: Annotated[str | None, Header(max_length=64)] = None,
    x_motcua_pending: Pending = None,
    desk_version: Annotated[str, Depends(client_version.desk_version)] = "",
) -> PushAnswer:
    with db.connection_context():
        device = authenticate(token)
        client_version.record(device, desk_version)
        if (content_encoding or "").lower() != "zstd":
            raise ApiError(415, "unsupported_encoding",
                           "send the batch with Content-Encoding: zstd")
        # A page in a browser can post text/plain or a form anywhere without asking first;
        # it cannot post these types, so a push is always a desk's.
        if media_type(content_type) not in PUSH_TYPES:
            raise ApiError(415, "unsupported_media_type",
                           "send the batch as " + " or ".join(PUSH_TYPES))
        lines = parse_lines(decompress(body))
        check_range(lines, x_motcua_batch)
        done = ingest(device, lines, x_motcua_pending, now=clock)
    return PushAnswer(acked_seq=done.acked_seq, applied=done.applied, duplicates=done.duplicates)


PULLED = {200: {"description": "the page of changes (zstd-compressed NDJSON)", "content": {
    "application/x-ndjson": {"schema": {"type": "string", "format": "binary"}}}}}


@router.get("/pull", response_class=Response,
            responses={**PULLED, 401: REFUSALS[401], 403: REFUSALS[403]})
def pull(
    token: Annotated[str, Depends(bearer_token)],
    clock: Clock,
    since: Annotated[int, Query(ge=0, le=MAX_SEQ)] = 0,
    limit: Annotated[int, Query(ge=1, le=pull_service.PAGE)] = pull_service.PAGE,
    own: Annotated[bool, Query()] = False,
    x_motcua_pending: Pending = None,
    desk_version: Annotated[str, Depends(client_version.desk_version)] = "",
) -> Response:
    """NDJSON, zstd-compressed: a header line ``{"cursor", "more", "server_time"}`` and then
    one line per change ``{"seq", "kind", "record"}`` (kind: catalogue, calendar, dossier,
    event). Store ``cursor`` with the applied changes; ask again while ``more``. ``own=true``
    adds the device's own records (a desk that restored a backup)."""
    with db.connection_context():
        device = authenticate(token)
        client_version.record(device, desk_version)
        page = pull_service.changes(device, since, limit, own)
        pull_service.touch(device, x_motcua_pending, now=clock)
    payload = b"\n".join([pull_service.header(page, now=clock), *page.lines]) + b"\n"
    return Response(zstandard.ZstdCompressor(level=6).compress(payload),
                    media_type="application/x-ndjson", headers={"Content-Encoding": "zstd"})
