"""A growing wait after failed sign-ins, per user name and per client address.

A few mistakes cost nothing; after that each new attempt must wait twice as long as the last
(1 s, 2 s, 4 s … up to a quarter of an hour), counted from the last failure. The counts live in
the database, so every worker process of ``serve --workers`` sees the same ones. Whether the
user name exists plays no part: a refused attempt is refused before any password is checked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from models.hub import LoginThrottle


@dataclass(frozen=True)
class Policy:
    free_per_user: int = 5
    free_per_client: int = 20  # a commune office signs in from one address behind its router
    longest: dt.timedelta = dt.timedelta(minutes=15)
    forget_after: dt.timedelta = dt.timedelta(hours=24)


def keys(username: str, client: str) -> tuple[str, str]:
    return f"user:{username}"[:200], f"client:{client}"[:200]


def wait(policy: Policy, username_key: str, client_key: str, now: dt.datetime) -> int:
    """Seconds before another attempt is heard (0: go ahead)."""
    rows = {r.key: r for r in LoginThrottle.select().where(
        LoginThrottle.key.in_([username_key, client_key]))}
    seconds = 0.0
    for key, free in ((username_key, policy.free_per_user), (client_key, policy.free_per_client)):
        row = rows.get(key)
        if row is None or now - row.last_failure_at > policy.forget_after:
            continue
        if row.failures >= free:
            delay = min(policy.longest, dt.timedelta(seconds=2 ** (row.failures - free)))
            seconds = max(seconds, (row.last_failure_at + delay - now).total_seconds())
    return max(0, int(seconds + 0.999))


def failed(policy: Policy, keys_: Iterable[str], now: dt.datetime) -> None:
    for key in keys_:
        row = LoginThrottle.get_or_none(LoginThrottle.key == key)
        if row is not None and now - row.last_failure_at > policy.forget_after:
            LoginThrottle.delete().where(LoginThrottle.key == key).execute()
        LoginThrottle.insert(key=key, failures=1, last_failure_at=now).on_conflict(
            conflict_target=[LoginThrottle.key],
            update={LoginThrottle.failures: LoginThrottle.failures + 1,
                    LoginThrottle.last_failure_at: now}).execute()


def succeeded(username_key: str) -> None:
    LoginThrottle.delete().where(LoginThrottle.key == username_key).execute()
