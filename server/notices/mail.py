"""E-mail over SMTP: ``MOTCUA_SMTP_URL`` = smtp://user:pass@host:587 (STARTTLS, required) or
smtps://user:pass@host:465 (TLS from the first byte), ``MOTCUA_MAIL_FROM`` the sender.

``?starttls=off`` allows a relay that offers no TLS, for a mail server on the same machine
only. ``MOTCUA_SMTP_CAFILE`` names the CA certificates to trust instead of the system's (a
province's own CA). Every call has a timeout, so a slow server costs one attempt, not a thread.
"""

from __future__ import annotations

import base64
import datetime as dt
import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, parseaddr
from urllib.parse import parse_qs, unquote, urlsplit

from server.notices import kinds, texts
from server.notices.channel import ChannelError
from server.notices.outbox import Delivery

TIMEOUT = 30.0


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    username: str = ""
    password: str = ""
    security: str = "starttls"  # starttls | tls | none
    sender: str = ""
    cafile: str | None = None
    timeout: float = TIMEOUT

    @classmethod
    def from_url(cls, url: str, sender: str, cafile: str | None = None) -> SmtpConfig:
        parts = urlsplit(url)
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("MOTCUA_SMTP_URL must look like smtp://user:pass@host:587 "
                             "or smtps://user:pass@host:465")
        security = "tls" if parts.scheme == "smtps" else "starttls"
        if parse_qs(parts.query).get("starttls") == ["off"] and security == "starttls":
            security = "none"
        return cls(host=parts.hostname, port=parts.port or (465 if security == "tls" else 587),
                   username=unquote(parts.username or ""), password=unquote(parts.password or ""),
                   security=security, sender=sender, cafile=cafile or None)


class EmailChannel:
    name = kinds.EMAIL

    def __init__(self, config: SmtpConfig | None, problem: str = "") -> None:
        self.config = config
        self._problem = problem or ("" if config else
                                    "Chưa cấu hình máy chủ thư (MOTCUA_SMTP_URL).")

    def problem(self) -> str:
        if not self._problem and self.config and not parseaddr(self.config.sender)[1]:
            return "Chưa cấu hình địa chỉ gửi thư (MOTCUA_MAIL_FROM)."
        return self._problem

    def send(self, delivery: Delivery, *, now: dt.datetime) -> None:
        assert self.config is not None
        message = compose(delivery, self.config.sender, now)
        try:
            with self._connect() as client:
                client.send_message(message)
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise ChannelError(f"Máy chủ thư từ chối địa chỉ nhận ({code} {_said(text)}).",
                               permanent=500 <= code < 600) from exc
        except smtplib.SMTPAuthenticationError as exc:
            raise ChannelError("Máy chủ thư từ chối đăng nhập: kiểm tra tài khoản trong "
                               "MOTCUA_SMTP_URL.") from exc
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code == -1:  # smtplib's word for a line that is not an SMTP reply
                raise ChannelError("Máy chủ thư trả lời không đúng giao thức SMTP.") from exc
            raise ChannelError(f"Máy chủ thư không nhận thư ({exc.smtp_code} "
                               f"{_said(exc.smtp_error)}).") from exc
        except (TimeoutError, smtplib.SMTPServerDisconnected) as exc:
            if not isinstance(exc, TimeoutError) and not isinstance(exc.__context__,
                                                                     TimeoutError):
                raise ChannelError(f"Máy chủ thư ngắt kết nối: {exc}.") from exc
            raise ChannelError(f"Máy chủ thư không trả lời trong {self.config.timeout:.0f} "
                               "giây.") from exc
        except ssl.SSLError as exc:
            raise ChannelError(f"Không thiết lập được kết nối mã hoá với máy chủ thư "
                               f"({exc.reason or exc}).") from exc
        except (OSError, smtplib.SMTPException) as exc:
            raise ChannelError(f"Không gửi được qua máy chủ thư: {exc or type(exc).__name__}."
                               ) from exc

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        assert c is not None
        context = ssl.create_default_context(cafile=c.cafile)
        if c.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout,
                                                    context=context)
        else:
            client = smtplib.SMTP(c.host, c.port, timeout=c.timeout)
        try:
            client.ehlo()
            if c.security == "starttls":
                if not client.has_extn("starttls"):
                    raise ChannelError("Máy chủ thư không hỗ trợ STARTTLS: không gửi mật khẩu "
                                       "và thư qua đường truyền không mã hoá.")
                client.starttls(context=context)
                client.ehlo()
            if c.username:
                _login(client, c.username, c.password)
        except BaseException:
            client.close()
            raise
        return client


def _login(client: smtplib.SMTP, username: str, password: str) -> None:
    """smtplib encodes credentials as ASCII; AUTH PLAIN is UTF-8 (RFC 4616), so a password
    with Vietnamese letters goes that way by hand."""
    if (username + password).isascii():
        client.login(username, password)
        return
    token = base64.b64encode(f"\0{username}\0{password}".encode()).decode()
    code, answer = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, answer)


def compose(delivery: Delivery, sender: str, now: dt.datetime) -> EmailMessage:
    content = texts.email(delivery.facts)
    message = EmailMessage()
    message["From"] = sender
    message["To"] = delivery.address
    message["Subject"] = content.subject
    message["Date"] = format_datetime(now)
    domain = parseaddr(sender)[1].rpartition("@")[2] or None
    message["Message-ID"] = make_msgid("motcua", domain=domain)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies back
    message.set_content(content.plain)
    message.add_alternative(content.html, subtype="html")
    return message


def _said(text: bytes | str) -> str:
    said = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return said.strip()[:200]
