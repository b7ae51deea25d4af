"""Administration: accounts and their roles, communes, enrolment codes for desks, reference
data, the province's own texts. Administrators only; every form keeps what was typed when it
is refused."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from models import Commune, db
from models.hub import DashboardUser
from server import enrolment
from server.clock import Clock
from server.communes import add_commune
from server.dashboard import csrf, province, reference_upload, users, web
from server.errors import ApiError

router = APIRouter(prefix="/admin")
Token = Annotated[str, Form(alias=csrf.FIELD)]
ACCOUNT_ERRORS = {
    "invalid_username": "Tên đăng nhập phải có từ 1 đến 64 ký tự.",
    "weak_password": f"Mật khẩu phải có ít nhất {users.MIN_PASSWORD} ký tự.",
    "invalid_role": "Hãy chọn vai trò của tài khoản.",
    "invalid_commune": "Tài khoản lãnh đạo xã/phường phải chọn xã/phường phụ trách.",
}
COMMUNE_ERRORS = {
    "missing_commune_code": "Hãy nhập mã xã/phường (ví dụ 26734).",
    "invalid_commune_code": "Mã xã/phường gồm 1–16 chữ cái hoặc chữ số.",
    "missing_commune_name": "Hãy nhập tên xã/phường.",
    "invalid_agency_code": "Mã cơ quan có dạng 000.00.12.H12.",
    "agency_code_taken": "Mã cơ quan này đã thuộc một xã/phường khác.",
}
ACCOUNT_REFUSED = "Không lưu được tài khoản này."
COMMUNE_REFUSED = "Không lưu được xã/phường này."
DONE = {"account": "Đã lưu tài khoản «{}»; các phiên đăng nhập cũ của tài khoản đã kết thúc.",
        "password": "Đã đặt mật khẩu mới cho «{}»; các phiên đăng nhập cũ đã kết thúc.",
        "active": "Đã cập nhật trạng thái tài khoản «{}».",
        "commune": "Đã lưu xã/phường «{}».", "province": "Đã lưu thông tin của tỉnh."}


@router.get("", response_model=None)
def admin_page(request: Request, clock: Clock, done: str = "", name: str = "") -> Response:
    with db.connection_context():
        who = _admin(request, clock)
        notice = DONE[done].format(name) if done in DONE else ""
        return _page(request, who, notice=notice)


def _page(request: Request, who: web.Viewer, status_code: int = 200, **context: Any
          ) -> Response:
    accounts = list(DashboardUser.select().order_by(DashboardUser.username))
    communes = list(Commune.select().order_by(Commune.code))
    defaults = {"notice": "", "error": {}, "kept": {}, "code": None}
    return web.page(request, "admin.html", who, status_code=status_code, accounts=accounts,
                    communes=communes, province_keys=province.KEYS,
                    commune_names={c.code: c.name for c in communes},
                    **{**defaults, **context})


def _admin(request: Request, clock: Clock) -> web.Viewer:
    who = web.viewer(request, clock)
    who.require_admin()
    return who


def _done(what: str, name: str = "") -> Response:
    return RedirectResponse(f"/admin?done={what}&name={quote(name)}", status_code=303)


@router.post("/accounts", response_model=None)
def save_account(request: Request, clock: Clock, token: Token = "",
                 username: Annotated[str, Form()] = "", display_name: Annotated[str, Form()] = "",
                 role: Annotated[str, Form()] = "province", commune: Annotated[str, Form()] = "",
                 password: Annotated[str, Form()] = "") -> Response:
    kept = {"username": username, "display_name": display_name, "role": role,
            "commune": commune}
    with db.connection_context():
        who = _admin(request, clock)
        who.check(request, token)
        try:
            user = users.save_user(users.Account(username, password, display_name, role,
                                                 commune or None), now=clock)
        except ApiError as exc:
            return _page(request, who, status_code=400, kept={"account": kept},
                         error={"account": ACCOUNT_ERRORS.get(exc.code, ACCOUNT_REFUSED)})
    return _done("account", user.username)


@router.post("/accounts/{account}/password", response_model=None)
def reset_password(request: Request, account: int, clock: Clock, token: Token = "",
                   password: Annotated[str, Form()] = "") -> Response:
    with db.connection_context():
        who = _admin(request, clock)
        who.check(request, token)
        user = _account(account)
        try:
            users.set_password(user, password, now=clock)
        except ApiError as exc:
            return _page(request, who, status_code=400,
                         error={f"password-{account}":
                                ACCOUNT_ERRORS.get(exc.code, ACCOUNT_REFUSED)})
    return _done("password", user.username)


@router.post("/accounts/{account}/active", response_model=None)
def set_active(request: Request, account: int, clock: Clock, token: Token = "",
               active: Annotated[str, Form()] = "") -> Response:
    with db.connection_context():
        who = _admin(request, clock)
        who.check(request, token)
        user = _account(account)
        if user.id == who.user.id:
            raise web.Refused(400, "Không thể tự khoá tài khoản đang dùng.")
        users.set_active(user, active == "1")
    return _done("active", user.username)


def _account(account: int) -> DashboardUser:
    user = DashboardUser.get_or_none(DashboardUser.id == account)
    if user is None:
        raise web.Refused(404, "Không có tài khoản này.")
    return user


@router.post("/communes", response_model=None)
def save_commune(request: Request, clock: Clock, token: Token = "",
                 code: Annotated[str, Form()] = "", name: Annotated[str, Form()] = "",
                 agency_code: Annotated[str, Form()] = "",
                 province_name: Annotated[str, Form()] = "") -> Response:
    kept = {"code": code, "name": name, "agency_code": agency_code,
            "province_name": province_name}
    with db.connection_context():
        who = _admin(request, clock)
        who.check(request, token)
        try:
            saved = add_commune(code, name, agency_code, province_name)
        except ApiError as exc:
            return _page(request, who, status_code=400, kept={"commune": kept},
                         error={"commune": COMMUNE_ERRORS.get(exc.code, COMMUNE_REFUSED)})
    return _done("commune", saved.name)


@router.post("/enrolment", response_model=None)
def enrolment_code(request: Request, clock: Clock, token: Token = "",
                   commune: Annotated[str, Form()] = "") -> Response:
    """The code is shown once, here; the server keeps only its hash."""
    with db.connection_context():
        who = _admin(request, clock)
        who.check(request, token)
        try:
            code, expires = enrolment.make_code(commune, now=clock)
        except ApiError:
            return _page(request, who, status_code=400, kept={"enrolment": commune},
                         error={"enrolment": "Hãy chọn một xã/phường đã đăng ký."})
        name = Commune.get_by_id(commune).name
        return _page(request, who, code={"code": code, "expires": expires, "commune": name},
                     kept={"enrolment": commune})


@router.post("/reference", response_model=None)
def reference(request: Request, clock: Clock, token: Token = "",
              file: UploadFile | None = None) -> Response:
    with db.connection_context():
        who = _admin(request, clock)
        who.check(request, token)
        if file is None or not file.filename:
            return _page(request, who, status_code=400,
                         error={"reference": "Hãy chọn tệp danh mục hoặc lịch (.json)."})
        try:
            loaded = reference_upload.load(file.file.read(), now=clock)
        except reference_upload.ReferenceRefused as exc:
            return _page(request, who, status_code=400,
                         error={"reference": f"Không nạp tệp «{file.filename}»: {exc}"})
        what = "thủ tục" if loaded.kind == "catalogue" else "ngày trong lịch"
        version = f" (phiên bản {loaded.version})" if loaded.version else ""
        return _page(request, who, notice=f"Đã nạp {loaded.count} {what}{version}; các máy "
                                          "tiếp nhận nhận bản mới ở lần đồng bộ tới.")


@router.post("/province", response_model=None)
def save_province(request: Request, clock: Clock, token: Token = "",
                  province_name: Annotated[str, Form()] = "",
                  agency_name: Annotated[str, Form()] = "") -> Response:
    with db.connection_context():
        who = _admin(request, clock)
        who.check(request, token)
        province.save({"province_name": province_name, "agency_name": agency_name},
                      now=clock())
    return _done("province")
