"""Text messages through an HTTP gateway: ``MOTCUA_SMS_URL``, ``MOTCUA_SMS_TOKEN``, and
``MOTCUA_SMS_API`` naming the request shape (default ``generic``).

Each shape is the provider's documented request for one message and its documented answer:

- ``generic``: POST JSON ``{"to": "+84912345678", "text": …}``, ``Authorization: Bearer
  TOKEN``; a 2xx answer with a JSON body (or none) is taken unless it holds ``"ok": false``
  or an ``"error"``.
- ``esms`` (eSMS.vn, SendMultipleMessage_V4_post_json): JSON with ApiKey, SecretKey (the
  token is ``APIKEY:SECRETKEY``), Phone, Content, Brandname (``MOTCUA_SMS_SENDER``), SmsType
  "2" (customer care), IsUnicode "0", RequestId; taken when CodeResult is "100".
- ``speedsms`` (SpeedSMS, /index.php/sms/send): HTTP Basic with the token as user, JSON
  ``{"to": ["84…"], "content", "sms_type", "sender"}``; taken when status is "success" and
  code "00".
- ``viettel`` (Viettel SMS Brandname, SOAP ``wsCpMt`` at the URL Viettel gives): the token is
  ``USER:PASSWORD:CPCODE``, the brand name is ServiceID; taken when ``<result>`` is 1.
- ``zalo`` (Zalo Notification Service, /message/template): header ``access_token``, JSON
  ``{"phone": "84…", "template_id": MOTCUA_ZNS_TEMPLATE, "template_data": {…}, "tracking_id"}``
  with Vietnamese text in the template's parameters; taken when ``error`` is 0.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

import httpx

from server.notices import kinds, texts
from server.notices.channel import ChannelError
from server.notices.outbox import Delivery, international

TIMEOUT = httpx.Timeout(15.0, connect=5.0)
REFUSALS = (400, 404, 422)  # the gateway says this very message is wrong: do not repeat it


@dataclass(frozen=True)
class SmsConfig:
    url: str
    token: str = ""
    api: str = "generic"
    sender: str = ""  # the registered brand name
    template: str = ""  # Zalo: the approved template's id


@dataclass(frozen=True)
class Outgoing:
    """One request to a gateway, and how to read its answer."""

    headers: dict[str, str]
    body: bytes
    accepted: Callable[[httpx.Response], str]  # "" when taken, else the gateway's reason
    auth: tuple[str, str] | None = None


def _generic(c: SmsConfig, d: Delivery) -> Outgoing:
    body = {"to": "+" + international(d.address), "text": texts.sms(d.facts)}
    headers = {"Authorization": f"Bearer {c.token}"} if c.token else {}
    return Outgoing(headers, _json(body), _generic_answer)


def _generic_answer(response: httpx.Response) -> str:
    if not response.content.strip():
        return ""
    answer = _parsed(response)
    if not isinstance(answer, dict):
        return "không phải một đối tượng JSON"
    if answer.get("ok") is False or answer.get("error"):
        return str(answer.get("error") or answer.get("message") or "ok: false")[:200]
    return ""


def _esms(c: SmsConfig, d: Delivery) -> Outgoing:
    key, _, secret = c.token.partition(":")
    body = {"ApiKey": key, "SecretKey": secret, "Phone": d.address,
            "Content": texts.sms(d.facts), "Brandname": c.sender, "SmsType": "2",
            "IsUnicode": "0", "RequestId": _request_id(d)}
    return Outgoing({}, _json(body), _coded("CodeResult", "100", "ErrorMessage"))


def _speedsms(c: SmsConfig, d: Delivery) -> Outgoing:
    body = {"to": [international(d.address)], "content": texts.sms(d.facts),
            "sms_type": 3 if c.sender else 4, "sender": c.sender}
    check = _coded("code", "00", "message")

    def accepted(response: httpx.Response) -> str:
        return check(response) or ("" if _parsed(response).get("status") == "success"
                                   else "status không phải success")

    return Outgoing({}, _json(body), accepted, auth=(c.token, "x"))


def _viettel(c: SmsConfig, d: Delivery) -> Outgoing:
    user, password, cp_code = (c.token.split(":", 2) + ["", ""])[:3]
    phone = international(d.address)
    fields = {"User": user, "Password": password, "CPCode": cp_code, "RequestID": "1",
              "UserID": phone, "ReceiverID": phone, "ServiceID": c.sender,
              "CommandCode": "bulksms", "Content": texts.sms(d.facts), "ContentType": "0"}
    inner = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields.items())
    envelope = ('<soapenv:Envelope xmlns:soapenv='
                '"http://schemas.xmlsoap.org/soap/envelope/" xmlns:impl="http://impl.bulkSms.ws/">'
                f"<soapenv:Header/><soapenv:Body><impl:wsCpMt>{inner}</impl:wsCpMt>"
                "</soapenv:Body></soapenv:Envelope>")
    return Outgoing({"Content-Type": "text/xml; charset=utf-8", "SOAPAction": ""},
                    envelope.encode(), _viettel_answer)


def _viettel_answer(response: httpx.Response) -> str:
    found = re.search(r"<result>\s*(-?\d+)\s*</result>", response.text)
    if found is None:
        raise ChannelError(_garbage("không có <result>"))
    if found.group(1) == "1":
        return ""
    said = re.search(r"<message>(.*?)</message>", response.text, re.S)
    return f"result {found.group(1)}: {said.group(1).strip()[:200] if said else ''}".strip()


def _zalo(c: SmsConfig, d: Delivery) -> Outgoing:
    body = {"phone": international(d.address), "template_id": c.template,
            "template_data": texts.zns_fields(d.facts), "tracking_id": _request_id(d)}
    return Outgoing({"access_token": c.token}, _json(body), _coded("error", 0, "message"))


SHAPES: dict[str, Callable[[SmsConfig, Delivery], Outgoing]] = {
    "generic": _generic, "esms": _esms, "speedsms": _speedsms, "viettel": _viettel,
    "zalo": _zalo,
}
DEFAULT_URLS = {
    "esms": "https://rest.esms.vn/MainService.svc/json/SendMultipleMessage_V4_post_json/",
    "speedsms": "https://api.speedsms.vn/index.php/sms/send",
    "zalo": "https://business.openapi.zalo.me/message/template",
}


def _json(body: dict[str, Any]) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


def _request_id(d: Delivery) -> str:
    """The notice's own key: a gateway that drops repeated ids drops our retries of a message
    it already took (eSMS and Zalo do, within their windows)."""
    return f"motcua-{d.notice.id}"


def _parsed(response: httpx.Response) -> Any:
    try:
        return response.json()
    except (ValueError, UnicodeDecodeError) as exc:
        raise ChannelError(_garbage("không phải JSON")) from exc


def _garbage(what: str) -> str:
    return f"Cổng SMS trả lời không hiểu được ({what})."


def _coded(field: str, ok: object, message: str) -> Callable[[httpx.Response], str]:
    def accepted(response: httpx.Response) -> str:
        answer = _parsed(response)
        if not isinstance(answer, dict) or field not in answer:
            raise ChannelError(_garbage(f"không có {field}"))
        if str(answer[field]) == str(ok):
            return ""
        return f"{field} {answer[field]}: {str(answer.get(message, ''))[:200]}".strip()
    return accepted


class SmsChannel:
    name = kinds.SMS

    def __init__(self, config: SmsConfig | None, problem: str = "",
                 client: httpx.Client | None = None) -> None:
        self.config = config
        self._problem = problem or ("" if config else
                                    "Chưa cấu hình cổng SMS (MOTCUA_SMS_URL).")
        self.client = client or httpx.Client(timeout=TIMEOUT, follow_redirects=False)

    def problem(self) -> str:
        if self._problem:
            return self._problem
        assert self.config is not None
        if self.config.api == "zalo" and not self.config.template:
            return "Chưa cấu hình mẫu tin Zalo (MOTCUA_ZNS_TEMPLATE)."
        return ""

    def send(self, delivery: Delivery, *, now: dt.datetime) -> None:
        assert self.config is not None
        outgoing = SHAPES[self.config.api](self.config, delivery)
        try:
            response = self.client.post(
                self.config.url, content=outgoing.body, auth=outgoing.auth,
                headers={"Content-Type": "application/json", **outgoing.headers})
        except httpx.TimeoutException as exc:
            raise ChannelError("Cổng SMS không trả lời kịp (quá 15 giây).") from exc
        except httpx.HTTPError as exc:
            raise ChannelError(f"Không kết nối được cổng SMS: {exc or type(exc).__name__}."
                               ) from exc
        if response.status_code >= 300:
            raise ChannelError(f"Cổng SMS từ chối (HTTP {response.status_code}): "
                               f"{response.text.strip()[:200]}",
                               permanent=response.status_code in REFUSALS)
        reason = outgoing.accepted(response)
        if reason:
            raise ChannelError(f"Cổng SMS không nhận tin: {reason}")
