"""The server's refusal of one record, told to the clerk in Vietnamese.

The server names a refused record with a stable English code and an English detail
(server/ingest: shapes, references, batch); the desk stores them in the outbox row as
``"code: detail"``. The clerk reads the Vietnamese reason; the IT person keeps the detail.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

ASK_IT = "Hãy báo cán bộ kỹ thuật."
REASONS = {
    "unknown_procedure": "Máy chủ cấp trên chưa có thủ tục {procedure} trong danh mục. "
                         "Hãy báo cấp trên nạp danh mục mới có thủ tục này (lệnh "
                         "«motcua-server reference load»); khi đã nạp, bấm «Gửi lại».",
    "unknown_dossier": "Máy chủ cấp trên chưa có hồ sơ của sự kiện này, thường vì chính hồ sơ "
                       "cũng đang bị giữ lại. Sự kiện được gửi lại cùng hồ sơ.",
    "wrong_commune": "Bản ghi thuộc xã/phường khác với xã/phường mà máy này đã đăng ký với "
                     "máy chủ cấp trên. " + ASK_IT,
    "duplicate_code": "Mã hồ sơ {code} đã được một hồ sơ khác dùng trên máy chủ cấp trên "
                      "(hai máy có thể đang đặt trùng số máy). " + ASK_IT,
    "duplicate_id": "Người nộp hoặc giấy tờ của hồ sơ mang mã định danh mà một hồ sơ khác "
                    "trên máy chủ cấp trên đã dùng. " + ASK_IT,
    "record_conflict": "Máy chủ cấp trên đã nhận bản ghi này trước đây nhưng với nội dung "
                       "khác; gửi lại không thay đổi được kết quả. " + ASK_IT,
    "invalid_record": "Dữ liệu của bản ghi không đúng quy cách máy chủ cấp trên yêu cầu. "
                      + ASK_IT,
    "invalid_event_data": "Thông tin đi kèm sự kiện (ngày hẹn, mức đánh giá, nội dung đính "
                          "chính) không hợp lệ. " + ASK_IT,
    "unknown_record_type": "Máy chủ cấp trên không biết loại bản ghi này (máy chủ có thể cũ "
                           "hơn phần mềm trên máy). " + ASK_IT,
    "unsupported_version": "Bản ghi theo định dạng máy chủ cấp trên chưa hỗ trợ: cần nâng cấp "
                           "máy chủ. Bấm «Gửi lại» sau khi nâng cấp.",
    "wrong_agency_code": "Mã hồ sơ {code} không mang mã cơ quan mà máy chủ cấp trên ghi cho "
                         "xã/phường này (mã cơ quan trên máy và trên máy chủ phải giống nhau). "
                         + ASK_IT,
    "stamped_in_future": "Thời điểm ghi trên bản ghi muộn hơn giờ của máy chủ cấp trên quá một "
                         "ngày: đồng hồ máy tính này có thể đang chạy sai. Hãy chỉnh lại đồng "
                         "hồ; khi giờ máy chủ đã qua thời điểm đó, bấm «Gửi lại».",
    "unfoldable_event": "Sự kiện này đứng trước lúc tiếp nhận hồ sơ theo thứ tự ghi nhận, hoặc "
                        "máy chủ chưa có sự kiện tiếp nhận của hồ sơ. Sự kiện được gửi lại cùng "
                        "hồ sơ. " + ASK_IT,
    "batch_too_large": "Bản ghi quá lớn, máy chủ cấp trên (hoặc thiết bị mạng) không nhận. "
                       + ASK_IT,
}
UNKNOWN = "Máy chủ cấp trên từ chối bản ghi này (mã {refusal}). " + ASK_IT
_CODE = re.compile(r"[a-z][a-z0-9_]*")


@dataclass(frozen=True)
class Refusal:
    code: str  # the server's stable code, e.g. "unknown_procedure"; "" when not recorded
    detail: str  # the server's English detail, for the IT person
    reason: str  # what the clerk reads


def split(error: str) -> tuple[str, str]:
    """``"code: detail"`` as stored by the push into (code, detail)."""
    code, sep, detail = error.partition(": ")
    if sep and _CODE.fullmatch(code):
        return code, detail
    return "", error


def explain(error: str, record: dict[str, Any]) -> Refusal:
    """The refusal stored in an outbox row, with the record's own facts filled in."""
    code, detail = split(error)
    template = REASONS.get(code, UNKNOWN)
    facts = {"procedure": record.get("procedure_code", ""), "code": record.get("code", ""),
             "refusal": code or "không rõ"}
    return Refusal(code, detail, " ".join(template.format_map(facts).split()))
