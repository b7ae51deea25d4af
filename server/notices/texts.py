"""What a notice says: an e-mail in Vietnamese (plain text and HTML) and a text message without
diacritics that fits one GSM-7 segment, both from the same facts."""

from __future__ import annotations

import datetime as dt
import html
import re
from dataclasses import dataclass

from desk.clock import to_local
from desk.text import strip_marks
from server.notices import gsm
from server.notices.kinds import NEW_DUE, RECEIVED, REFUSED, RESULT_READY, STOPPED


@dataclass(frozen=True)
class NoticeFacts:
    kind: str
    code: str
    procedure: str
    unit: str  # "UBND xã Tân Phú"
    applicant: str
    when: dt.datetime  # the day the notice speaks of (result, new appointment, decision)
    hotline: str = ""
    lookup_url: str = ""
    reason: str = ""  # refused, stopped: the reasons recorded with the step
    due: dt.datetime | None = None  # received: the appointment


@dataclass(frozen=True)
class EmailContent:
    subject: str
    plain: str
    html: str


def unit_name(commune_name: str) -> str:
    """"Xã Tân Phú" → "UBND xã Tân Phú" (names in running text are in sentence case)."""
    name = commune_name.strip()
    return f"UBND {name[:1].lower()}{name[1:]}" if name else "Bộ phận một cửa"


def _day(instant: dt.datetime) -> str:
    return to_local(instant).strftime("%d/%m/%Y")


def _hour_day(instant: dt.datetime) -> str:
    return to_local(instant).strftime("%H:%M ngày %d/%m/%Y")


# ------------------------------------------------------------------ e-mail

_SUBJECTS = {
    RESULT_READY: "đã có kết quả", NEW_DUE: "hẹn lại ngày trả kết quả",
    STOPPED: "dừng giải quyết", REFUSED: "không được giải quyết", RECEIVED: "đã được tiếp nhận",
}


def _email_lines(f: NoticeFacts) -> list[str]:
    what = {
        RESULT_READY: [f"Hồ sơ của ông/bà đã có kết quả giải quyết từ {_hour_day(f.when)}.",
                       "Mời ông/bà mang giấy tiếp nhận hồ sơ và hẹn trả kết quả đến bộ phận "
                       "một cửa để nhận kết quả."],
        NEW_DUE: [f"{f.unit} thành thật xin lỗi ông/bà: hồ sơ chưa giải quyết xong đúng hẹn.",
                  f"Thời gian hẹn trả kết quả mới: {_hour_day(f.when)}."],
        STOPPED: [f"Hồ sơ đã dừng giải quyết từ {_hour_day(f.when)}.",
                  "Mời ông/bà đến bộ phận một cửa để nhận thông báo dừng giải quyết hồ sơ."],
        REFUSED: [f"Hồ sơ không được giải quyết (quyết định lúc {_hour_day(f.when)}).",
                  "Mời ông/bà đến bộ phận một cửa để nhận văn bản nêu rõ lý do."],
        RECEIVED: [f"Hồ sơ đã được tiếp nhận lúc {_hour_day(f.when)}."
                   + (f" Thời gian hẹn trả kết quả: {_hour_day(f.due)}." if f.due else "")],
    }[f.kind]
    if f.reason:
        what.append(f"Lý do: {f.reason}")
    return what


def email(f: NoticeFacts) -> EmailContent:
    subject = f"[{f.unit}] Hồ sơ {f.code} {_SUBJECTS[f.kind]}"
    head = [f"Kính gửi ông/bà {f.applicant},", "",
            f"Hồ sơ số {f.code} — {f.procedure} — nộp tại {f.unit}.", ""]
    tail = [""]
    if f.lookup_url:
        tail.append(f"Tra cứu tình trạng hồ sơ: {f.lookup_url}")
    if f.hotline:
        tail.append(f"Đường dây nóng: {f.hotline}")
    tail += ["", "Thư này được gửi tự động vì ông/bà đã đồng ý nhận thông báo khi nộp hồ sơ. "
             "Xin đừng trả lời thư này.", f.unit]
    plain = "\n".join([*head, *_email_lines(f), *tail]) + "\n"
    return EmailContent(subject, plain, _html(f, subject))


def _html(f: NoticeFacts, subject: str) -> str:
    e = html.escape
    body = "".join(f"<p>{e(line)}</p>" for line in _email_lines(f))
    link = (f'<p><a href="{e(f.lookup_url)}">Tra cứu tình trạng hồ sơ</a></p>'
            if f.lookup_url else "")
    hotline = f"<p>Đường dây nóng: <b>{e(f.hotline)}</b></p>" if f.hotline else ""
    return (f'<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{e(subject)}'
            '</title></head><body style="font-family:Arial,sans-serif;font-size:15px;'
            f'color:#1d2733"><p>Kính gửi ông/bà {e(f.applicant)},</p>'
            f"<p>Hồ sơ số <b>{e(f.code)}</b> — {e(f.procedure)} — nộp tại {e(f.unit)}.</p>"
            f"{body}{link}{hotline}"
            '<p style="color:#6c757d;font-size:13px">Thư này được gửi tự động vì ông/bà đã '
            "đồng ý nhận thông báo khi nộp hồ sơ. Xin đừng trả lời thư này.</p>"
            f"<p>{e(f.unit)}</p></body></html>")


# ------------------------------------------------------------------ text message

def _sms_what(f: NoticeFacts) -> str:
    return {
        RESULT_READY: f"ho so {f.code} da co ket qua ngay {_day(f.when)}, moi ong/ba den nhan",
        NEW_DUE: f"xin loi, ho so {f.code} hen lai ngay tra ket qua {_day(f.when)}",
        STOPPED: f"ho so {f.code} da dung giai quyet ngay {_day(f.when)}, moi den nhan thong bao",
        REFUSED: f"ho so {f.code} khong duoc giai quyet ngay {_day(f.when)}, moi den nhan van ban",
        RECEIVED: f"da tiep nhan ho so {f.code} ngay {_day(f.when)}"
                  + (f", hen tra {_day(f.due)}" if f.due else ""),
    }[f.kind]


def sms(f: NoticeFacts) -> str:
    """The longest wording that fits one GSM-7 segment: with the unit's name, else without it
    (the sender's brand name says who writes); the hotline is always there."""
    what = _sms_what(f)
    contact = f". LH {f.hotline}" if f.hotline else ""
    for text in (f"{f.unit}: {what}{contact}", f"{what[:1].upper()}{what[1:]}{contact}"):
        text = _gsm_safe(strip_marks(text))
        if gsm.fits_one_segment(text):
            return text
    return text[:gsm.SEGMENT]


def _gsm_safe(text: str) -> str:
    """What is left once every character GSM-7 lacks is dropped: after strip_marks Vietnamese
    needs none of them, but a unit's name or a code is free text, and one such character
    would turn the message into UCS-2 (70 characters a segment)."""
    kept = "".join(ch for ch in text if ch in gsm.BASIC and ch not in "\r\n")
    return re.sub(r"\s+", " ", kept).strip()


def zns_fields(f: NoticeFacts) -> dict[str, str]:
    """The parameters of a Zalo notification template (Vietnamese with diacritics)."""
    return {"ma_ho_so": f.code, "thu_tuc": f.procedure[:100], "don_vi": f.unit[:100],
            "trang_thai": _SUBJECTS[f.kind], "ngay": _day(f.when), "hotline": f.hotline}
