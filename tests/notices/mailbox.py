"""A real SMTP server (aiosmtpd) on 127.0.0.1 with a real certificate: STARTTLS or TLS from
the first byte, a login, and the messages it took, parsed."""

from __future__ import annotations

import contextlib
import email
import email.policy
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.sync.harness import free_port

USER, PASSWORD = "motcua", "mật-khẩu-thư"


@dataclass
class Mailbox:
    host: str
    port: int
    cafile: Path
    messages: list[EmailMessage] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)  # recipients answered 550

    def url(self, scheme: str = "smtp") -> str:
        return f"{scheme}://{USER}:{PASSWORD}@{self.host}:{self.port}"


class _Handler:
    def __init__(self, box: Mailbox) -> None:
        self.box = box

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,  # noqa: N802
                          options: list[str]) -> str:
        if address in self.box.refuse:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.box.messages.append(parsed)
        return "250 Message accepted for delivery"


def _login(server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
    ok = isinstance(data, LoginPassword) and data.login == USER.encode() \
        and data.password == PASSWORD.encode()
    return AuthResult(success=ok, handled=False)


@contextlib.contextmanager
def mail_server(tmp_path: Path, implicit_tls: bool = False) -> Iterator[Mailbox]:
    ca = trustme.CA()
    cert = ca.issue_cert("127.0.0.1")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    cert.configure_cert(context)
    cafile = tmp_path / "smtp-ca.pem"
    ca.cert_pem.write_to_path(str(cafile))
    box = Mailbox("127.0.0.1", free_port(), cafile)
    # aiosmtpd does not count TLS from the first byte as TLS for AUTH; it is, so let it log in.
    tls = ({"ssl_context": context, "auth_require_tls": False} if implicit_tls
           else {"tls_context": context, "require_starttls": True})
    controller = Controller(_Handler(box), hostname=box.host, port=box.port,
                            authenticator=_login, auth_required=True, **tls)
    controller.start()
    try:
        yield box
    finally:
        controller.stop()
