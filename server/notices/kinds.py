"""Which steps of a dossier tell the citizen (Decree 61/2018 art. 19.9 and 20, carried into
Decree 118/2025): the result is ready, it will be late (the apology or extension with the new
date), processing stopped, the dossier was refused; optionally, that it was received."""

from __future__ import annotations

RESULT_READY, NEW_DUE, STOPPED, REFUSED, RECEIVED = (
    "result_ready", "new_due", "stopped", "refused", "received")
# Event kind -> notice kind ("rescheduled" is the 2018 apology and the 2025 extension alike).
BY_EVENT = {
    "result_ready": RESULT_READY,
    "rescheduled": NEW_DUE,
    "stopped": STOPPED,
    "refused": REFUSED,
    "received": RECEIVED,
}
LABELS = {
    RESULT_READY: "Có kết quả",
    NEW_DUE: "Hẹn lại ngày trả kết quả",
    STOPPED: "Dừng giải quyết",
    REFUSED: "Từ chối giải quyết",
    RECEIVED: "Đã tiếp nhận",
}
EMAIL, SMS = "email", "sms"
CHANNEL_LABELS = {EMAIL: "Email", SMS: "SMS"}
PENDING, SENT, FAILED, SKIPPED = "pending", "sent", "failed", "skipped"
STATE_LABELS = {PENDING: "Đang chờ gửi lại", SENT: "Đã gửi", FAILED: "Không gửi được",
                SKIPPED: "Không cần gửi nữa"}
