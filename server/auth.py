"""Who is calling: the device behind a bearer token ``<device id>.<secret>``.

Secrets are 256 random bits, so a plain SHA-256 is as strong as a slow password hash here and
keeps every push cheap; only the hash is stored and compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from fastapi import Header

from models.hub import Device
from server.errors import ApiError


def new_secret() -> str:
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    return hashlib.sha256(b"motcua-device-v1:" + secret.encode()).hexdigest()


def bearer_token(authorization: str | None = Header(default=None)) -> str:
    """The raw token from the Authorization header (checked against the database later,
    inside the request's own connection)."""
    if not authorization or not authorization.lower().startswith("bearer "):
        raise ApiError(401, "missing_token", "send Authorization: Bearer <device token>")
    return authorization[7:].strip()


def authenticate(token: str) -> Device:
    device_id, _, secret = token.partition(".")
    device = Device.get_or_none(Device.id == device_id) if device_id and secret else None
    if device is None or not hmac.compare_digest(device.secret_hash, hash_secret(secret)):
        raise ApiError(401, "invalid_token", "unknown device or wrong secret")
    if device.revoked_at is not None:
        raise ApiError(403, "device_revoked", "this device was revoked; enrol it again")
    return device
