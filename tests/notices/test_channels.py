"""Sending for real: an aiosmtpd server with STARTTLS or TLS and a login, a local HTTP gateway;
and every way they fail (down, slow, refusing, answering garbage) leaves the notice waiting."""

import base64
import contextlib
import socket
import threading
import time

import httpx
import pytest

from models.hub import Notice
from server.notices import config, kinds
from server.notices.mail import EmailChannel, SmtpConfig
from server.notices.sender import NoticeSender
from server.notices.sms import SmsChannel, SmsConfig
from tests.notices.gateway import http_gateway
from tests.notices.mailbox import mail_server
from tests.notices.province import BOTH, EMAIL_ONLY
from tests.sync.harness import bound, free_port

SENDER = "Một Cửa Tân Phú <motcua@tanphu.example.vn>"


def result_ready(province, clock, person=BOTH):
    code = province.receive(clock, person=person, steps=("result_ready",))
    province.push(clock)
    return code


def run(province, channel, clock):
    with province.session():
        NoticeSender(channel, clock, poll=0.05).run_once()
    return notice(province, channel.name)


def notice(province, channel):
    with province.session():
        return Notice.get(Notice.channel == channel)


def email_channel(box, scheme="smtp", **changes):
    url = box.url(scheme) + changes.pop("query", "")
    return config.email_channel({"MOTCUA_SMTP_URL": url, "MOTCUA_MAIL_FROM": SENDER,
                                 "MOTCUA_SMTP_CAFILE": str(box.cafile), **changes})


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # see mailbox.py
@pytest.mark.parametrize("scheme", ["smtp", "smtps"])
def test_the_email_goes_over_tls_with_a_login_in_vietnamese_as_text_and_html(
        province, clock, tmp_path, scheme):
    code = result_ready(province, clock)
    with mail_server(tmp_path, implicit_tls=scheme == "smtps") as box:
        sent = run(province, email_channel(box, scheme), clock)
    assert (sent.state, sent.attempts, sent.sent_at) == (kinds.SENT, 1, clock()), sent.last_error
    [message] = box.messages
    assert message["To"] == "duc@example.vn"
    assert message["Subject"] == f"[UBND xã Tân Phú] Hồ sơ {code} đã có kết quả"
    assert message["Auto-Submitted"] == "auto-generated"
    plain = message.get_body(("plain",)).get_content()
    page = message.get_body(("html",)).get_content()
    assert "Kính gửi ông/bà Đặng Văn Đức," in plain
    assert "đã có kết quả giải quyết từ 10:00 ngày 23/11/2026" in plain
    assert f"<b>{code}</b>" in page and "Đăng ký khai sinh" in page


def test_a_lookup_link_and_the_hotline_go_in_the_email_when_the_province_set_them(
        province, clock, tmp_path):
    from server import settings
    with province.session():
        settings.put("lookup_url", "https://motcua.example.gov.vn/tra-cuu?ma={code}", now=clock())
        settings.put("hotline", "0251 3822 123", now=clock())
    code = result_ready(province, clock)
    with mail_server(tmp_path) as box:
        run(province, email_channel(box), clock)
    plain = box.messages[0].get_body(("plain",)).get_content()
    assert f"https://motcua.example.gov.vn/tra-cuu?ma={code}" in plain
    assert "Đường dây nóng: 0251 3822 123" in plain


def test_a_refused_address_fails_for_good_with_the_servers_words(province, clock, tmp_path):
    result_ready(province, clock, EMAIL_ONLY)
    with mail_server(tmp_path) as box:
        box.refuse.add("an@example.vn")
        failed = run(province, email_channel(box), clock)
    assert failed.state == kinds.FAILED
    assert "từ chối địa chỉ nhận (550" in failed.last_error and "User unknown" in failed.last_error


def test_a_wrong_password_waits_for_the_administrator_to_fix_it(province, clock, tmp_path):
    result_ready(province, clock, EMAIL_ONLY)
    with mail_server(tmp_path) as box:
        url = box.url().replace("mật-khẩu-thư", "sai")
        channel = config.email_channel({"MOTCUA_SMTP_URL": url, "MOTCUA_MAIL_FROM": SENDER,
                                        "MOTCUA_SMTP_CAFILE": str(box.cafile)})
        waiting = run(province, channel, clock)
    assert waiting.state == kinds.PENDING and "từ chối đăng nhập" in waiting.last_error


def test_a_server_that_offers_no_starttls_gets_no_password(province, clock):
    result_ready(province, clock, EMAIL_ONLY)
    with fake_smtp(b"220 relay ESMTP\r\n", ehlo=b"250-relay\r\n250 AUTH PLAIN LOGIN\r\n") as port:
        channel = EmailChannel(SmtpConfig("127.0.0.1", port, "u", "p", sender=SENDER))
        waiting = run(province, channel, clock)
    assert waiting.state == kinds.PENDING and "không hỗ trợ STARTTLS" in waiting.last_error


def test_a_certificate_the_server_cannot_prove_stops_the_send(province, clock, tmp_path):
    result_ready(province, clock, EMAIL_ONLY)
    with mail_server(tmp_path) as box:
        channel = config.email_channel({"MOTCUA_SMTP_URL": box.url(),
                                        "MOTCUA_MAIL_FROM": SENDER})  # the system's CAs only
        waiting = run(province, channel, clock)
    assert waiting.state == kinds.PENDING and "mã hoá" in waiting.last_error
    assert box.messages == []


@pytest.mark.parametrize(("greeting", "words"), [
    (None, "Không gửi được qua máy chủ thư"),  # nothing listens on the port
    (b"", "không trả lời trong 1 giây"),  # accepts, then says nothing
    (b"HTTP/1.1 400 Bad Request\r\n\r\n", "không đúng giao thức SMTP"),  # garbage
    (b"421 4.3.2 Service not available, closing\r\n", "không nhận thư (421 4.3.2"),
])
def test_a_mail_server_down_slow_or_talking_nonsense_leaves_the_notice_waiting(
        province, clock, greeting, words):
    result_ready(province, clock, EMAIL_ONLY)
    with fake_smtp(greeting) as port:
        channel = EmailChannel(SmtpConfig("127.0.0.1", port, sender=SENDER, timeout=1.0))
        waiting = run(province, channel, clock)
    assert waiting.state == kinds.PENDING, waiting.last_error
    assert words in waiting.last_error
    assert waiting.attempts == 1
    assert (waiting.next_attempt_at - clock()).total_seconds() == 60


def test_no_mail_server_configured_says_so_and_counts_no_attempt(province, clock):
    result_ready(province, clock, EMAIL_ONLY)
    waiting = run(province, config.email_channel({}), clock)
    assert waiting.state == kinds.PENDING and waiting.attempts == 0
    assert waiting.last_error == "Chưa cấu hình máy chủ thư (MOTCUA_SMTP_URL)."


@contextlib.contextmanager
def fake_smtp(greeting: bytes | None, ehlo: bytes = b""):
    """A socket that is not a mail server: closed (None), mute (b""), or saying ``greeting``
    and, if given, answering EHLO with ``ehlo`` and anything else with 502."""
    port = free_port()
    if greeting is None:
        yield port
        return
    listener = socket.create_server(("127.0.0.1", port))
    stop = threading.Event()

    def serve():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                if greeting:
                    conn.sendall(greeting)
                conn.settimeout(3)
                with contextlib.suppress(OSError):
                    while line := conn.recv(1024):
                        if not greeting:
                            continue
                        conn.sendall(ehlo if ehlo and line.upper().startswith(b"EHLO")
                                     else b"502 5.5.2 Error: command not recognized\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield port
    finally:
        stop.set()
        thread.join(5)
        listener.close()


# ------------------------------------------------------------------ text messages

def sms_channel(gateway, api="generic", **env):
    return config.sms_channel({"MOTCUA_SMS_URL": gateway.url, "MOTCUA_SMS_TOKEN": "s3cret-token",
                               "MOTCUA_SMS_API": api, **env})


def test_the_generic_gateway_gets_one_gsm7_segment_without_diacritics(province, clock):
    code = result_ready(province, clock)
    with http_gateway() as gateway:
        sent = run(province, sms_channel(gateway), clock)
    assert sent.state == kinds.SENT
    [request] = gateway.requests
    assert request.headers["Authorization"] == "Bearer s3cret-token"
    body = request.json()
    assert body["to"] == "+84912345678"
    assert body["text"] == (f"UBND xa Tan Phu: ho so {code} da co ket qua ngay 23/11/2026, "
                            "moi ong/ba den nhan")
    assert body["text"].isascii() and len(body["text"]) <= 160


@pytest.mark.parametrize(("status", "answer", "kind", "words"), [
    (503, "Service Unavailable", "json", "HTTP 503"),
    (200, "<html><body>Welcome to the hotel Wi-Fi</body></html>", "text/html",
     "không hiểu được"),
    (200, {"ok": False, "error": "balance exhausted"}, "json", "balance exhausted"),
    (401, {"error": "bad token"}, "json", "HTTP 401"),
])
def test_a_gateway_down_refusing_or_answering_garbage_leaves_the_text_waiting(
        province, clock, status, answer, kind, words):
    result_ready(province, clock)
    with http_gateway() as gateway:
        gateway.answers(status, answer, "application/json" if kind == "json" else kind)
        waiting = run(province, sms_channel(gateway), clock)
    assert waiting.state == kinds.PENDING and words in waiting.last_error


def test_a_gateway_that_says_the_message_itself_is_wrong_is_not_asked_again(province, clock):
    result_ready(province, clock)
    with http_gateway() as gateway:
        gateway.answers(400, {"error": "invalid destination"})
        failed = run(province, sms_channel(gateway), clock)
    assert failed.state == kinds.FAILED and "HTTP 400" in failed.last_error


def test_a_gateway_that_is_not_listening_leaves_the_text_waiting(province, clock):
    result_ready(province, clock)
    channel = config.sms_channel({"MOTCUA_SMS_URL": f"http://127.0.0.1:{free_port()}/sms"})
    waiting = run(province, channel, clock)
    assert waiting.state == kinds.PENDING and "Không kết nối được cổng SMS" in waiting.last_error


def test_a_slow_gateway_costs_one_attempt_and_blocks_no_email(province, clock, tmp_path):
    """The e-mail sender delivers while the SMS sender is stuck on a gateway that hangs."""
    result_ready(province, clock)
    with http_gateway() as gateway, mail_server(tmp_path) as box:
        gateway.answers(200, {"ok": True}, delay=3.0)
        slow = SmsChannel(SmsConfig(url=gateway.url),
                          client=httpx.Client(timeout=httpx.Timeout(1.5)))
        senders = [NoticeSender(slow, clock, poll=0.05),
                   NoticeSender(email_channel(box), clock, poll=0.05)]
        with bound(province.database):
            started = time.monotonic()
            for sender in senders:
                sender.start()
            while not box.messages and time.monotonic() - started < 10:
                time.sleep(0.05)
            mailed = time.monotonic() - started
            while not notice(province, "sms").last_error and time.monotonic() - started < 10:
                time.sleep(0.05)
            for sender in senders:
                sender.stop()
    assert box.messages and mailed < 1.5  # before the gateway's timeout ran out
    waiting = notice(province, "sms")
    assert waiting.state == kinds.PENDING and "không trả lời kịp" in waiting.last_error


# ------------------------------------------------------------------ the providers' shapes

def _one(province, clock, gateway, api, **env):
    result_ready(province, clock)
    sent = run(province, sms_channel(gateway, api, **env), clock)
    return sent, gateway.requests[0]


def test_esms_gets_its_documented_request_and_its_success_code(province, clock):
    with http_gateway() as gateway:
        gateway.answers(200, {"CodeResult": "100", "SMSID": "d533459e"})
        sent, request = _one(province, clock, gateway, "esms", MOTCUA_SMS_TOKEN="KEY:SECRET",
                             MOTCUA_SMS_SENDER="UBNDTANPHU")
    body = request.json()
    assert sent.state == kinds.SENT
    assert {k: body[k] for k in ("ApiKey", "SecretKey", "Phone", "Brandname", "SmsType",
                                 "IsUnicode")} == {
        "ApiKey": "KEY", "SecretKey": "SECRET", "Phone": "0912345678",
        "Brandname": "UBNDTANPHU", "SmsType": "2", "IsUnicode": "0"}
    assert body["RequestId"] == f"motcua-{sent.id}" and "da co ket qua" in body["Content"]


def test_esms_refusing_says_its_code(province, clock):
    with http_gateway() as gateway:
        gateway.answers(200, {"CodeResult": "104", "ErrorMessage": "Brand name code is not exist"})
        waiting, _ = _one(province, clock, gateway, "esms", MOTCUA_SMS_TOKEN="K:S")
    assert waiting.state == kinds.PENDING
    assert "CodeResult 104: Brand name code is not exist" in waiting.last_error


def test_speedsms_gets_basic_auth_and_its_documented_body(province, clock):
    with http_gateway() as gateway:
        gateway.answers(200, {"status": "success", "code": "00", "data": {"tranId": 1}})
        sent, request = _one(province, clock, gateway, "speedsms", MOTCUA_SMS_TOKEN="tok",
                             MOTCUA_SMS_SENDER="TANPHU")
    assert sent.state == kinds.SENT
    assert request.headers["Authorization"] == "Basic " + base64.b64encode(b"tok:x").decode()
    body = request.json()
    assert body["to"] == ["84912345678"] and body["sms_type"] == 3 and body["sender"] == "TANPHU"


def test_viettel_gets_its_soap_call_and_reads_its_result(province, clock):
    with http_gateway() as gateway:
        gateway.answers(200, '<S:Envelope xmlns:S="http://schemas.xmlsoap'
                        '.org/soap/envelope/"><S:Body><ns2:wsCpMtResponse xmlns:ns2="http://impl.'
                        'bulkSms.ws/"><return><message>Insert MT_QUEUE: OK</message><result>1'
                        "</result></return></ns2:wsCpMtResponse></S:Body></S:Envelope>",
                        "text/xml")
        sent, request = _one(province, clock, gateway, "viettel",
                             MOTCUA_SMS_TOKEN="smsbrand_tanphu:pa<ss:TANPHU_CP",
                             MOTCUA_SMS_SENDER="UBND-TANPHU")
    assert sent.state == kinds.SENT
    body = request.body.decode()
    assert "<impl:wsCpMt><User>smsbrand_tanphu</User><Password>pa&lt;ss</Password>" in body
    assert "<CPCode>TANPHU_CP</CPCode>" in body and "<ReceiverID>84912345678</ReceiverID>" in body
    assert "<ServiceID>UBND-TANPHU</ServiceID><CommandCode>bulksms</CommandCode>" in body


def test_zalo_gets_the_template_with_vietnamese_parameters(province, clock):
    with http_gateway() as gateway:
        gateway.answers(200, {"error": 0, "message": "Success", "data": {"msg_id": "a1"}})
        sent, request = _one(province, clock, gateway, "zalo", MOTCUA_SMS_TOKEN="oa-token",
                             MOTCUA_ZNS_TEMPLATE="230515")
    assert sent.state == kinds.SENT
    assert request.headers["access_token"] == "oa-token"
    body = request.json()
    assert body["phone"] == "84912345678" and body["template_id"] == "230515"
    assert body["template_data"]["trang_thai"] == "đã có kết quả"
    assert body["template_data"]["don_vi"] == "UBND xã Tân Phú"


def test_zalo_without_a_template_says_what_is_missing(province, clock):
    result_ready(province, clock)
    with http_gateway() as gateway:
        waiting = run(province, sms_channel(gateway, "zalo"), clock)
        assert gateway.requests == []
    assert waiting.last_error == "Chưa cấu hình mẫu tin Zalo (MOTCUA_ZNS_TEMPLATE)."
