"""Secrets kept in the OS credential store (keyring) and nowhere else: the device secret and
the database key.

Never in the database, never in a file: when the OS offers no real store (keyring's "fail" or
"null" backends, or a keyrings.alt file backend that writes secrets to disk), the desk refuses
and tells the clerk, instead of quietly writing the secret somewhere a copied disk would leak.
Tests choose a backend with ``PYTHON_KEYRING_BACKEND``.
"""

from __future__ import annotations

import contextlib

import keyring
import keyring.backend
import keyring.errors

from desk.errors import DomainError

SERVICE = "MotCuaDesk"
_UNSAFE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")

NO_KEYRING = (
    "Máy tính này không có kho khóa bảo mật của hệ điều hành (Windows Credential Manager "
    "hoặc Secret Service), nên không thể lưu khóa đồng bộ an toàn. Hãy nhờ cán bộ kỹ thuật bật "
    "kho khóa rồi đăng ký lại; trong lúc chờ, hãy dùng gói dữ liệu USB."
)


def _leaves(backend: keyring.backend.KeyringBackend) -> list[keyring.backend.KeyringBackend]:
    """The backends a chainer would really use."""
    inner = getattr(backend, "backends", None)
    return list(inner) if inner else [backend]


def is_safe(backend: keyring.backend.KeyringBackend) -> bool:
    return any(not type(b).__module__.startswith(_UNSAFE_MODULES) for b in _leaves(backend))


def require_store() -> keyring.backend.KeyringBackend:
    return _store(NO_KEYRING)


NO_KEYRING_FOR_DATA = (
    "Máy tính này không có kho khóa bảo mật của hệ điều hành (Windows Credential Manager hoặc "
    "Secret Service), nên không thể giữ khóa mã hóa dữ liệu công dân. Hãy nhờ cán bộ kỹ thuật "
    "bật kho khóa rồi mở lại phần mềm."
)


def store_database_key(name: str, key_hex: str) -> None:
    """The database's key, under the same rules as the device secret: a real store or none."""
    backend = _store(NO_KEYRING_FOR_DATA)
    try:
        backend.set_password(SERVICE, name, key_hex)
    except keyring.errors.KeyringError as exc:
        raise DomainError("no_secure_keyring", NO_KEYRING_FOR_DATA) from exc


def load_database_key(name: str) -> str | None:
    backend = _store(NO_KEYRING_FOR_DATA)
    try:
        return backend.get_password(SERVICE, name) or None
    except keyring.errors.KeyringError as exc:
        raise DomainError("no_secure_keyring", NO_KEYRING_FOR_DATA) from exc


def _store(message: str) -> keyring.backend.KeyringBackend:
    backend = keyring.get_keyring()
    if not is_safe(backend):
        raise DomainError("no_secure_keyring", message)
    return backend


def store_secret(device_id: str, secret: str) -> None:
    backend = require_store()
    try:
        backend.set_password(SERVICE, device_id, secret)
    except keyring.errors.KeyringError as exc:
        raise DomainError("no_secure_keyring", NO_KEYRING) from exc


def load_secret(device_id: str) -> str:
    backend = require_store()
    try:
        secret = backend.get_password(SERVICE, device_id)
    except keyring.errors.KeyringError as exc:
        raise DomainError("no_secure_keyring", NO_KEYRING) from exc
    if not secret:
        raise DomainError(
            "missing_device_secret",
            "Không tìm thấy khóa đồng bộ của máy này trong kho khóa. "
            "Hãy xin mã đăng ký mới từ cấp trên và đăng ký lại (motcua enroll).",
        )
    return secret


def delete_secret(device_id: str) -> None:
    with contextlib.suppress(keyring.errors.PasswordDeleteError):
        require_store().delete_password(SERVICE, device_id)
