"""Reading a request body with a ceiling, before any route code runs."""

from __future__ import annotations

from fastapi import Request
from starlette.requests import ClientDisconnect

from server.errors import ApiError
from server.ingest.decode import MAX_COMPRESSED


async def limited_body(request: Request, limit: int = MAX_COMPRESSED) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise ApiError(413, "batch_too_large", f"request body exceeds {limit} bytes")
    chunks, size = [], 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise ApiError(413, "batch_too_large", f"request body exceeds {limit} bytes")
            chunks.append(chunk)
    except ClientDisconnect as exc:
        # The line dropped mid-body: nothing was read completely, so nothing is applied.
        raise ApiError(400, "incomplete_body", "the connection closed before the body ended") \
            from exc
    return b"".join(chunks)


async def push_body(request: Request) -> bytes:
    return await limited_body(request)
