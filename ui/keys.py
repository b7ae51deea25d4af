"""The keyboard map, declared once: the window binds these keys and Help shows the same table.

Window-wide keys work from every screen (list, intake, statistics, an open dossier) because they
are bound on the main window, not on the screen that happens to be visible.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Key:
    keys: str  # QKeySequence text, e.g. "F2", "Alt+1"
    label: str  # what it does, in the clerk's words
    where: str = "Mọi màn hình"

    @property
    def shown(self) -> str:
        """How the key is written for the clerk ("Alt+1…6" stays as is)."""
        return self.keys.replace("Return", "Enter").replace("Escape", "Esc")


NEW_INTAKE = Key("F2", "Tiếp nhận hồ sơ mới")
FIND = Key("F3", "Tìm hồ sơ, hoặc quét mã vạch trên giấy tiếp nhận")
FIND_ALSO = Key("Ctrl+F", "Tìm hồ sơ")
STATISTICS = Key("F9", "Thống kê")
AUDIT = Key("F10", "Nhật ký hệ thống")
REFRESH = Key("F5", "Làm mới màn hình đang xem")
BACK = Key("Escape", "Quay lại: từ hồ sơ về màn hình trước, từ màn hình khác về danh sách")
PRINT = Key("Ctrl+P", "In giấy tiếp nhận (của hồ sơ đang xem hoặc đang chọn)")
HELP = Key("F1", "Bảng phím tắt")
QUIT = Key("Ctrl+Q", "Thoát chương trình")
SETTINGS = Key("Ctrl+,", "Cài đặt")
PARKED = Key("Ctrl+G", "Bản ghi bị giữ lại")
QUEUE_KEYS = tuple(f"Alt+{n}" for n in range(1, 7))
QUEUES = Key("Alt+1…6", "Danh sách: Hôm nay, Sắp đến hạn, Quá hạn, Chờ bổ sung, "
                        "Chờ trả kết quả, Tất cả")

# Keys of one screen: bound there, listed here for Help.
LIST_OPEN = Key("Return", "Mở hồ sơ đang chọn", "Danh sách")
INTAKE_SAVE = Key("Return", "Tiếp nhận và in giấy tiếp nhận (ô thủ tục và ô quét CCCD giữ "
                            "phím Enter của mình)", "Tiếp nhận hồ sơ")
DOSSIER_ACTION = Key("1…9", "Thao tác có số tương ứng (luôn hỏi lại trước khi ghi nhận)",
                     "Hồ sơ")
CONTROL_SLIP = Key("Ctrl+K", "In phiếu kiểm soát quá trình giải quyết", "Hồ sơ")
CONFIRM = Key("Return", "Đồng ý; Esc: hủy", "Hộp thoại")

KEYMAP: tuple[Key, ...] = (
    NEW_INTAKE, FIND, FIND_ALSO, QUEUES, STATISTICS, AUDIT, REFRESH, BACK, PRINT, SETTINGS,
    PARKED, HELP, QUIT, LIST_OPEN, INTAKE_SAVE, DOSSIER_ACTION, CONTROL_SLIP, CONFIRM,
)
