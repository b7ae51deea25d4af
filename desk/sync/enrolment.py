"""``motcua enroll``: trade the one-time code for a device id, keep the secret in the keyring."""

from __future__ import annotations

import logging

import httpx
import keyring.errors

from desk import credentials
from desk.clock import Now
from desk.context import load_context
from desk.errors import DomainError
from desk.sync.transport import Transport, error_code
from models import SyncState, db

log = logging.getLogger(__name__)
REFUSED = {
    "invalid_enrolment_code": "Mã đăng ký không đúng, đã được dùng hoặc đã hết hạn. "
                              "Hãy xin cấp trên một mã mới.",
    "commune_mismatch": "Mã đăng ký này dành cho xã/phường khác với xã/phường của máy này.",
}


def enroll(server_url: str, code: str, client: httpx.Client | None = None, *,
           now: Now) -> dict[str, str]:
    ctx = load_context(now=now)
    credentials.require_store()  # before the code is used up, not after
    previous = SyncState.get_or_none(SyncState.id == 1)
    transport = Transport(server_url, client=client, now=now)
    try:
        response = transport.call("POST", "/enrol", json={
            "code": code, "commune_code": ctx.commune_code,
            "name": f"{ctx.commune.name} — {ctx.desk.name}"})
    finally:
        if client is None:
            transport.close()
    if response.status_code != 200:
        reason = error_code(response)
        raise DomainError(reason or "enrolment_refused",
                          REFUSED.get(reason, "Máy chủ cấp trên từ chối đăng ký máy này."))
    answer = transport.answer(response, "device_id", "secret", "commune_code")
    credentials.store_secret(answer["device_id"], answer["secret"])
    _remember(server_url, answer["device_id"])
    if previous is not None and previous.device_id not in ("", answer["device_id"]):
        _forget(previous.device_id)
    done = {"device_id": answer["device_id"], "commune_code": answer["commune_code"],
            "server": server_url}
    warning = plain_http_warning(server_url)
    return {**done, "warning": warning} if warning else done


def plain_http_warning(server_url: str) -> str:
    """What to tell the clerk about an address without TLS (empty when it has TLS, or names
    this PC itself): the device's key and citizens' data would cross the line readable."""
    url = httpx.URL(server_url.strip())
    if url.scheme != "http" or url.host in ("localhost", "127.0.0.1", "::1"):
        return ""
    return ("Cảnh báo: địa chỉ máy chủ dùng http:// (không mã hoá). Khoá của máy và dữ liệu "
            "công dân sẽ đi trên đường truyền mà người khác có thể đọc được; hãy xin cấp trên "
            "địa chỉ https://.")


def _remember(server_url: str, device_id: str) -> None:
    """A new device starts its acknowledgements and pull cursor from zero."""
    row = {"server_url": server_url.rstrip("/"), "device_id": device_id, "acked_seq": 0,
           "pull_cursor": 0, "last_error": ""}
    with db.atomic():
        SyncState.insert(id=1, **row).on_conflict(
            conflict_target=[SyncState.id], update=row).execute()


def _forget(device_id: str) -> None:
    """The replaced device's secret is still a valid token upstream until an administrator
    revokes it: it must not stay behind in the keyring. The new enrolment already stands, so
    a keyring that refuses the deletion is logged, not raised."""
    try:
        credentials.delete_secret(device_id)
    except keyring.errors.KeyringError:
        log.warning("could not delete the replaced device's secret from the keyring")
