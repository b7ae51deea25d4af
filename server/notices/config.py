"""The channels from the server's environment (secrets never go in the database)."""

from __future__ import annotations

from collections.abc import Mapping

from server.notices.mail import EmailChannel, SmtpConfig
from server.notices.sms import DEFAULT_URLS, SHAPES, SmsChannel, SmsConfig

POLL_SECONDS = 10.0


def email_channel(env: Mapping[str, str]) -> EmailChannel:
    url = env.get("MOTCUA_SMTP_URL", "").strip()
    if not url:
        return EmailChannel(None)
    try:
        config = SmtpConfig.from_url(url, env.get("MOTCUA_MAIL_FROM", "").strip(),
                                     env.get("MOTCUA_SMTP_CAFILE", "").strip() or None)
    except ValueError:
        return EmailChannel(None, "MOTCUA_SMTP_URL không đúng dạng smtp://… hoặc smtps://….")
    return EmailChannel(config)


def sms_channel(env: Mapping[str, str]) -> SmsChannel:
    api = env.get("MOTCUA_SMS_API", "generic").strip().lower() or "generic"
    if api not in SHAPES:
        return SmsChannel(None, f"MOTCUA_SMS_API «{api}» không có; chọn một trong: "
                          + ", ".join(SHAPES) + ".")
    url = env.get("MOTCUA_SMS_URL", "").strip() or DEFAULT_URLS.get(api, "")
    if not url:
        return SmsChannel(None)
    if not url.startswith(("https://", "http://")):
        return SmsChannel(None, "MOTCUA_SMS_URL phải là địa chỉ http(s)://….")
    token = env.get("MOTCUA_SMS_TOKEN", "").strip()
    if not token.isascii():
        return SmsChannel(None, "MOTCUA_SMS_TOKEN chứa ký tự ngoài bảng ASCII: hãy chép lại "
                          "mã của nhà cung cấp.")
    return SmsChannel(SmsConfig(url=url, token=token, api=api,
                                sender=env.get("MOTCUA_SMS_SENDER", "").strip(),
                                template=env.get("MOTCUA_ZNS_TEMPLATE", "").strip()))


def poll_seconds(env: Mapping[str, str]) -> float:
    try:
        return max(0.05, float(env.get("MOTCUA_NOTICE_POLL", POLL_SECONDS)))
    except ValueError:
        return POLL_SECONDS
