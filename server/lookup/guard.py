"""Checks every lookup passes before the database is read: not too many from one client, and a
code shaped like a dossier code. Their answers are worded for the JSON and the HTML face."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fastapi import Request

from desk.codes import parse_code
from server.lookup.ratelimit import RateLimiter

LIMIT_PER_MINUTE = 30


@dataclass(frozen=True)
class Refusal:
    status: int
    code: str
    detail: str  # English, for scripts
    message: str  # Vietnamese, for the citizen
    retry_after: int = 0

    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)} if self.retry_after else {}


def limiter(request: Request) -> RateLimiter:
    found = getattr(request.app.state, "lookup_limiter", None)
    if found is None:
        found = request.app.state.lookup_limiter = RateLimiter(LIMIT_PER_MINUTE)
    return found


def checked_code(request: Request, text: str, now: dt.datetime) -> str | Refusal:
    """The code to look up, or why not (429 before 422, so a flood learns nothing)."""
    client = request.client.host if request.client else "?"
    wait = limiter(request).wait_for(client, now)
    if wait:
        return Refusal(429, "too_many_lookups",
                       f"more than {LIMIT_PER_MINUTE} lookups a minute; retry in {wait} s",
                       f"Bạn tra cứu quá nhiều lần trong một phút. Xin thử lại sau {wait} giây.",
                       retry_after=wait)
    code = parse_code(text)
    if code is None:
        return Refusal(422, "malformed_code",
                       "a dossier code looks like 000.00.12.H12-261123-0001",
                       "Mã hồ sơ không đúng dạng. Mã in trên giấy tiếp nhận có dạng "
                       "000.00.12.H12-261123-0001.")
    return code


def unknown(code: str) -> Refusal:
    return Refusal(404, "unknown_dossier", f"no dossier {code} is held here",
                   f"Không tìm thấy hồ sơ có mã {code}. Hãy kiểm tra lại mã trên giấy tiếp "
                   "nhận; hồ sơ mới nộp có thể chưa được xã gửi lên máy chủ.")
