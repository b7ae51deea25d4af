"""Password hashes: argon2id through argon2-cffi, with its RFC 9106 parameters in production.

Each hash carries its own parameters, so a hash made under other parameters still verifies and
is upgraded at the next good login. ``MOTCUA_PASSWORD_HASH=fast`` (the test suite sets it)
chooses cheap parameters so that hundreds of test accounts do not cost minutes; nothing in the
shipped app sets it, and an unknown value falls back to the production parameters.
"""

from __future__ import annotations

import os
from functools import cache

import argon2

ENV_PROFILE = "MOTCUA_PASSWORD_HASH"


@cache
def _hasher(profile: str) -> argon2.PasswordHasher:
    if profile == "fast":
        return argon2.PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    return argon2.PasswordHasher.from_parameters(argon2.profiles.RFC_9106_LOW_MEMORY)


def hasher() -> argon2.PasswordHasher:
    return _hasher(os.environ.get(ENV_PROFILE, ""))


def hash_password(password: str) -> str:
    return hasher().hash(password)


def verify(stored: str, password: str) -> bool:
    try:
        return hasher().verify(stored, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    return hasher().check_needs_rehash(stored)


@cache
def _dummy() -> str:
    return hash_password("motcua-no-such-account")


def burn(password: str) -> None:
    """Spend the time a real check would, so an unknown login answers as slowly as a known
    one (no way to list accounts by timing the refusals)."""
    verify(_dummy(), password)
