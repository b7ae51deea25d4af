"""Record ids: UUIDv7, made where the record is born, time-ordered so indexes stay compact."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    return str(uuid6.uuid7())
