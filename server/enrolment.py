"""Devices join a commune by trading a one-time code for an id and a secret."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass

from desk.clock import Now
from desk.ids import new_id
from models import Commune, db
from models.bundle import bundle_key
from models.hub import Device, EnrolmentCode
from server.auth import hash_secret, new_secret
from server.errors import ApiError

# No 0/O or 1/I/L: the code is read aloud over the phone and typed by a clerk.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_TTL = dt.timedelta(days=14)


@dataclass(frozen=True)
class Enrolled:
    device_id: str
    secret: str
    commune_code: str


def normalise(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def code_hash(code: str) -> str:
    return hashlib.sha256(normalise(code).encode()).hexdigest()


def make_code(commune_code: str, ttl: dt.timedelta = CODE_TTL, *,
              now: Now) -> tuple[str, dt.datetime]:
    if Commune.get_or_none(Commune.code == commune_code) is None:
        raise ApiError(404, "unknown_commune", f"commune {commune_code} is not registered")
    raw = "".join(secrets.choice(ALPHABET) for _ in range(12))
    code = "-".join(raw[i:i + 4] for i in range(0, 12, 4))
    made = now()
    EnrolmentCode.create(code_hash=code_hash(code), commune_code=commune_code,
                         created_at=made, expires_at=made + ttl)
    return code, made + ttl


def enrol(code: str, name: str = "", commune_code: str = "", *, now: Now) -> Enrolled:
    """Use the code once (an UPDATE that only one caller can win), then make the device.

    A desk says which commune it was set up for; a code for another commune is refused
    without being used up.
    """
    moment, device_id, secret = now(), new_id(), new_secret()
    with db.atomic():
        row = EnrolmentCode.get_or_none(EnrolmentCode.code_hash == code_hash(code))
        if row is not None and commune_code and row.commune_code != commune_code:
            raise ApiError(403, "commune_mismatch", "this code is for another commune")
        won = EnrolmentCode.update(used_at=moment, device_id=device_id).where(
            (EnrolmentCode.code_hash == code_hash(code)) & EnrolmentCode.used_at.is_null()
            & (EnrolmentCode.expires_at > moment)
        ).execute()
        if row is None or won != 1:
            raise ApiError(403, "invalid_enrolment_code",
                           "the enrolment code is unknown, used or expired")
        Device.create(id=device_id, commune_code=row.commune_code, name=name[:200],
                      secret_hash=hash_secret(secret), bundle_key=bundle_key(secret),
                      created_at=moment)
    return Enrolled(device_id, secret, row.commune_code)


def revoke(device_id: str, *, now: Now) -> bool:
    return Device.update(revoked_at=now()).where(
        (Device.id == device_id) & Device.revoked_at.is_null()).execute() == 1
