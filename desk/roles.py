"""Who may do what: one table of permissions, read by the CLI and the window alike.

``clerk`` receives dossiers and records their steps; ``leader`` also sees the statistics and the
audit trail; ``admin`` also changes settings, accounts, enrolment, bundles, backups and restores.
"""

from __future__ import annotations

from desk.errors import DomainError

CLERK, LEADER, ADMIN = "clerk", "leader", "admin"
ROLES = (CLERK, LEADER, ADMIN)
ROLE_LABELS = {CLERK: "Cán bộ tiếp nhận", LEADER: "Lãnh đạo", ADMIN: "Quản trị hệ thống"}

_EVERYONE = frozenset(ROLES)
_LEADERS = frozenset({LEADER, ADMIN})
_ADMINS = frozenset({ADMIN})

# permission → roles allowed. A command or a window action names one of these keys.
PERMISSIONS: dict[str, frozenset[str]] = {
    "dossiers": _EVERYONE,     # intake, dossier steps, search, receipts and slips
    "ledger": _EVERYONE,       # the dossier ledger (form 06) the counter keeps
    "sync": _EVERYONE,         # send and fetch now; records set aside
    "own_password": _EVERYONE,
    "statistics": _LEADERS,    # reports and their exports
    "audit": _LEADERS,
    "settings": _ADMINS,
    "accounts": _ADMINS,
    "enrolment": _ADMINS,
    "bundles": _ADMINS,
    "backup": _ADMINS,
    "restore": _ADMINS,
}

PERMISSION_LABELS = {
    "dossiers": "tiếp nhận và xử lý hồ sơ", "ledger": "in sổ theo dõi hồ sơ",
    "sync": "đồng bộ", "own_password": "đổi mật khẩu của mình",
    "statistics": "xem thống kê, báo cáo", "audit": "xem nhật ký hệ thống",
    "settings": "thay đổi cài đặt", "accounts": "quản lý tài khoản",
    "enrolment": "đăng ký máy với cấp trên", "bundles": "xuất, nhập gói dữ liệu USB",
    "backup": "sao lưu dữ liệu", "restore": "khôi phục dữ liệu",
}


def allowed(role: str, permission: str) -> bool:
    return role in PERMISSIONS[permission]


def require(role: str, permission: str) -> None:
    if not allowed(role, permission):
        raise DomainError(
            "forbidden",
            f"Tài khoản {ROLE_LABELS.get(role, role).lower()} không được "
            f"{PERMISSION_LABELS[permission]}. Hãy nhờ người có quyền thực hiện.",
        )
