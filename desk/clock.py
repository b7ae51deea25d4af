"""Time: instants in UTC, shown in Vietnam time, and a hybrid logical clock for event order."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

from desk.errors import DomainError

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# A remote clock further ahead than this is not adopted: one commune PC set to 2036 must not
# drag every later event of the district behind it (DESIGN.md §3, "a far-future clock").
MAX_ADOPTED_DRIFT_MS = 24 * 3600 * 1000

Now = Callable[[], dt.datetime]

# The instants a record may carry: every side can store them, shift them to Vietnam time,
# count working days between them and print them. Far from datetime's own ends (year 1 with an
# offset, or 9999-12-31 shifted to +07:00, overflow), and wider than any dossier's life.
EARLIEST = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
LATEST = dt.datetime(2100, 1, 1, tzinfo=dt.UTC)


def utcnow() -> dt.datetime:
    """The wall clock: the one read of it, made by the entry points (the CLI, the window, the
    server's app factory), which hand it on as ``now``. Nothing else calls it."""
    return dt.datetime.now(dt.UTC)


def to_local(instant: dt.datetime) -> dt.datetime:
    try:
        return instant.astimezone(VN_TZ)
    except OverflowError:
        # Only a value stored before the range below was enforced: shown as it is, in UTC,
        # rather than stopping the screen or the document that shows it.
        return instant


def in_range(instant: dt.datetime) -> bool:
    return EARLIEST <= instant < LATEST


def wire_instant(text: str) -> dt.datetime:
    """An instant as a record carries it: ISO 8601 with its offset, within [EARLIEST, LATEST).

    The one rule for both sides: the server refuses a record that breaks it, a desk sets aside
    a pulled record that does. ValueError (and TypeError for what is not text) otherwise."""
    value = dt.datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("must carry its UTC offset")
    if not in_range(value):
        raise ValueError(f"must lie between {EARLIEST:%Y} and {LATEST:%Y}")
    return value


def parse_instant(text: str) -> dt.datetime:
    """ISO 8601 from a user or a script; a value without offset is taken as Vietnam time."""
    value = dt.datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        value = value.replace(tzinfo=VN_TZ)
    return value.astimezone(dt.UTC)


def instant_option(text: str | None, option: str) -> dt.datetime | None:
    """An instant given on the command line (ISO 8601, Vietnam time without an offset), or a
    refusal that names the option."""
    if not text:
        return None
    try:
        return parse_instant(text)
    except ValueError:
        raise DomainError(
            "invalid_instant",
            f"{option}: «{text}» không phải ngày giờ; hãy viết như 2026-12-01T08:30.",
            f"{option}: {text!r} is not an ISO 8601 date and time") from None


def iso_local(instant: dt.datetime | None) -> str | None:
    """ISO 8601 in Vietnam time with its +07:00 offset, as the CLI's JSON shows instants."""
    if instant is None:
        return None
    return to_local(instant).isoformat(timespec="seconds")


class HybridClock:
    """Hybrid logical clock: wall time in ms plus a counter, encoded to sort as text.

    Events order by (hlc, id). The physical part never goes backwards even when the PC clock
    does, and causality holds across devices through ``observe``.
    """

    def __init__(self, last: str = "", *, wall: Now) -> None:
        self._wall = wall
        self._ms, self._counter = decode_hlc(last) if last else (0, 0)

    def tick(self) -> str:
        now_ms = int(self._wall().timestamp() * 1000)
        if now_ms > self._ms:
            self._ms, self._counter = now_ms, 0
        else:
            self._counter += 1
        return self.current

    def observe(self, remote: str) -> None:
        ms, counter = decode_hlc(remote)
        now_ms = int(self._wall().timestamp() * 1000)
        if ms - now_ms > MAX_ADOPTED_DRIFT_MS:
            return
        if (ms, counter) > (self._ms, self._counter):
            self._ms, self._counter = ms, counter

    @property
    def current(self) -> str:
        return encode_hlc(self._ms, self._counter)


def encode_hlc(ms: int, counter: int) -> str:
    return f"{ms:015d}-{counter:06d}"


def decode_hlc(text: str) -> tuple[int, int]:
    ms, counter = text.split("-")
    return int(ms), int(counter)
