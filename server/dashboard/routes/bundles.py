"""A USB bundle uploaded by hand: imported as if pushed, then a page saying what was applied
and what was refused and why, with the reply bundle to download and carry back."""

from __future__ import annotations

import base64
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import Response

from models import Commune, db
from models.bundle import MAGIC_PUSH, MAX_FILE, BundleError, read_header
from models.hub import Device
from server.bundles import import_bundle
from server.clock import Clock
from server.dashboard import csrf, texts, web
from server.errors import ApiError

router = APIRouter()
REASONS = {
    "bad_signature": "tệp không mở được bằng khóa của máy đã đăng ký (tệp bị sửa, bị cắt mất "
                     "một phần, hoặc sai máy).",
    "unknown_device": "tệp đến từ một máy chưa đăng ký với máy chủ này.",
    "device_revoked": "máy gửi tệp đã bị thu hồi quyền đồng bộ.",
}


@router.get("/bundles", response_model=None)
def upload_form(request: Request, clock: Clock) -> Response:
    with db.connection_context():
        who = web.viewer(request, clock)
        return web.page(request, "upload.html", who, error="", result=None)


@router.post("/bundles", response_model=None)
def upload(request: Request, clock: Clock, bundle: UploadFile | None = None,
           token: Annotated[str, Form(alias=csrf.FIELD)] = "") -> Response:
    with db.connection_context():
        who = web.viewer(request, clock)
        who.check(request, token)
        if bundle is None or not bundle.filename:
            return web.page(request, "upload.html", who, status_code=400, result=None,
                            error="Hãy chọn tệp .bundle do máy tiếp nhận xuất ra.")
        try:
            if (bundle.size or 0) > MAX_FILE:
                raise BundleError("invalid_bundle", "the file is larger than any bundle")
            blob = bundle.file.read()
            device = _device_of(blob)
            if device is not None:
                who.require_commune(device.commune_code)
            result = import_bundle(blob, now=clock)
        except (BundleError, ApiError) as exc:
            return web.page(request, "upload.html", who, status_code=400, result=None,
                            error=f"Không nhận được tệp «{bundle.filename}»: {_reason(exc)}")
        return web.page(request, "upload.html", who, error="", result=_shown(result, device,
                                                                            bundle.filename))


def _device_of(blob: bytes) -> Device | None:
    header = read_header(blob, MAGIC_PUSH)
    return Device.get_or_none(Device.id == str(header.get("device_id", "")))


def _shown(result: Any, device: Device | None, filename: str) -> dict[str, Any]:
    commune = Commune.get_or_none(Commune.code == device.commune_code) if device else None
    refused = [{"seq": r.get("seq"), "reason": texts.refusal(str(r.get("code", ""))),
                "detail": r.get("detail", "")} for r in result.refused]
    return {
        "filename": filename, "device": device.name if device else "",
        "commune": commune.name if commune else "", "applied": result.applied,
        "duplicates": result.duplicates, "refused": refused, "acked_seq": result.acked_seq,
        "reply": "data:application/octet-stream;base64," + base64.b64encode(result.reply)
        .decode(), "reply_name": f"motcua-reply-{result.acked_seq}.bundle",
    }


def _reason(exc: BundleError | ApiError) -> str:
    return REASONS.get(exc.code, "tệp không phải gói dữ liệu Một Cửa hoặc đã hỏng.")
